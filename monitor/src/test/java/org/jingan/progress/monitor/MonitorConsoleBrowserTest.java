package org.jingan.progress.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's headless Chromium, on a monitor replaying 2020 on a simulated district clock (real broker
 * and registry): the clock's date heads the page, the ages count against it (not the browser's clock), move with it
 * without a reload, and every time is Beijing time although the browser runs in New York. The browser signs in
 * with the console's form first, and what it does is recorded under the signed-in name. Screenshots go to
 * target/screenshots/. Skipped when Chromium is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RETAIL = "s0-retail-sales/BEHIND";

    private MonitorFixture fixture;
    private ClockSetter clock;
    private MonitorServer monitor;
    private ChromeDriver browser;

    @BeforeAll
    void startMonitorAndBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        fixture = new MonitorFixture();
        String clockTopic = fixture.cluster.createTopicLike(fixture.cluster.uniqueName("clock"), Topics.CLOCK).name();
        Map<String, Object> client = fixture.cluster.clientConfig();
        clock = new ClockSetter(clockTopic, client, client, "browser-test");
        clock.set(Instant.parse("2020-03-30T09:00:00+08:00"));
        monitor = MonitorServer.start(fixture.config().clockMode(ClockMode.SIMULATED).clockTopic(clockTopic).build());
        Awaitility.await().atMost(WAIT).until(monitor::isReady);

        Catalog catalog = Catalog.loadDefault();
        List<Alert> alerts = List.of(
                alert(catalog, "s0-retail-sales", AlertKind.BEHIND, Severity.WARNING, "2020-03-01T09:00:00+08:00",
                        "已完成 15.1%，按计划应完成 24.9%，落后 9.8 个百分点", "15.1% done against 24.9% planned: 9.8 points behind"),
                alert(catalog, "s3-elevator-retrofits-started", AlertKind.BEHIND, Severity.CRITICAL, "2020-02-14T00:00:00+08:00",
                        "已开工 4 台，按计划应开工 12 台", "4 started against 12 planned"),
                alert(catalog, "s3-green-space", AlertKind.AT_RISK, Severity.WARNING, "2020-03-29T18:30:00+08:00",
                        "已完成 12.9%，按计划应完成 20.0%", "12.9% done against 20.0% planned"),
                alert(catalog, "s0-fixed-asset-investment", AlertKind.FORECAST_MISS, Severity.WARNING, "2020-03-23T00:00:00+08:00",
                        "按近期进度，预计年底完成目标的 91%", "At the recent pace, 91% of the target by the year's end"));
        for (Alert alert : alerts) {
            fixture.send(alert);
        }
        Alert resolvedFiring = alert(catalog, "s2-digital-enterprises-attracted", AlertKind.AT_RISK, Severity.WARNING,
                "2020-02-03T00:00:00+08:00", "已引进 3 家，按计划应引进 6 家", "3 attracted against 6 planned");
        fixture.send(resolvedFiring);
        fixture.send(Alert.newBuilder(resolvedFiring).setState(AlertState.RESOLVED)
                .setAlertId(resolvedFiring.getDedupKey() + "/RESOLVED/" + resolvedFiring.getFiringSince().toEpochMilli())
                .setRaisedAt(Instant.parse("2020-03-27T00:00:00+08:00")).build());
        Awaitility.await().atMost(WAIT).until(() -> fixture.getJson(monitor, "/api/alerts").get("count").asInt() == 4);
        HttpResponse<String> ack = fixture.post(monitor, "/api/alerts/s3-elevator-retrofits-started/BEHIND/ack", "{\"by\":\"张三\"}");
        HttpResponse<String> silence = fixture.post(monitor, "/api/alerts/s3-green-space/AT_RISK/silence?minutes=240", "{}",
                MonitorFixture.SECOND_OPERATOR);
        assertThat(List.of(ack.statusCode(), silence.statusCode())).containsOnly(200);
        browser = chromium();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (clock != null) {
            clock.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void shouldSendTheBrowserToTheSignInFormAndBackToTheConsole() throws IOException {
        browser.get(monitor.baseUrl() + "/?lang=zh");
        waitUntil(() -> browser.getCurrentUrl().contains("/login?next="));
        assertThat(text("#title")).isEqualTo("监控中心 · 登录");
        screenshot("monitor-sign-in-zh.png");
        browser.findElement(By.id("name")).sendKeys(MonitorFixture.OPERATOR.name());
        browser.findElement(By.id("password")).sendKeys("wrong password");
        browser.findElement(By.id("submit")).click();
        waitUntil(() -> text("#error").equals("姓名或密码错误"));

        signIn(monitor, MonitorFixture.OPERATOR);

        assertThat(browser.getCurrentUrl()).isEqualTo(monitor.baseUrl() + "/?lang=zh");
        waitUntil(() -> text("#who").equals("张三（值班操作员）"));
    }

    @Test
    @Order(2)
    void shouldShowTheDistrictDateAndAgesCountedAgainstItInChinese() throws IOException {
        browser.get(monitor.baseUrl() + "/?lang=zh");
        waitUntil(() -> browser.findElements(By.cssSelector("#alerts tbody tr[data-key]")).size() == 4
                && !text("#clock-date").isEmpty() && browser.findElements(By.cssSelector("#resolved tbody tr td")).size() == 5);

        // grouped by department and kind, as the webhooks are notified: four groups of one target each, shown open
        assertThat(browser.findElements(By.cssSelector("#alerts tbody tr.group"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#alerts tbody tr.group .count")))
                .extracting(e -> e.getText()).containsOnly("1 项目标");
        assertThat(text("#clock-date")).isEqualTo("2020年3月30日星期一");
        assertThat(text("#clock-mode")).isEqualTo("模拟时钟（回放）");
        assertThat(text("#clock-time")).isEqualTo("北京时间 09:00"); // not New York's 21:00 of the day before
        assertThat(since(RETAIL)).isEqualTo("29 天前\n2020-03-01 09:00");
        assertThat(since("s3-green-space/AT_RISK")).startsWith("14 小时前");
        assertThat(text("#resolved tbody")).contains("2020-02-03 00:00", "2020-03-27 00:00");
        // who did what: the names the decisions were recorded under
        assertThat(state("s3-elevator-retrofits-started/BEHIND")).isEqualTo("已确认 · 张三");
        assertThat(state("s3-green-space/AT_RISK")).endsWith("· 李四");
        screenshot("monitor-console-zh.png");
    }

    @Test
    @Order(3)
    void shouldActAsTheSignedInOperatorAndShowTheirName() {
        browser.get(monitor.baseUrl() + "/?lang=zh");
        waitUntil(() -> browser.findElements(By.cssSelector("#alerts tr[data-key='" + RETAIL + "'] button[data-act=ack]"))
                .size() == 1);

        browser.findElement(By.cssSelector("#alerts tr[data-key='" + RETAIL + "'] button[data-act=ack]")).click();

        waitUntil(() -> state(RETAIL).equals("已确认 · 张三"));
    }

    @Test
    @Order(4)
    void shouldShowItInEnglishAndFollowTheClockWithoutAReload() throws IOException {
        browser.get(monitor.baseUrl() + "/?lang=en");
        waitUntil(() -> browser.findElements(By.cssSelector("#alerts tbody tr[data-key]")).size() == 4
                && !text("#clock-date").isEmpty());
        assertThat(text("#clock-date")).contains("Monday").contains("30 March 2020");
        assertThat(text("#clock-mode")).isEqualTo("Simulated clock (replay)");
        assertThat(browser.findElements(By.cssSelector("#alerts tbody tr.group .count")))
                .extracting(e -> e.getText()).containsOnly("1 target");
        assertThat(since(RETAIL)).isEqualTo("29 days ago\n2020-03-01 09:00");

        clock.set(Instant.parse("2020-04-01T09:00:00+08:00"));

        waitUntil(() -> since(RETAIL).startsWith("31 days ago"));
        assertThat(text("#clock-date")).contains("Wednesday").contains("1 April 2020");
        screenshot("monitor-console-en.png");
    }

    @Test
    @Order(5)
    void shouldSayWhenItRunsOnTheWallClock() throws IOException {
        // live: the district clock is the wall clock, here fixed to a known day so the page can be checked
        try (MonitorServer live = MonitorServer.start(fixture.config()
                .groupId(fixture.cluster.uniqueName("monitor-live"))
                .wallClock(Clock.fixed(Instant.parse("2020-06-15T10:00:00+08:00"), ZoneOffset.UTC)).build())) {
            Awaitility.await().atMost(WAIT).until(live::isReady);
            browser.get(live.baseUrl() + "/?lang=zh"); // another monitor: its own sign-in (as a viewer here)
            signIn(live, MonitorFixture.VIEWER);
            waitUntil(() -> browser.findElements(By.cssSelector("#alerts tbody tr[data-key]")).size() == 4
                    && !text("#clock-date").isEmpty());

            assertThat(text("#clock-date")).isEqualTo("2020年6月15日星期一");
            assertThat(text("#clock-mode")).isEqualTo("实时时钟");
            assertThat(since(RETAIL)).isEqualTo("106 天前\n2020-03-01 09:00");
            assertThat(text("#who")).isEqualTo("王五（只读）");
            assertThat(browser.findElements(By.cssSelector("#alerts button[data-act]"))).as("a viewer's buttons").isEmpty();
            screenshot("monitor-console-wall-zh.png");
        }
    }

    private static Alert alert(Catalog catalog, String targetId, AlertKind kind, Severity severity, String since,
                               String messageZh, String messageEn) {
        Target target = catalog.find(targetId).orElseThrow();
        Instant firingSince = Instant.parse(since);
        Alert base = Alerts.notice(targetId, kind, AlertState.FIRING, firingSince, firingSince, severity,
                target.getDepartmentId());
        return Alert.newBuilder(base).setNameZh(target.getNameZh()).setNameEn(target.getNameEn())
                .setUnit(target.getUnit()).setMessageZh(messageZh).setMessageEn(messageEn).build();
    }

    /** Signs in with the form the console sent the browser to, and waits for the console. */
    private void signIn(MonitorServer server, MonitorFixture.Login login) {
        waitUntil(() -> browser.getCurrentUrl().startsWith(server.baseUrl() + "/login"));
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys(login.name());
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(login.password());
        browser.findElement(By.id("submit")).click();
        waitUntil(() -> !browser.getCurrentUrl().contains("/login"));
    }

    private String state(String dedupKey) {
        return browser.findElement(By.cssSelector("#alerts tr[data-key='" + dedupKey + "'] td:nth-child(7)")).getText();
    }

    private String since(String dedupKey) {
        return browser.findElement(By.cssSelector("#alerts tr[data-key='" + dedupKey + "'] td.since")).getText();
    }

    private String text(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static ChromeDriver chromium() {
        // the driver and browser are Debian's: Selenium Manager must not look for or download anything
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN");
        // a browser far from Shanghai: every date on the page must still be Beijing time
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "America/New_York")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return driver;
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
