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
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.streams.query.ProgressAppFixture;
import org.jingan.progress.contract.Topics;
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
 * registry: the report's targets and an alert appear, a report sent after the page loaded changes a bar
 * and resolves the alert without a reload, the language switches, the burn-up and department views render.
 * Screenshots go to target/screenshots/. Skipped when Chromium is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private ProgressAppFixture app;
    private StreamsRunner runner;
    private String baseUrl;
    private ChromeDriver browser;
    private List<Target> targets;
    private Target laggard;
    private Target mover;

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
                "--clock", "simulated", "--clock-topic", app.config().clockTopic()));
        new CommandLine(config).parseArgs(args.toArray(String[]::new));
        List<StreamsAppHook> hooks = new ArrayList<>();
        ServiceLoader.load(StreamsAppHook.class).forEach(hooks::add);
        assertThat(hooks).hasAtLeastOneElementOfType(QueryServerHook.class);
        runner = StreamsRunner.of(config, hooks);
        runner.start();
        QueryServerHook hook = (QueryServerHook) hooks.stream().filter(QueryServerHook.class::isInstance).findFirst().orElseThrow();
        baseUrl = "http://" + hook.server().applicationServer();
        Http http = new Http(baseUrl);
        Http management = new Http(hook.server().managementUrl());

        app.publish(targets);
        app.clock(LocalDate.of(2020, 6, 30).atTime(10, 0).toInstant(ZoneOffset.ofHours(8)));
        reportFirstHalfYear();
        Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(management.get("/health/ready").status()).isEqualTo(200);
            assertThat(http.get("/api/v1/targets").body().path("count").asInt()).isEqualTo(targets.size());
            assertThat(http.get("/api/v1/alerts?target=" + laggard.getId()).body().path("count").asInt()).isPositive();
        });
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
    void shouldShowTheTargetsBySectionAndDepartmentAndTheAlertFeed() throws IOException {
        browser.get(baseUrl + "/");
        waitUntil(() -> browser.findElements(By.cssSelector("li.target")).size() == targets.size());
        waitUntil(() -> !browser.findElements(alertOf(laggard)).isEmpty());

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.getTitle()).contains("静安区");
        assertThat(browser.findElements(By.cssSelector("section.group"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(text("section.group[data-section-id='" + laggard.getSectionId() + "'] h2")).isEqualTo(laggard.getSectionZh());
        WebElement row = row(laggard);
        assertThat(row.findElement(By.cssSelector(".target-name")).getText()).isEqualTo(laggard.getNameZh());
        assertThat(row.findElements(By.cssSelector(".bar .bar-fill"))).hasSize(1);
        assertThat(row.findElements(By.cssSelector(".bar .bar-pace"))).hasSize(1);
        assertThat(row.getAttribute("data-status")).isIn("BEHIND", "AT_RISK");
        assertThat(browser.findElement(alertOf(laggard)).getText()).contains(laggard.getNameZh());
        // the district clock's date heads the page: the simulated clock the app runs on, in Beijing time
        waitUntil(() -> "区级时钟 2020年6月30日 模拟".equals(text("#district-clock")));
        waitUntil(() -> "open".equals(browser.findElement(By.id("live")).getAttribute("data-state")));
        screenshot("dashboard.png", false);
        screenshot("dashboard-full.png", true);
    }

    @Test
    @Order(2)
    void shouldUpdateBarsAndAlertsLiveWithoutReload() {
        browser.executeScript("window.loadedOnce = 'still here';");
        String widthBefore = barWidth(mover);

        // the mover completes its target; the laggard catches up and its alert resolves
        app.report(mover, mover.getTargetValue() * 1.01, Instant.parse("2020-07-02T02:00:00Z"));
        app.report(laggard, laggard.getTargetValue() * 0.7, Instant.parse("2020-07-02T02:00:00Z"));

        waitUntil(() -> "COMPLETED".equals(row(mover).getAttribute("data-status")));
        assertThat(barWidth(mover)).isEqualTo("100%").isNotEqualTo(widthBefore);
        waitUntil(() -> browser.findElements(alertOf(laggard)).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#activity li"))).isNotEmpty();
        assertThat(browser.executeScript("return window.loadedOnce;")).as("no reload").isEqualTo("still here");
    }

    @Test
    @Order(3)
    void shouldSwitchToEnglishAndDrawTheBurnUp() throws IOException {
        browser.findElement(By.id("lang-toggle")).click();

        waitUntil(() -> "en".equals(browser.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(browser.getTitle()).contains("Jing'an");
        assertThat(row(mover).findElement(By.cssSelector(".target-name")).getText()).isEqualTo(mover.getNameEn());
        assertThat(text("#nav-departments")).isEqualTo("Departments");
        waitUntil(() -> "District clock: 2 Jul 2020 simulated".equals(text("#district-clock"))); // moved by the reports of 2 July

        browser.findElement(By.cssSelector("li.target[data-target-id='" + mover.getId() + "'] .target-name")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector("#burnup svg.burnup path.series-actual")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#burnup svg .series-plan"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#burnup svg .series-target"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#burnup svg circle.dot-actual"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(text(".detail h2")).contains(mover.getNameEn());
        screenshot("dashboard-target-en.png", false);
    }

    @Test
    @Order(4)
    void shouldShowTheDepartmentView() throws IOException {
        browser.findElement(By.id("nav-departments")).click();
        waitUntil(() -> browser.findElements(By.cssSelector(".card")).size() >= 5);
        browser.findElement(By.cssSelector(".card[data-department-id='" + laggard.getDepartmentId() + "']")).click();

        waitUntil(() -> !browser.findElements(By.cssSelector(".department-view li.target")).isEmpty());
        assertThat(text(".department-view h2")).isEqualTo(laggard.getDepartmentEn());
        long owned = targets.stream().filter(t -> t.getDepartmentId().equals(laggard.getDepartmentId())).count();
        assertThat(browser.findElements(By.cssSelector(".department-view li.target"))).hasSize((int) owned);
        screenshot("dashboard-department-en.png", false);
    }

    @Test
    @Order(5)
    void shouldShowAZeroCeilingWithinUntil120SquareMetresBreachIt() throws IOException {
        Target zero = targets.stream().filter(t -> Double.valueOf(0.0).equals(t.getTargetValue())).findFirst()
                .orElseThrow();
        browser.findElement(By.id("nav-overview")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector("#view-overview li.target[data-target-id='" + zero.getId()
                + "']")).isEmpty());
        boolean english = "en".equals(browser.findElement(By.tagName("html")).getAttribute("lang"));

        assertThat(row(zero).getAttribute("data-status")).isEqualTo("ON_TRACK");
        assertThat(row(zero).findElement(By.cssSelector(".value")).getText())
                .isEqualTo("0 / 0 平方米 · " + (english ? "within ceiling" : "未超出控制线"));
        assertThat(barWidth(zero)).isEqualTo("0%");

        app.report(zero, 120, Instant.parse("2020-07-03T02:00:00Z"));

        waitUntil(() -> "BREACHED".equals(row(zero).getAttribute("data-status")));
        assertThat(row(zero).findElement(By.cssSelector(".value")).getText())
                .isEqualTo("120 / 0 平方米 · " + (english ? "breached by 120 平方米" : "超出 120 平方米"));
        assertThat(barWidth(zero)).as("no share of zero: a breach fills the bar").isEqualTo("100%");
        row(zero).findElement(By.cssSelector(".target-name")).click();
        waitUntil(() -> !browser.findElements(By.cssSelector(".detail .ceiling-note")).isEmpty());
        assertThat(text(".detail .ceiling-note")).contains("120 平方米");
        browser.executeScript("window.scrollTo(0, 0);");
        screenshot("dashboard-zero-ceiling.png", false);
    }

    // ---- a plausible first half of 2020: monthly totals for most targets, some milestones done

    private void reportFirstHalfYear() {
        double[] paces = {0.62, 0.55, 0.45, 0.7, 0.58, 0.3, 0.66, 1.02, 0.52};
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (t.getTargetValue() == null && t.getKind() != TargetKind.MILESTONE) {
                continue; // pending: the city has not set the number yet
            }
            double pace = t == laggard ? 0.06 : paces[i % paces.length];
            for (int month = 1; month <= 6; month++) {
                Instant at = LocalDate.of(2020, month, 1).plusMonths(1).minusDays(1).atTime(10, 0).toInstant(ZoneOffset.ofHours(8));
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
        }
        app.flush();
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
