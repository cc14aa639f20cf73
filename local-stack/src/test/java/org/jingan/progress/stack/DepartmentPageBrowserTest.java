package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.contract.UnitNames;
import org.jingan.progress.stack.demo.ReplaySpeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The departments' own page in Debian's headless Chromium, on the whole local stack (broker, registry, streams app
 * and its dashboard, intake) with the district clock set to 30 June 2020: the construction department signs in with
 * its key, reports through the form (live validation with the API's messages), sees the report on "My targets" and on
 * the public dashboard, double-submits a form (counted once), uploads an .xlsx and a GBK CSV made here (each first with
 * a bad row: nothing written, the row named; then fixed: written once), retracts a report, and is neither offered nor
 * allowed another department's target; answers a supervision case an operator opened in the monitor (refusals under
 * their fields, then stored) and uploads a plan (a bad one names its row, a good one gets a submission id). Screenshots of every screen in Chinese and English go to
 * target/screenshots/department-*.png. Skipped when Chromium is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DepartmentPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEPARTMENT = "construction";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path dataDir;
    private Stack stack;
    private ClockSetter clock;
    private ChromeDriver browser;
    private String page;
    private String key;
    private Target reported; // the form's target: cumulative, with a value
    private Target uploadedA;
    private Target uploadedB;
    private Target foreign; // another department's

    @BeforeAll
    void startStackAndBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        dataDir = Files.createTempDirectory("department-page");
        stack = Stack.start(new StackConfig(dataDir, true, null, null, null, Map.of(), 1, StackConfig.Ports.ANY,
                ReplaySpeed.MAX, false, 2020), line -> { });
        clock = new ClockSetter(Topics.CLOCK.name(), stack.clientConfig(), stack.clientConfig(), "department-page-test");
        clock.set(Instant.parse("2020-06-30T10:00:00+08:00"));
        Awaitility.await().atMost(WAIT).until(() -> stack.districtClock().now().equals(Instant.parse("2020-06-30T10:00:00+08:00")));
        var keys = new java.util.Properties();
        try (var in = Files.newBufferedReader(stack.departmentKeysFile())) {
            keys.load(in);
        }
        key = keys.getProperty(DEPARTMENT);
        List<Target> own = Catalog.loadDefault().targets().stream()
                .filter(t -> t.getDepartmentId().equals(DEPARTMENT) && t.getKind() == TargetKind.CUMULATIVE
                        && t.getTargetValue() != null && t.getParentTargetId() == null).toList();
        reported = own.get(own.size() - 1);
        uploadedA = own.get(0);
        uploadedB = own.get(1);
        foreign = Catalog.loadDefault().targets().stream().filter(t -> !t.getDepartmentId().equals(DEPARTMENT)
                && t.getKind() == TargetKind.CUMULATIVE).findFirst().orElseThrow();
        page = stack.intakeUrl() + "/department";
        browser = chromium();
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (clock != null) {
            clock.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void shouldSignInWithTheKeyAndShowOnlyOwnTargets() throws IOException {
        browser.get(page);
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        screenshot("department-sign-in-zh.png");
        // keyboard only: the key field has the focus, Enter submits
        browser.switchTo().activeElement().sendKeys("jpk_wrong" + Keys.ENTER);
        waitUntil(() -> text("#sign-in-error").contains("密钥无效"));
        browser.findElement(By.id("key")).clear();
        browser.findElement(By.id("key")).sendKeys(key + Keys.ENTER);
        waitUntil(() -> browser.findElements(By.cssSelector("#targets-table tbody tr[data-target]")).size() > 0);

        assertThat(text("#who")).contains("（construction）");
        assertThat(text("#clock-line")).isEqualTo("区时钟今日：2020年6月30日");
        List<String> shown = browser.findElements(By.cssSelector("#targets-table tbody tr[data-target]")).stream()
                .map(r -> r.getAttribute("data-target")).toList();
        assertThat(shown).contains(reported.getId()).doesNotContain(foreign.getId());
        assertThat(browser.manage().getCookieNamed("intake_session")).satisfies(c -> {
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.getSameSite()).isEqualTo("Strict");
        });
        assertThat(browser.getCurrentUrl()).doesNotContain(key);
        assertThat((String) browser.executeScript("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie"))
                .doesNotContain(key).doesNotContain("intake_session");
        screenshot("department-targets-zh.png");
    }

    @Test
    @Order(2)
    void shouldCheckLiveThenAcceptAReportAndShowItOnMyTargetsAndTheDashboard() throws Exception {
        openTab("report");
        new Select(browser.findElement(By.id("report-target"))).selectByValue(reported.getId());
        assertThat(new Select(browser.findElement(By.id("report-target"))).getOptions()).extracting(o -> o.getAttribute("value"))
                .doesNotContain(foreign.getId());
        assertThat(new Select(browser.findElement(By.id("report-kind"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("增量", "累计");
        assertThat(browser.findElement(By.id("report-date")).getAttribute("value")).isEqualTo("2020年6月30日");
        assertThat(text("#report-unit")).isEqualTo("（" + reported.getUnit() + "）");
        browser.findElement(By.id("report-value")).sendKeys("三");
        // the API's own message, in Chinese, next to the field
        waitUntil(() -> !text("#err-value").isEmpty());
        assertThat(browser.findElement(By.id("report-value")).getAttribute("aria-invalid")).isEqualTo("true");
        String zhMessage = text("#err-value");
        assertThat(zhMessage).containsPattern("\\p{IsHan}");
        browser.findElement(By.id("report-reporter")).sendKeys("王工");
        screenshot("department-report-error-zh.png");

        browser.findElement(By.id("report-value")).clear();
        browser.findElement(By.id("report-value")).sendKeys("3");
        waitUntil(() -> text("#err-value").isEmpty());
        browser.findElement(By.id("report-submit")).click();
        waitUntil(() -> text("#report-result").startsWith("已受理并计入一次"));
        screenshot("department-report-accepted-zh.png");

        openTab("targets");
        waitUntil(() -> text("#reports-table tbody").contains("王工"));
        // the standing, read from the streams app, shows the report
        JsonNode standing = awaitStanding(reported.getId(), s -> s.path("actual").asDouble() == 3.0);
        assertThat(standing.path("eventCount").asInt()).isEqualTo(1);
        reloadUntil(() -> text("#targets-table tr[data-target='" + reported.getId() + "'] td[data-col=actual]")
                .startsWith("3 "));
        browser.findElement(By.cssSelector("button[data-open='" + reported.getId() + "']")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector("#burnup svg polyline")).isEmpty());
        screenshot("department-target-chart-zh.png");

        // the public dashboard
        browser.get(stack.dashboardUrl() + "/#/target/" + reported.getId());
        waitUntil(() -> !browser.findElements(By.cssSelector("#view-target .actual")).isEmpty()
                && text("#view-target .actual").equals("3"));
        screenshot("department-report-on-dashboard.png");
    }

    @Test
    @Order(3)
    void shouldCountADoubleSubmittedFormOnce() throws Exception {
        browser.get(page + "#report");
        waitUntil(() -> browser.findElement(By.id("report-form")).isDisplayed()
                && !browser.findElements(By.cssSelector("#report-target option")).isEmpty());
        new Select(browser.findElement(By.id("report-target"))).selectByValue(reported.getId());
        // the same kind as before: the streams app does not mix year-to-date totals with increments on one target
        new Select(browser.findElement(By.id("report-kind"))).selectByValue("CUMULATIVE_TO_DATE");
        browser.findElement(By.id("report-value")).sendKeys("5");
        int before = rowsOfReports();
        // a double click, and the same form sent twice more behind the button's back: one Idempotency-Key
        String key = browser.findElement(By.id("report-idempotency")).getAttribute("value");
        browser.executeScript("const b = document.getElementById('report-submit'); b.click(); b.click();");
        @SuppressWarnings("unchecked")
        List<Object> answers = (List<Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const key = arguments[0];
                fetch('/department/session').then(r => r.json()).then(s => {
                  const send = () => fetch('/department/api/reports', {method: 'POST', headers: {'Content-Type': 'application/json',
                      'X-CSRF-Token': s.csrfToken, 'Idempotency-Key': key},
                      body: JSON.stringify({targetId: arguments[1], kind: 'CUMULATIVE_TO_DATE', value: '5', eventTime: '2020-06-30'})})
                    .then(r => r.json().then(b => r.status + ' ' + b.eventId));
                  return Promise.all([send(), send()]);
                }).then(done, e => done(['error ' + e]));
                """, key, reported.getId());
        waitUntil(() -> text("#report-result").contains("计入一次") || text("#report-result").contains("未重复计入"));
        assertThat(answers).hasSize(2).allSatisfy(a -> assertThat((String) a).startsWith("202 "));
        assertThat(answers.get(0)).as("the same form: the same event").isEqualTo(answers.get(1));

        JsonNode standing = awaitStanding(reported.getId(), s -> s.path("actual").asDouble() == 5.0);
        assertThat(standing.path("eventCount").asInt()).as("one report for three sends").isEqualTo(2);
        openTab("targets");
        waitUntil(() -> rowsOfReports() == before + 1);
    }

    @Test
    @Order(4)
    void shouldRefuseAnotherDepartmentsTargetWith403() throws Exception {
        Object status = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/department/session').then(r => r.json()).then(s => fetch('/department/api/reports', {method: 'POST',
                    headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},
                    body: JSON.stringify({targetId: arguments[0], value: '1', eventTime: '2020-06-30'})}))
                  .then(r => done(r.status), e => done('error ' + e));
                """, foreign.getId());
        assertThat(status).isEqualTo(403L);
        HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/api/v1/reports"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"targetId\":\"" + foreign.getId() + "\",\"value\":1,\"eventTime\":\"2020-06-30\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(403);
        // and without the CSRF token, even a same-site request changes nothing
        Object noToken = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/department/api/reports', {method: 'POST', headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({targetId: arguments[0], value: '1', eventTime: '2020-06-30'})})
                  .then(r => done(r.status), e => done('error ' + e));
                """, reported.getId());
        assertThat(noToken).isEqualTo(403L);
    }

    @Test
    @Order(5)
    void shouldPreviewAnXlsxWithABadRowWriteNothingThenWriteTheFixedOneOnce() throws Exception {
        Path bad = xlsx("bad.xlsx", "abc");
        Path good = xlsx("good.xlsx", "4");
        int before = rowsOfReports();
        openTab("upload");
        preview(bad, "auto");
        waitUntil(() -> browser.findElements(By.cssSelector("#preview-table tr.bad-row")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#preview-table tr.bad-row")).getAttribute("data-line")).isEqualTo("3");
        assertThat(text("#preview-summary")).contains("读取到 2 行（xlsx）").contains("1 行有误").contains("全部未写入");
        assertThat(browser.findElement(By.id("upload-commit")).isDisplayed()).isFalse();
        screenshot("department-upload-xlsx-error-zh.png");
        // sent anyway (the API upload takes .xlsx too): refused whole, the row named
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/api/v1/reports/upload"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .POST(HttpRequest.BodyPublishers.ofFile(bad)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).path("errors").get(0).path("line").asInt()).isEqualTo(3);

        preview(good, "auto");
        waitUntil(() -> browser.findElement(By.id("upload-commit")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("#preview-table tr.bad-row"))).isEmpty();
        screenshot("department-upload-preview-zh.png");
        browser.findElement(By.id("upload-commit")).click();
        waitUntil(() -> text("#upload-result").equals("已全部写入 2 行，每行计入一次。"));
        // the same file again: nothing twice
        preview(good, "auto");
        waitUntil(() -> browser.findElement(By.id("upload-commit")).isDisplayed());
        browser.findElement(By.id("upload-commit")).click();
        waitUntil(() -> text("#upload-result").startsWith("此文件此前已写入"));
        awaitStanding(uploadedA.getId(), s -> s.path("actual").asDouble() == 4.0 && s.path("eventCount").asInt() == 1);
        openTab("targets");
        waitUntil(() -> rowsOfReports() == before + 2);
    }

    @Test
    @Order(6)
    void shouldReadAGbkCsvWithABadRowWriteNothingThenWriteTheFixedOneOnce() throws Exception {
        Path bad = gbkCsv("bad.csv", uploadedB.getId(), "5", foreign.getId());
        Path good = gbkCsv("good.csv", uploadedB.getId(), "5", null);
        int before = rowsOfReports();
        openTab("upload");
        preview(bad, "auto");
        waitUntil(() -> browser.findElements(By.cssSelector("#preview-table tr.bad-row")).size() == 1);
        assertThat(text("#preview-summary")).contains("GB18030");
        assertThat(browser.findElement(By.cssSelector("#preview-table tr.bad-row")).getAttribute("data-line")).isEqualTo("3");
        assertThat(text("#preview-table tr.bad-row")).contains("不属于本部门");
        assertThat(text("#preview-table tbody")).contains("王工"); // read as GBK, not mojibake
        screenshot("department-upload-gbk-error-zh.png");

        preview(good, "GBK");
        waitUntil(() -> browser.findElement(By.id("upload-commit")).isDisplayed());
        browser.findElement(By.id("upload-commit")).click();
        waitUntil(() -> text("#upload-result").equals("已全部写入 1 行，每行计入一次。"));
        // the .xlsx's 4 of the day before, then this 5: two reports, the year-to-date total 5
        awaitStanding(uploadedB.getId(), s -> s.path("actual").asDouble() == 5.0 && s.path("eventCount").asInt() == 2);
        openTab("targets");
        waitUntil(() -> rowsOfReports() == before + 1);
    }

    @Test
    @Order(7)
    void shouldRetractAnOwnReportWithAReason() throws Exception {
        openTab("correct");
        waitUntil(() -> !browser.findElements(By.cssSelector("#correct-choices input")).isEmpty());
        browser.findElement(By.id("correct-submit")).click();
        waitUntil(() -> !text("#err-reason").isEmpty());
        assertThat(text("#err-eventId")).isNotEmpty();
        screenshot("department-correct-error-zh.png");
        WebElement first = browser.findElement(By.cssSelector("#correct-choices label"));
        assertThat(first.getText()).contains(uploadedB.getNameZh());
        first.findElement(By.tagName("input")).click();
        browser.findElement(By.id("correct-reason")).sendKeys("数据填错，重新统计");
        browser.findElement(By.id("correct-submit")).click();
        waitUntil(() -> text("#correct-result").startsWith("已撤销"));
        screenshot("department-correct-done-zh.png");
        // the CSV's 5 taken back: the .xlsx's 4 is the total again
        awaitStanding(uploadedB.getId(), s -> s.path("actual").asDouble() == 4.0);
        openTab("targets");
        waitUntil(() -> browser.findElements(By.cssSelector("#reports-table tbody tr.retracted")).size() == 1);
    }

    @Test
    @Order(8)
    void shouldShowEveryScreenInEnglishAndOnAPhone() throws Exception {
        browser.get(page + "?lang=en#targets");
        waitUntil(() -> browser.findElements(By.cssSelector("#targets-table tbody tr[data-target]")).size() > 0);
        assertThat(text("#clock-line")).isEqualTo("District clock: 30 June 2020");
        assertThat(text("#tab-targets")).isEqualTo("My targets");
        screenshot("department-targets-en.png");
        browser.findElement(By.cssSelector("button[data-open='" + reported.getId() + "']")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector("#burnup svg polyline")).isEmpty());
        assertThat(text("#burnup-caption")).as("the goal in an English unit")
                .endsWith(" " + UnitNames.english(reported.getUnit(), reported.getTargetValue()));
        screenshot("department-target-chart-en.png");
        // keyboard: arrows move between the tabs
        browser.findElement(By.id("tab-targets")).sendKeys(Keys.ARROW_RIGHT);
        waitUntil(() -> "true".equals(browser.findElement(By.id("tab-report")).getAttribute("aria-selected")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-report");
        new Select(browser.findElement(By.id("report-target"))).selectByValue(reported.getId());
        assertThat(text("#report-unit")).isEqualTo("(" + UnitNames.english(reported.getUnit()) + ")")
                .doesNotContainPattern("\\p{IsHan}");
        browser.findElement(By.id("report-value")).sendKeys("x");
        waitUntil(() -> !text("#err-value").isEmpty());
        assertThat(text("#err-value")).doesNotContainPattern("\\p{IsHan}");
        screenshot("department-report-error-en.png");
        openTab("correct");
        screenshot("department-correct-en.png");
        openTab("upload");
        preview(xlsx("bad-en.xlsx", "abc"), "auto");
        waitUntil(() -> browser.findElements(By.cssSelector("#preview-table tr.bad-row")).size() == 1);
        screenshot("department-upload-xlsx-error-en.png");
        browser.findElement(By.id("sign-out")).click();
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        screenshot("department-sign-in-en.png");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(page + "?lang=zh");
        browser.findElement(By.id("key")).sendKeys(key + Keys.ENTER);
        waitUntil(() -> browser.findElements(By.cssSelector("#targets-table tbody tr[data-target]")).size() > 0);
        screenshot("department-targets-phone-zh.png");
        openTab("report");
        screenshot("department-report-phone-zh.png");
        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.get(page + "?lang=zh#targets");
        waitUntil(() -> browser.findElements(By.cssSelector("#targets-table tbody tr[data-target]")).size() > 0);
        screenshot("department-targets-1366-zh.png");
    }

    @Test
    @Order(9)
    void shouldListAnOpenCaseAndAnswerItWithRefusalsNextToTheFields() throws Exception {
        browser.manage().window().setSize(new Dimension(1400, 1000));
        // an operator opens a case by hand in the monitor, as the district office would
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(stack.monitorUrl() + "/api/cases/"
                        + reported.getId() + "/open"))
                .header("Authorization", stack.monitorLogins().operator().basicAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\": \"六月滞后，请说明\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isBetween(200, 299);
        String card = "#case-" + reported.getId();
        browser.get(page + "?lang=zh#cases");
        loadUntil(() -> !browser.findElements(By.cssSelector(card)).isEmpty());
        assertThat(text(card + " h3")).contains(reported.getNameZh());
        assertThat(text(card + " .due")).matches("答复期限：2020年\\d+月\\d+日");
        assertThat(text(card + " .timeline")).contains("立案");
        screenshot("department-cases-zh.png");

        // nothing filled, a catch-up date already past: each refusal under its field, in the API's words
        browser.findElement(By.cssSelector(card + " textarea[name=reason]")).sendKeys("");
        browser.findElement(By.cssSelector(card + " input[name=expectedCatchUp]")).sendKeys("2020-01-31");
        browser.findElement(By.cssSelector(card + " button[type=submit]")).click();
        waitUntil(() -> !text("#case0-err-reason").isEmpty());
        assertThat(text("#case0-err-measures")).isNotEmpty();
        assertThat(text("#case0-err-expectedCatchUp")).contains("早于今天");
        screenshot("department-cases-error-zh.png");

        browser.get(page + "?lang=en#cases");
        loadUntil(() -> !browser.findElements(By.cssSelector(card)).isEmpty());
        assertThat(text("#tab-cases")).isEqualTo("My cases");
        assertThat(text(card + " .due")).matches("Answer due by \\d+ [A-Z][a-z]+ 2020");
        browser.findElement(By.cssSelector(card + " button[type=submit]")).click();
        waitUntil(() -> !text("#case0-err-reason").isEmpty());
        assertThat(text("#case0-err-reason")).doesNotContainPattern("\\p{IsHan}");
        screenshot("department-cases-error-en.png");

        browser.get(page + "?lang=zh#cases");
        loadUntil(() -> !browser.findElements(By.cssSelector(card)).isEmpty());
        browser.findElement(By.cssSelector(card + " textarea[name=reason]")).sendKeys("拆迁进度受疫情影响");
        browser.findElement(By.cssSelector(card + " textarea[name=measures]")).sendKeys("增加施工班组，每周调度");
        browser.findElement(By.cssSelector(card + " input[name=expectedCatchUp]")).sendKeys("2020-09-30");
        browser.findElement(By.cssSelector(card + " button[type=submit]")).click();
        waitUntil(() -> text("#case0-result").startsWith("答复已提交"));
        screenshot("department-cases-answered-zh.png");
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode cases = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/api/v1/cases"))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode c : cases.path("items")) {
                if (c.path("targetId").asText().equals(reported.getId())) {
                    return c.path("stage").asText().equals("ANSWERED") && c.path("answer").path("reason").asText().equals("拆迁进度受疫情影响");
                }
            }
            return false;
        });
        browser.get(page + "?lang=en#cases");
        loadUntil(() -> !browser.findElements(By.cssSelector(card)).isEmpty() && text(card).contains("Answered, under review"));
        screenshot("department-cases-answered-en.png");
    }

    @Test
    @Order(10)
    void shouldShowThePlanInForceAndUploadAPlanNamingTheBadRowThenSubmittingTheGoodOne() throws Exception {
        String card = "#plan-" + reported.getId();
        browser.get(page + "?lang=zh#plan");
        waitUntil(() -> !browser.findElements(By.cssSelector(card)).isEmpty());
        assertThat(text(card + " .plan-source")).contains("时序进度");
        // the template through the page's session (its cookie), as the link downloads it
        String href = browser.findElement(By.cssSelector(card + " a.plan-template")).getAttribute("href");
        HttpResponse<String> template = HTTP.send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "intake_session=" + browser.manage().getCookieNamed("intake_session").getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.body()).contains("date,expectedValue,expectedShare");
        scrollTo(card);
        screenshot("department-plan-zh.png");

        String deadline = reported.getDeadline().toString();
        Path bad = dataDir.resolve("plan-bad.csv");
        Files.writeString(bad, "date,expectedValue,expectedShare\n2020-09-30,,0.6\n2020-08-31,,0.5\n" + deadline + ",,1\n");
        Path good = dataDir.resolve("plan-good.csv");
        Files.writeString(good, "date,expectedValue,expectedShare\n2020-09-30,,0.6\n" + deadline + ",,1\n");
        String input = card + " input[type=file]";
        browser.findElement(By.cssSelector(input)).sendKeys(bad.toAbsolutePath().toString());
        browser.findElement(By.cssSelector(card + " button[type=submit]")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector(card + " .plan-errors li")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(card + " .plan-errors li[data-line='3']"))).isNotEmpty();
        assertThat(text(card + " .plan-errors")).contains("第 3 行");
        scrollTo(card);
        screenshot("department-plan-error-zh.png");

        browser.get(page + "?lang=en#plan");
        waitUntil(() -> !browser.findElements(By.cssSelector(card)).isEmpty());
        assertThat(text(card + " .plan-source")).contains("时序进度");
        browser.findElement(By.cssSelector(input)).sendKeys(bad.toAbsolutePath().toString());
        browser.findElement(By.cssSelector(card + " button[type=submit]")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector(card + " .plan-errors li")).isEmpty());
        assertThat(text(card + " .plan-errors")).contains("Row 3").doesNotContainPattern("\\p{IsHan}");
        scrollTo(card);
        screenshot("department-plan-error-en.png");
        browser.findElement(By.cssSelector(input)).clear();
        browser.findElement(By.cssSelector(input)).sendKeys(good.toAbsolutePath().toString());
        browser.findElement(By.cssSelector(card + " button[type=submit]")).click();
        waitUntil(() -> text(card + " .result").startsWith("Plan submitted"));
        String submission = browser.findElement(By.cssSelector(card + " .result")).getAttribute("data-submission");
        assertThat(submission).isNotBlank();
        assertThat(text(card + " .result")).contains(submission).contains("operator");
        scrollTo(card);
        screenshot("department-plan-submitted-en.png");

        // an operator approves it in the monitor: the standing measures the target by it, and the page says whose it is
        HttpResponse<String> approved = HTTP.send(HttpRequest.newBuilder(URI.create(stack.monitorUrl() + "/api/plans/"
                        + submission + "/approve"))
                .header("Authorization", stack.monitorLogins().operator().basicAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"comment\": \"同意\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        browser.get(page + "?lang=zh#plan");
        loadUntil(() -> text(card + " .plan-source").equals("本部门的分解计划，2020年6月30日 由 "
                + MonitorLogins.OPERATOR + " 批准"));
        scrollTo(card);
        screenshot("department-plan-approved-zh.png");
        browser.get(page + "?lang=en#plan");
        loadUntil(() -> text(card + " .plan-source").equals("Your department's plan, approved on 30 June 2020 by "
                + MonitorLogins.OPERATOR));
        scrollTo(card);
        screenshot("department-plan-approved-en.png");
    }

    // ---- files made here -------------------------------------------------------------------------------------

    /** An .xlsx as Excel saves it: a header, a date cell and a number cell per row; row 3's value is {@code second}. */
    private Path xlsx(String name, String second) throws IOException {
        Path file = dataDir.resolve(name);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("填报");
            var date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
            String[] headers = {"目标编号", "日期", "类型", "数值", "填报人"};
            Row header = sheet.createRow(0);
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
            }
            Object[][] rows = {{uploadedA.getId(), "累计", 4.0}, {uploadedB.getId(), "累计", second}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue((String) rows[r][0]);
                row.createCell(1).setCellValue(java.time.LocalDate.of(2020, 6, 29));
                row.getCell(1).setCellStyle(date);
                row.createCell(2).setCellValue((String) rows[r][1]);
                if (rows[r][2] instanceof Double d) {
                    row.createCell(3).setCellValue(d);
                } else {
                    row.createCell(3).setCellValue((String) rows[r][2]);
                }
                row.createCell(4).setCellValue("李工");
            }
            workbook.write(out);
        }
        return file;
    }

    /** A CSV as Excel's "CSV (逗号分隔)" writes it in Chinese Windows: GBK; row 3 names {@code foreignTarget} if given. */
    private Path gbkCsv(String name, String target, String value, String foreignTarget) throws IOException {
        String csv = "目标编号,日期,类型,数值,填报人,备注\r\n" + target + ",2020/6/29,累计," + value + ",王工,六月数\r\n"
                + (foreignTarget == null ? "" : foreignTarget + ",2020/6/29,累计,1,王工,不是本部门的\r\n");
        Path file = dataDir.resolve(name);
        Files.write(file, csv.getBytes(Charset.forName("GBK")));
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as("not UTF-8").doesNotContain("王工");
        return file;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void preview(Path file, String charset) {
        WebElement input = browser.findElement(By.id("upload-file"));
        input.clear();
        input.sendKeys(file.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("upload-charset"))).selectByValue(charset);
        browser.findElement(By.id("upload-preview")).click();
        waitUntil(() -> browser.findElement(By.id("preview")).isDisplayed() || !text("#err-file").isEmpty());
    }

    private void openTab(String name) {
        browser.findElement(By.id("tab-" + name)).click();
        waitUntil(() -> browser.findElement(By.id("panel-" + name)).isDisplayed());
    }

    private int rowsOfReports() {
        return browser.findElements(By.cssSelector("#reports-table tbody tr[data-event]")).size();
    }

    private JsonNode awaitStanding(String targetId, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/targets/" + targetId))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode body = JSON.readTree(r.body());
            last[0] = body.has("standing") ? body.get("standing") : body;
            return condition.test(last[0]);
        });
        return last[0];
    }

    /** The page reads the standing when it loads: load it again until the streams app has counted the report. */
    private void reloadUntil(BooleanSupplier condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.navigate().refresh();
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.cssSelector("#targets-table tbody tr[data-target]")).isEmpty());
            return condition.getAsBoolean();
        });
    }

    /** The page reads the cases when it loads: load it again until the intake has followed them. */
    private void loadUntil(BooleanSupplier condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            browser.navigate().refresh();
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.cssSelector("#targets-table tbody tr[data-target]")).isEmpty());
            // the cases are a second request after the overview: drawn (a card, "none") or refused (a note)
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.cssSelector("#cases-list > *")).isEmpty()
                    || d.findElement(By.id("cases-note")).isDisplayed());
            return condition.getAsBoolean();
        });
    }

    private void scrollTo(String css) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", browser.findElement(By.cssSelector(css)));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static ChromeDriver chromium() {
        // the driver and browser are Debian's: Selenium Manager must not look for or download anything
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "America/New_York")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return driver;
    }
}
