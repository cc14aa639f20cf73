package org.jingan.progress.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.streams.query.ProgressAppFixture;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.contract.UnitNames;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.app.StreamsAppHook;
import org.jingan.progress.streams.app.StreamsRunner;
import org.jingan.progress.streams.query.Http;
import org.jingan.progress.streams.query.QueryServerHook;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import picocli.CommandLine;

/**
 * The dashboard in Debian's headless Chromium, served by the streams app (its runner with the hooks it loads, so the
 * query server comes in through {@code META-INF/services}) running the progress topology on the real broker and
 * registry: a loading state until the data comes, then the report's targets and an alert; a report sent after the
 * page loaded changes a bar and resolves the alert without a reload; a language switch redraws every label (summary,
 * chart, alerts, changes) on the page it happens on, with English plurals; the burn-up and department views render.
 * Every wait is for data on screen, never for the load event.
 *
 * <p>Screenshots go to target/screenshots/: the overview, the departments page and one target, each in Chinese and
 * in English ({@code overview-zh.png} … {@code target-en.png}), and {@code loading-zh.png},
 * {@code overview-zh-full.png}, {@code department-en.png}, {@code zero-ceiling.png}. Skipped when Chromium is not
 * installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The monitor console's bulletins section, as the local stack gives it. */
    private static final String BULLETINS = "http://127.0.0.1:8083/#bulletins";
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Shares of their target the reported targets have reached by 30 June (the laggard: 0.06). */
    private static final double[] PACES = {0.62, 0.55, 0.45, 0.7, 0.58, 0.3, 0.66, 1.02, 0.52};
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /**
     * Run before the page's own scripts: holds back the page's data (query API answers but the clock's, and the live
     * feed) until {@code window.releaseData()}, so the page at its load event can be looked at before any data.
     */
    private static final String HOLD_DATA = """
            (() => {
              const held = [];
              let released = false;
              const gate = () => released ? Promise.resolve() : new Promise(go => held.push(go));
              window.releaseData = () => { released = true; held.splice(0).forEach(go => go()); };
              const fetchNow = window.fetch.bind(window);
              window.fetch = (url, init) => String(url).startsWith('/api/v1/') && !String(url).startsWith('/api/v1/clock')
                ? gate().then(() => fetchNow(url, init)) : fetchNow(url, init);
              const RealEventSource = window.EventSource;
              window.EventSource = function (url) {
                const stand = { listeners: [], addEventListener(type, fn) { this.listeners.push([type, fn]); }, close() {} };
                gate().then(() => {
                  const real = new RealEventSource(url);
                  stand.listeners.forEach(([type, fn]) => real.addEventListener(type, fn));
                  real.onopen = e => stand.onopen && stand.onopen(e);
                  real.onerror = e => stand.onerror && stand.onerror(e);
                });
                return stand;
              };
            })();
            """;

    private ProgressAppFixture app;
    private StreamsRunner runner;
    private String baseUrl;
    private ChromeDriver browser;
    private List<Target> targets;
    private Target laggard;
    private Target mover;
    private Target steady; // reported month by month, on its way: the target shown in the screenshots
    private Target loner; // the only target of its department
    private Http http;

    @BeforeAll
    void startAppAndBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        TestCluster cluster = TestCluster.get();
        app = new ProgressAppFixture(cluster);
        targets = Catalog.loadDefault().targets();
        List<Target> cumulative = targets.stream()
                .filter(t -> t.getKind() == TargetKind.CUMULATIVE && t.getTargetValue() != null).toList();
        laggard = cumulative.get(0);
        mover = cumulative.get(1);
        // a count in the hundreds or more (the test's fractions of it then look like real figures), on a linear plan and
        // reported at 0.5 to 0.9 of it by June (see reportFirstHalfYear), so its forecast is plain
        steady = cumulative.stream().filter(t -> t != laggard && t != mover && t.getPacePlan().isEmpty()
                && t.getTargetValue() >= 100
                && t.getParentTargetId() == null && PACES[targets.indexOf(t) % PACES.length] > 0.5
                && PACES[targets.indexOf(t) % PACES.length] < 0.9).findFirst().orElseThrow();
        Map<String, List<Target>> byDepartment = targets.stream().collect(Collectors.groupingBy(Target::getDepartmentId));
        loner = byDepartment.values().stream().filter(owned -> owned.size() == 1 && owned.get(0).getParentTargetId() == null)
                .map(owned -> owned.get(0)).sorted(java.util.Comparator.comparing(Target::getId)).findFirst().orElseThrow();
        // the streams app as it runs for real: its runner with the query server hook it loads from META-INF/services
        StreamsAppConfig config = new StreamsAppConfig();
        List<String> args = new ArrayList<>(cluster.securityArgs("--streams-config"));
        args.addAll(cluster.registryArgs());
        args.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-auto-register", // no deploy step for the test's own topics
                "--application-id", cluster.uniqueName("dashboard-app"),
                "--state-dir", Files.createTempDirectory("dashboard-state").toString(),
                "--replication-factor", "1",
                "--dead-letter-topic", cluster.createTopicLike(cluster.uniqueName("dead-letters"), Topics.DEAD_LETTERS).name(),
                "--targets-topic", app.config().targetsTopic(), "--events-topic", app.config().eventsTopic(),
                "--progress-topic", app.config().progressTopic(), "--alerts-topic", app.config().alertsTopic(),
                "--clock", "simulated", "--clock-topic", app.config().clockTopic(),
                "--bulletins-url", BULLETINS));
        new CommandLine(config).parseArgs(args.toArray(String[]::new));
        List<StreamsAppHook> hooks = new ArrayList<>();
        ServiceLoader.load(StreamsAppHook.class).forEach(hooks::add);
        assertThat(hooks).hasAtLeastOneElementOfType(QueryServerHook.class);
        runner = StreamsRunner.of(config, hooks);
        runner.start();
        QueryServerHook hook = (QueryServerHook) hooks.stream().filter(QueryServerHook.class::isInstance).findFirst().orElseThrow();
        baseUrl = "http://" + hook.server().applicationServer();
        http = new Http(baseUrl);
        Http management = new Http(hook.server().managementUrl());

        app.publish(targets);
        Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(management.get("/health/ready").status()).isEqualTo(200);
            assertThat(http.get("/api/v1/targets").body().path("count").asInt()).isEqualTo(targets.size());
        });
        reportFirstHalfYear();
        app.clock(LocalDate.of(2020, 6, 30).atTime(10, 0).toInstant(ZoneOffset.ofHours(8)));
        Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
            assertThat(http.get("/api/v1/alerts?target=" + laggard.getId()).body().path("count").asInt()).isPositive());
        // the app runs on the simulated clock its ticks set, not on the reports' dates nor the wall clock
        assertThat(http.get("/api/v1/clock").body().path("date").asText()).isEqualTo("2020-06-30");
        assertThat(http.get("/api/v1/clock").body().path("mode").asText()).isEqualTo("simulated");
        browser = chromium();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runner != null) {
            runner.close(Duration.ofSeconds(10));
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void shouldShowALoadingStateFromTheFirstPaintUntilTheDataComes() throws IOException {
        // the page as served, before any script: every board area says it is loading
        String page = http.text("/");
        assertThat(page).containsPattern("id=\"summary\"[^>]*><span class=\"loading\"")
                .containsPattern("id=\"view-overview\"[^>]*><div class=\"skeleton\"")
                .containsPattern("id=\"alert-feed\"[^>]*><li class=\"loading\"");

        // in the browser at its load event, with the data held back: the loading state, not an empty board
        String hold = (String) browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", HOLD_DATA))
                .get("identifier");
        try {
            browser.get(baseUrl + "/");
            assertThat(browser.executeScript("return document.readyState;")).isEqualTo("complete");
            for (String area : List.of("#summary", "#view-overview", "#alert-feed")) {
                assertThat(browser.findElement(By.cssSelector(area + " .loading")).isDisplayed()).as(area).isTrue();
                assertThat(text(area + " .loading")).as(area).isEqualTo("加载中…");
            }
            assertThat(browser.findElements(By.cssSelector("#view-overview .skeleton-row"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("li.target"))).isEmpty();
            screenshot("loading-zh.png", false);

            browser.executeScript("window.releaseData();");
            waitForData();
            assertThat(browser.findElements(By.cssSelector(".loading, .skeleton"))).as("no loading state left").isEmpty();
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", hold));
        }
    }

    @Test
    @Order(2)
    void shouldShowTheTargetsBySectionAndDepartmentAndTheAlertFeed() throws IOException {
        browser.get(baseUrl + "/");
        waitForData();
        waitUntil(() -> browser.findElements(By.cssSelector("li.target")).size() == targets.size());
        waitUntil(() -> !browser.findElements(alertOf(laggard)).isEmpty());

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.getTitle()).contains("静安区");
        assertThat(text("#summary .total")).isEqualTo("共 " + targets.size() + " 项目标");
        assertThat(browser.findElements(By.cssSelector("section.group"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(text("section.group[data-section-id='" + laggard.getSectionId() + "'] h2")).isEqualTo(laggard.getSectionZh());
        WebElement row = row(laggard);
        assertThat(row.findElement(By.cssSelector(".target-name")).getText()).isEqualTo(laggard.getNameZh());
        assertThat(row.findElements(By.cssSelector(".bar .bar-fill"))).hasSize(1);
        assertThat(row.findElements(By.cssSelector(".bar .bar-pace"))).hasSize(1);
        assertThat(row.getAttribute("data-status")).isIn("BEHIND", "AT_RISK");
        assertThat(browser.findElement(alertOf(laggard)).getText()).contains(laggard.getNameZh());
        assertThat(browser.findElement(By.id("alert-count")).getAttribute("title")).matches("当前 \\d+ 条预警");
        // the district clock's date heads the page: the simulated clock the app runs on, in Beijing time
        waitUntil(() -> "区级时钟 2020年6月30日 模拟".equals(text("#district-clock")));
        waitUntil(() -> "open".equals(browser.findElement(By.id("live")).getAttribute("data-state")));
        if (browser.findElements(By.cssSelector("#activity li.activity-standing, #activity li.activity-alert")).isEmpty()) {
            assertThat(text("#activity")).isEqualTo("暂无变化");
        }
        screenshot("overview-zh.png", false);
        screenshot("overview-zh-full.png", true);
    }

    @Test
    @Order(3)
    void shouldUpdateBarsAndAlertsLiveWithoutReload() {
        browser.executeScript("window.loadedOnce = 'still here';");
        String widthBefore = barWidth(mover);

        // the mover completes its target; the laggard catches up and its alert resolves
        app.report(mover, mover.getTargetValue() * 1.01, Instant.parse("2020-07-02T02:00:00Z"));
        app.report(laggard, laggard.getTargetValue() * 0.7, Instant.parse("2020-07-02T02:00:00Z"));

        waitUntil(() -> "COMPLETED".equals(row(mover).getAttribute("data-status")));
        assertThat(barWidth(mover)).isEqualTo("100%").isNotEqualTo(widthBefore);
        waitUntil(() -> browser.findElements(alertOf(laggard)).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#activity li.activity-standing"))).isNotEmpty();
        // a resolution names the kind of alert that resolved
        assertThat(texts("#activity li.activity-alert"))
                .anySatisfy(change -> assertThat(change).matches("\\d+月\\d+日 已恢复 · \\S+ · " + Pattern.quote(laggard.getNameZh())));
        assertThat(browser.executeScript("return window.loadedOnce;")).as("no reload").isEqualTo("still here");
    }

    @Test
    @Order(4)
    void shouldDrawTheBurnUpAndRedrawItsLabelsInEnglish() throws IOException {
        row(steady).findElement(By.cssSelector(".target-name")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector("#burnup svg.burnup path.series-actual")).isEmpty());
        assertThat(texts("#burnup svg text.legend")).containsExactly("实际", "计划", "预测", "目标");
        assertThat(browser.findElements(By.cssSelector("#burnup svg circle.dot-actual"))).as("a dot a monthly report")
                .hasSizeBetween(6, 8);
        assertThat(text(".detail h2")).contains(steady.getNameZh());
        assertThat(text(".detail .facts")).contains("预计完成日期").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        screenshot("target-zh.png", false);
        // the monitor's monthly bulletins, linked from the header (--bulletins-url)
        waitUntil(() -> browser.findElement(By.id("nav-bulletins")).isDisplayed());
        assertThat(text("#nav-bulletins")).isEqualTo("月度进展通报");
        assertThat(browser.findElement(By.id("nav-bulletins")).getAttribute("href")).isEqualTo(BULLETINS);

        browser.findElement(By.id("lang-toggle")).click();

        waitUntil(() -> "en".equals(browser.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(browser.getTitle()).contains("Jing'an");
        assertThat(text("#nav-departments")).isEqualTo("Departments");
        assertThat(text("#nav-bulletins")).isEqualTo("Monthly bulletins");
        assertThat(browser.findElement(By.id("nav-bulletins")).getAttribute("title")).contains("viewer login");
        waitUntil(() -> "District clock: 2 Jul 2020 simulated".equals(text("#district-clock"))); // moved by the reports of 2 July
        // the chart, the facts, the summary, the alerts' heads and the recent changes: redrawn, not a Chinese word left
        assertThat(texts("#burnup svg text.legend")).containsExactly("Actual", "Plan", "Forecast", "Target");
        assertThat(text("#burnup svg text.label-today")).isEqualTo("Today");
        assertThat(browser.findElements(By.cssSelector("#burnup svg text.tick")).stream().map(WebElement::getText)
                .filter(tick -> tick.endsWith("月"))).isEmpty();
        assertThat(text(".detail h2")).contains(steady.getNameEn());
        assertThat(texts(".detail .facts label")).allSatisfy(l -> assertThat(l).doesNotContainPattern(HAN));
        assertThat(text(".detail .facts")).as("the units in English too").doesNotContain(steady.getUnit())
                .contains(UnitNames.english(steady.getUnit(), steady.getTargetValue()));
        assertThat(text("#burnup svg text.unit")).as("the unit over the y axis").isEqualTo(UnitNames.english(steady.getUnit()));
        assertThat(text("#summary")).doesNotContainPattern(HAN).startsWith(targets.size() + " targets");
        assertThat(texts("#alert-feed .alert-head")).isNotEmpty().allSatisfy(h -> assertThat(h).doesNotContainPattern(HAN));
        assertThat(text("#activity")).doesNotContainPattern(HAN).contains("Resolved · ");
        assertThat(browser.findElement(By.id("alert-count")).getAttribute("title")).matches("\\d+ alerts? firing");
        assertThat(browser.findElement(By.id("lang-toggle")).getAttribute("title")).isEqualTo("切换到中文");
        screenshot("target-en.png", false);
    }

    @Test
    @Order(5)
    void shouldShowTheOverviewInEnglish() throws IOException {
        open("nav-overview", "overview");
        waitUntil(() -> browser.findElements(By.cssSelector("#view-overview li.target")).size() == targets.size());

        assertThat(row(mover).findElement(By.cssSelector(".target-name")).getText()).isEqualTo(mover.getNameEn());
        assertThat(text("section.group[data-section-id='" + laggard.getSectionId() + "'] h2")).isEqualTo(laggard.getSectionEn());
        assertThat(texts("#view-overview .badge")).allSatisfy(b -> assertThat(b).doesNotContainPattern(HAN));
        assertThat(texts("#view-overview li.target .value")).hasSize(targets.size())
                .allSatisfy(v -> assertThat(v).as("actual / target in an English unit").doesNotContainPattern(HAN));
        assertThat(text("#summary")).doesNotContainPattern(HAN);
        screenshot("overview-en.png", false);

        // back to Chinese for the departments page
        browser.findElement(By.id("lang-toggle")).click();
        waitUntil(() -> "zh-CN".equals(browser.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(text("#summary .total")).isEqualTo("共 " + targets.size() + " 项目标");
        assertThat(row(mover).findElement(By.cssSelector(".target-name")).getText()).isEqualTo(mover.getNameZh());
    }

    @Test
    @Order(6)
    void shouldSwitchTheDepartmentsPageToEnglishWithItsSummaryAndPlurals() throws IOException {
        open("nav-departments", "departments");
        waitUntil(() -> browser.findElements(By.cssSelector(".card")).size() >= 5);
        By lonerCount = By.cssSelector(".card[data-department-id='" + loner.getDepartmentId() + "'] .target-count");
        assertThat(browser.findElement(lonerCount).getText()).isEqualTo("1 个目标");
        assertThat(text("#summary")).containsPattern(HAN);
        screenshot("departments-zh.png", false);

        browser.findElement(By.id("lang-toggle")).click();

        waitUntil(() -> "en".equals(browser.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(text("#summary")).as("the summary chips follow the switch").doesNotContainPattern(HAN);
        assertThat(texts("#summary .chip")).isNotEmpty().allSatisfy(chip -> assertThat(chip).doesNotContainPattern(HAN));
        assertThat(text("#summary .total")).isEqualTo(targets.size() + " targets");
        assertThat(browser.findElement(lonerCount).getText()).isEqualTo("1 target");
        assertThat(texts(".card .target-count")).allSatisfy(count -> assertThat(count)
                .doesNotContainPattern("(^|\\D)1 (targets|sub-targets)").doesNotContainPattern(HAN));
        assertThat(texts(".card h3")).contains(loner.getDepartmentEn()).allSatisfy(h -> assertThat(h).doesNotContainPattern(HAN));
        assertThat(texts(".card .chips")).allSatisfy(chips -> assertThat(chips).doesNotContainPattern(HAN));
        screenshot("departments-en.png", false);

        browser.findElement(By.cssSelector(".card[data-department-id='" + laggard.getDepartmentId() + "']")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector(".department-view li.target")).isEmpty());
        assertThat(text(".department-view h2")).isEqualTo(laggard.getDepartmentEn());
        long owned = targets.stream().filter(t -> t.getDepartmentId().equals(laggard.getDepartmentId())).count();
        assertThat(browser.findElements(By.cssSelector(".department-view li.target"))).hasSize((int) owned);
        long parts = targets.stream().filter(t -> t.getDepartmentId().equals(laggard.getDepartmentId())
                && t.getParentTargetId() != null).count();
        assertThat(text(".department-view .target-count")).isEqualTo((owned - parts) + " targets"
                + (parts == 0 ? "" : " + " + parts + (parts == 1 ? " sub-target" : " sub-targets")));
        screenshot("department-en.png", false);
    }

    @Test
    @Order(7)
    void shouldShowAZeroCeilingWithinUntil120SquareMetresBreachIt() throws IOException {
        Target zero = targets.stream().filter(t -> Double.valueOf(0.0).equals(t.getTargetValue())).findFirst()
                .orElseThrow();
        open("nav-overview", "overview");
        waitUntil(() -> !browser.findElements(By.cssSelector("#view-overview li.target[data-target-id='" + zero.getId()
                + "']")).isEmpty());
        boolean english = "en".equals(browser.findElement(By.tagName("html")).getAttribute("lang"));

        assertThat(row(zero).getAttribute("data-status")).isEqualTo("ON_TRACK");
        assertThat(row(zero).findElement(By.cssSelector(".value")).getText())
                .isEqualTo(english ? "0 / 0 m² · within ceiling" : "0 / 0 平方米 · 未超出控制线");
        assertThat(barWidth(zero)).isEqualTo("0%");

        app.report(zero, 120, Instant.parse("2020-07-03T02:00:00Z"));

        waitUntil(() -> "BREACHED".equals(row(zero).getAttribute("data-status")));
        assertThat(row(zero).findElement(By.cssSelector(".value")).getText())
                .isEqualTo(english ? "120 / 0 m² · breached by 120 m²" : "120 / 0 平方米 · 超出 120 平方米");
        assertThat(barWidth(zero)).as("no share of zero: a breach fills the bar").isEqualTo("100%");
        row(zero).findElement(By.cssSelector(".target-name")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector(".detail .ceiling-note")).isEmpty());
        assertThat(text(".detail .ceiling-note")).contains(english ? "120 m²" : "120 平方米");
        browser.executeScript("window.scrollTo(0, 0);");
        screenshot("zero-ceiling.png", false);
    }

    @Test
    @Order(8)
    void shouldShowExactlyTheReportsPostedWhileAwayAfterAForcedReconnect() {
        browser.get(baseUrl + "/#/");
        waitForData();
        browser.executeScript("window.loadedOnce = 'still here';");
        Instant now = Instant.parse("2020-07-03T02:00:00Z"); // where the clock stands: no day closes meanwhile
        List<String> before = activityTargets();
        List<Target> away = targets.stream().filter(t -> t.getKind() == TargetKind.CUMULATIVE && t.getTargetValue() != null
                && t != laggard && t != mover && t != steady && !before.contains(t.getId())).limit(3).toList();
        assertThat(away).hasSize(3);

        // the network goes: the page closes its feed; three reports are counted meanwhile
        browser.executeScript("window.dispatchEvent(new Event('offline'));");
        waitUntil(() -> "reconnecting".equals(browser.findElement(By.id("live")).getAttribute("data-state")));
        Map<String, Double> reported = new java.util.HashMap<>();
        for (Target t : away) {
            double actual = http.get("/api/v1/targets/" + t.getId()).body().path("standing").path("actual").asDouble();
            reported.put(t.getId(), actual + t.getTargetValue() * 0.05);
            app.send(t, reported.get(t.getId()), now);
        }
        app.flush();
        Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (Target t : away) {
                assertThat(http.get("/api/v1/targets/" + t.getId()).body().path("standing").path("actual").asDouble())
                        .isEqualTo(reported.get(t.getId()));
            }
        });
        assertThat(activityTargets()).as("nothing shown while away").isEqualTo(before);

        // back online: the page resumes from the last event it got and shows those three reports, each once
        browser.executeScript("window.dispatchEvent(new Event('online'));");
        waitUntil(() -> activityTargets().size() >= Math.min(12, before.size() + away.size())
                && activityTargets().subList(0, away.size()).containsAll(away.stream().map(Target::getId).toList()));
        List<String> after = activityTargets();
        assertThat(after.subList(0, away.size())).containsExactlyInAnyOrderElementsOf(away.stream().map(Target::getId).toList());
        assertThat(after.subList(away.size(), after.size())).as("nothing else, nothing twice")
                .isEqualTo(before.subList(0, Math.min(before.size(), after.size() - away.size())));
        for (Target t : away) {
            assertThat(row(t).findElement(By.cssSelector(".actual")).getText()).isEqualTo(formatted(reported.get(t.getId())));
        }
        assertThat(browser.executeScript("return window.loadedOnce;")).as("no reload").isEqualTo("still here");
    }

    /** The targets the page's recent changes name, newest first (only the progress changes, not alerts). */
    private List<String> activityTargets() {
        return browser.findElements(By.cssSelector("#activity li.activity-standing a")).stream()
                .map(a -> a.getAttribute("href").replaceFirst(".*#/target/", "")).toList();
    }

    /** A value as the page writes it. */
    private String formatted(double value) {
        return (String) browser.executeScript("return window.BurnUp.fmt(arguments[0]);", value);
    }

    // ---- a plausible first half of 2020: monthly totals for most targets, some milestones done

    /**
     * Month by month: the district clock moves to the month's last day, that month's reports are sent and processed
     * before the clock moves on, so the burn-up has a point for every day (the topology records each day the clock
     * passes with the standing of that day).
     */
    private void reportFirstHalfYear() {
        for (int month = 1; month <= 6; month++) {
            Instant at = LocalDate.of(2020, month, 1).plusMonths(1).minusDays(1).atTime(10, 0).toInstant(ZoneOffset.ofHours(8));
            app.clock(at);
            List<String> reported = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                if (t.getTargetValue() == null && t.getKind() != TargetKind.MILESTONE) {
                    continue; // pending: the city has not set the number yet
                }
                double pace = t == laggard ? 0.06 : PACES[i % PACES.length];
                if (t.getKind() != TargetKind.MILESTONE) {
                    reported.add(t.getId());
                }
                switch (t.getKind()) {
                    case CUMULATIVE -> app.send(t, t.getTargetValue() * pace * month / 6, at);
                    case LEVEL -> app.send(t, t.getTargetValue() * (0.9 + 0.02 * month) * Math.min(1, pace + 0.4), at);
                    case CEILING -> app.send(t, t.getTargetValue() * (0.5 + 0.05 * month), at);
                    case MILESTONE -> {
                        if (month == 5 && i % 3 == 0) {
                            app.send(t, 0, at);
                        }
                    }
                }
            }
            app.flush();
            String sent = at.toString();
            Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                List<String> behind = new ArrayList<>();
                http.get("/api/v1/targets").body().path("items").forEach(s -> {
                    if (reported.contains(s.path("targetId").asText())
                            && Instant.parse(s.path("lastEventTime").asText(Instant.EPOCH.toString())).isBefore(Instant.parse(sent))) {
                        behind.add(s.path("targetId").asText());
                    }
                });
                assertThat(behind).as("targets whose report of %s is not processed yet", sent).isEmpty();
            });
        }
    }

    // ---- browser helpers

    private static ChromeDriver chromium() {
        // the driver and browser are Debian's: Selenium Manager must not look for or download anything
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1440,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return driver;
    }

    /**
     * Follows a link of the header and waits until its view is shown: a view left earlier keeps its rows while
     * hidden, so a wait for rows alone could pass on those and then find them replaced.
     */
    private void open(String nav, String view) {
        browser.findElement(By.id(nav)).click();
        waitUntil(() -> browser.findElement(By.id("view-" + view)).isDisplayed());
    }

    /** Waits for the data, not the load event: the summary's count and the alerts, no loading state left. */
    private void waitForData() {
        waitUntil(() -> !browser.findElements(By.cssSelector("#summary .total")).isEmpty()
                && !browser.findElements(By.cssSelector("#view-overview li.target")).isEmpty()
                && browser.findElements(By.cssSelector("#alert-feed .loading")).isEmpty());
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private WebElement row(Target t) {
        return browser.findElement(By.cssSelector("#view-overview li.target[data-target-id='" + t.getId() + "']"));
    }

    private String barWidth(Target t) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].style.width;", row(t).findElement(By.cssSelector(".bar-fill")));
    }

    private static By alertOf(Target t) {
        return By.cssSelector("#alert-feed li.alert[data-dedup-key^='" + t.getId() + "/']");
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** Saves a screenshot; {@code fullPage} grows the window to the page's height first. */
    private void screenshot(String name, boolean fullPage) throws IOException {
        Dimension before = browser.manage().window().getSize();
        if (fullPage) {
            long height = (Long) browser.executeScript("return document.documentElement.scrollHeight;");
            browser.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + 40, 6000)));
        }
        Files.createDirectories(SCREENSHOTS);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(before);
    }
}
