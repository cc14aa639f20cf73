package org.jingan.progress.bulletins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jingan.progress.avro.Target;
import org.jingan.progress.bulletins.content.Language;
import org.jingan.progress.bulletins.content.Numbers;
import org.jingan.progress.bulletins.data.QueryApiCases;
import org.jingan.progress.bulletins.review.ReviewTemplates;
import org.jingan.progress.bulletins.store.BulletinStore;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The documents written from a known state of the real stores: the progress topology and its query server on the
 * real broker and registry, the catalog's 90 targets, reports for a few of them through January to April 2020, the
 * district clock moved to 1 May. The PDF and DOCX are read back (PDFBox, POI) and their numbers compared with what
 * the query API says the stores hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulletinsIntegrationTest {
    private static final Path PAGES = Path.of("target", "screenshots");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private StoresFixture stores;
    private BulletinGenerator generator;
    private Catalog catalog;

    @BeforeAll
    void knownState() {
        catalog = Catalog.loadDefault();
        stores = new StoresFixture(TestCluster.get(), catalog.targets());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> get("/api/v1/targets").path("count").asInt() == catalog.targets().size());
        Target retail = target("s0-retail-sales");
        Target investment = target("s0-fixed-asset-investment");
        // one report at a time, each counted before the clock moves on: the history of every day is what it was
        report(retail, 20, "2020-01-31");
        report(retail, 40, "2020-02-29");
        report(target("s2-changping-road-bridge-completion"), 1, "2020-03-20");
        report(investment, 30, "2020-03-31");
        report(retail, 60, "2020-03-31");
        report(target("s3-elevator-retrofits-started"), 50, "2020-04-10");
        report(target("s3-illegal-buildings-zero-growth"), 120, "2020-04-15");
        report(investment, 45, "2020-04-28");
        report(retail, 100, "2020-04-28");
        stores.clock(at("2020-05-01").plus(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                "2020-05-01".equals(get("/api/v1/clock").path("date").asText())
                        && catalog.targets().stream().allMatch(t -> point(t.getId(), "2020-04-30") != null));
        generator = new BulletinGenerator(stores.queryUrl(), new QueryApiCases(stores.queryUrl()));
    }

    @AfterAll
    void close() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void shouldWriteAprilsBulletinWithTheStoresNumbers() throws IOException {
        BulletinGenerator.Documents april = generator.month(YearMonth.of(2020, 4), List.of(Language.ZH, Language.EN));
        String pdf = pdfText(april.files().get("bulletin-zh.pdf"));
        String docx = docxText(april.files().get("bulletin-zh.docx"));
        JsonNode retail = point("s0-retail-sales", "2020-04-30");
        JsonNode investment = point("s0-fixed-asset-investment", "2020-04-30");
        JsonNode illegal = point("s3-illegal-buildings-zero-growth", "2020-04-30");
        assertThat(retail.path("status").asText()).isEqualTo("BEHIND");
        // 45 of 253 亿元 (17.8 %) against 时序进度's 33 % on 30 April (the invented investment curve asked 23 %: AT_RISK)
        assertThat(investment.path("status").asText()).isEqualTo("BEHIND");
        for (String text : List.of(pdf, docx)) {
            assertThat(text).contains("静安区2020年4月政府工作报告目标任务进展通报", "数据截至2020年4月30日", "区时钟当前为2020年5月1日");
            // the lagging retail sales: actual, target, completion, expected by now, gap, forecast: the stores' numbers
            assertThat(text).contains("社会消费品零售总额", "100 亿元", "800 亿元",
                    Numbers.percent(retail.path("completionRatio").asDouble()),
                    Numbers.amount(retail.path("expectedValue").asDouble(), "亿元"),
                    Numbers.points(retail.path("completionRatio").asDouble() - retail.path("expectedRatio").asDouble()),
                    "滞后");
            assertThat(text).contains("全社会固定资产投资额", "45 亿元", Numbers.percent(investment.path("completionRatio").asDouble()));
            assertThat(text).contains("进度计划", "时序进度");
            // the breached zero ceiling, the elevators completed in April
            assertThat(text).contains("新增违法建筑零增长：" + Numbers.amount(illegal.path("actual").asDouble(), "平方米")
                    + "，控制线 0 平方米，超出 120 平方米");
            assertThat(text).contains("六、本月完成", "既有多层住宅加装电梯开工（区房管局）：50 台 / 50 台");
        }
        assertThat(pdf).doesNotContain("昌平路桥竣工（"); // completed in March, not this month
        // table cells wrap a long unit ("100 × 100 million / yuan"): compared as one line
        assertThat(pdfText(april.files().get("bulletin-en.pdf")).replaceAll("\\s+", " ")).contains("Progress Bulletin, April 2020", "Behind",
                        "100 × 100 million yuan", "120 m²", "50 units / 50 units")
                .as("English units only (UnitNames)").doesNotContain("亿元", "平方米", " 台");
        assertThat(embeddedFonts(april.files().get("bulletin-zh.pdf"))).isNotEmpty().allMatch(PDFont::isEmbedded);
        Files.createDirectories(PAGES);
        Files.write(PAGES.resolve("bulletin-2020-04-zh.pdf"), april.files().get("bulletin-zh.pdf"));
        Files.write(PAGES.resolve("bulletin-2020-04-en.pdf"), april.files().get("bulletin-en.pdf"));
        Files.write(PAGES.resolve("bulletin-2020-04-zh.docx"), april.files().get("bulletin-zh.docx"));
    }

    @Test
    void shouldWriteAPastMonthFromItsHistoryBucketsNotTodaysStandings() throws IOException {
        String march = pdfText(generator.month(YearMonth.of(2020, 3), List.of(Language.ZH)).files().get("bulletin-zh.pdf"));
        JsonNode retail = point("s0-retail-sales", "2020-03-31");
        assertThat(retail.path("actual").asDouble()).isEqualTo(60.0);
        assertThat(march).contains("数据截至2020年3月31日", "60 亿元", Numbers.percent(retail.path("completionRatio").asDouble()));
        assertThat(march).doesNotContain("100 亿元"); // today's standing
        assertThat(march).contains("昌平路桥竣工（区建管委）"); // completed in March
        assertThat(march).contains("本月末无超出控制线的目标"); // the breach came in April
    }

    @Test
    void shouldListTheSupervisionCasesOpenAndOverdueAtTheMonthsEnd() throws IOException {
        // BEHIND for 7 days opened retail sales' case on 31 March (due 8 April, escalated 10 April) and the
        // investment's on 28 April; the breach opened the illegal buildings' at once on 15 April (due 22 April)
        JsonNode retail = get("/api/v1/targets/s0-retail-sales/cases").path("items").get(0);
        assertThat(retail.path("caseId").asText()).isEqualTo("s0-retail-sales#1");
        assertThat(retail.path("openedAt").asText()).startsWith("2020-03-31");
        assertThat(retail.path("answerDueBy").asText()).isEqualTo("2020-04-08");
        assertThat(retail.path("overdue").asBoolean()).isTrue(); // today's state
        assertThat(get("/api/v1/cases").path("count").asInt()).isEqualTo(3);
        String commerce = department("s0-retail-sales");
        String urban = department("s3-illegal-buildings-zero-growth");
        BulletinGenerator.Documents april = generator.month(YearMonth.of(2020, 4), List.of(Language.ZH, Language.EN));
        for (String text : List.of(oneLine(pdfText(april.files().get("bulletin-zh.pdf"))),
                oneLine(docxText(april.files().get("bulletin-zh.docx"))))) {
            assertThat(text).contains("五、督办事项", "本月末未结督办事项 3 件，其中逾期未答复 2 件。", "责任部门", "未结", "逾期",
                    "社会消费品零售总额，" + commerce + "，2020年3月31日立案，应于2020年4月8日前答复，已提请领导督办",
                    "新增违法建筑零增长，" + urban + "，2020年4月15日立案，应于2020年4月22日前答复，已提请领导督办");
            assertThat(text).doesNotContain("全社会固定资产投资额，"); // open since 28 April, not yet due
        }
        assertThat(oneLine(pdfText(april.files().get("bulletin-en.pdf")))).contains("5. Supervision cases",
                "3 supervision cases open at the month's end, 2 of them overdue without an answer.",
                "opened 2020-03-31, answer due 2020-04-08, escalated to leadership");
        // March as it stood then: retail sales' case just opened, not yet due; no other case
        String march = oneLine(pdfText(generator.month(YearMonth.of(2020, 3), List.of(Language.ZH)).files().get("bulletin-zh.pdf")));
        assertThat(march).contains("本月末未结督办事项 1 件，其中逾期未答复 0 件。", "本月末无逾期未答复的督办事项。");
        Files.createDirectories(PAGES);
        Files.write(PAGES.resolve("bulletin-cases-2020-04-zh.pdf"), april.files().get("bulletin-zh.pdf"));
        Files.write(PAGES.resolve("bulletin-cases-2020-04-en.pdf"), april.files().get("bulletin-en.pdf"));
    }

    private String department(String targetId) {
        JsonNode target = get("/api/v1/targets/" + targetId);
        JsonNode standing = target.path("standing").path("departmentZh");
        return standing.isTextual() ? standing.asText() : target.path("definition").path("departmentZh").asText();
    }

    /** PDF lines wrap where the page ends: the sentences are checked whole. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\n\\s*", "");
    }

    @Test
    void shouldWriteTheYearEndReviewInTheReportsRegister() throws IOException {
        BulletinGenerator.Documents review = generator.review(2020, Language.ZH, ReviewTemplates.defaults());
        String md = new String(review.files().get("review-zh.md"), StandardCharsets.UTF_8);
        String docx = docxText(review.files().get("review-zh.docx"));
        JsonNode retail = point("s0-retail-sales", "2020-04-30");
        double growth = (retail.path("actual").asDouble() - 748) / 748;
        String retailSentence = "全年实现社会消费品零售总额100亿元，完成目标的"
                + Numbers.percent(retail.path("completionRatio").asDouble()) + "，比上年下降" + Numbers.percent(-growth) + "。";
        for (String text : List.of(md, docx)) {
            assertThat(text).contains("静安区2020年目标任务完成情况回顾（草稿）", "截至2020年4月30日", "全年尚未结束");
            assertThat(text).contains(retailSentence);
            assertThat(text).contains("昌平路桥实现竣工。", "静安寺广场尚未竣工。");
            assertThat(text).contains("新增违法建筑零增长为120平方米，超出控制目标120平方米。");
            assertThat(text).contains("全年实现既有多层住宅加装电梯开工50台，完成目标的100%，比上年下降2%。");
        }
        assertThat(md).contains("## （三）全力解决难题瓶颈，着力实现高水平的城市治理");
    }

    @Test
    void shouldKeepExactlyOneBulletinPerMonthEndAlsoAcrossARestart(@TempDir Path dir) throws IOException {
        AtomicInteger generated = new AtomicInteger();
        LocalDate clockDate = LocalDate.parse(get("/api/v1/clock").path("date").asText());
        MonthEndScheduler first = new MonthEndScheduler(new BulletinStore(dir), month -> {
            generated.incrementAndGet();
            return generator.month(month, List.of(Language.ZH));
        }, () -> clockDate);
        assertThat(first.check()).containsExactly(YearMonth.of(2020, 1), YearMonth.of(2020, 2), YearMonth.of(2020, 3),
                YearMonth.of(2020, 4));
        assertThat(first.check()).isEmpty();
        byte[] april = Files.readAllBytes(dir.resolve("2020-04").resolve("bulletin-zh.pdf"));
        String manifest = Files.readString(dir.resolve("2020-04").resolve(BulletinStore.MANIFEST));
        assertThat(manifest).contains("\"trigger\" : \"month-end\"", "2020-05-01");

        // a restart: a new store over the same directory, a crash's leftover beside it, a new scheduler
        Path leftover = Files.createDirectories(dir.resolve(".writing-2020-05-leftover"));
        Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        MonthEndScheduler restarted = new MonthEndScheduler(new BulletinStore(dir), month -> {
            generated.incrementAndGet();
            return generator.month(month, List.of(Language.ZH));
        }, () -> clockDate);
        assertThat(restarted.check()).isEmpty();
        assertThat(generated.get()).isEqualTo(4);
        assertThat(Files.readAllBytes(dir.resolve("2020-04").resolve("bulletin-zh.pdf"))).isEqualTo(april);
        assertThat(new BulletinStore(dir).list()).extracting(k -> k.month().toString())
                .containsExactly("2020-04", "2020-03", "2020-02", "2020-01");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("2020-01", "2020-02", "2020-03", "2020-04");
        }
        // a second writer of a kept month keeps nothing
        assertThat(new BulletinStore(dir).keep(YearMonth.of(2020, 4), Map.of("bulletin-zh.pdf", new byte[]{1}), Map.of()))
                .isFalse();
        assertThat(Files.readAllBytes(dir.resolve("2020-04").resolve("bulletin-zh.pdf"))).isEqualTo(april);
    }

    @Test
    void shouldKeepNothingForTheMonthsBeforeTheTargetsYear(@TempDir Path dir) {
        AtomicInteger generated = new AtomicInteger();
        MonthEndScheduler scheduler = new MonthEndScheduler(new BulletinStore(dir), month -> {
            generated.incrementAndGet();
            return generator.month(month, List.of(Language.ZH));
        }, () -> LocalDate.of(2020, 1, 15)); // December 2019 has ended: the stores hold nothing of 2019
        assertThat(scheduler.check()).isEmpty();
        assertThat(generated.get()).isEqualTo(12);
        assertThat(scheduler.check()).isEmpty();
        assertThat(generated.get()).isEqualTo(12); // not asked again
        assertThat(new BulletinStore(dir).list()).isEmpty();
    }

    /**
     * The PDF's pages as a person sees them (poppler's pdftoppm): the overview and the first lagging target's page,
     * in Chinese and English, kept in target/screenshots as build artifacts.
     */
    @Test
    void shouldRenderTheOverviewAndALaggingTargetPageAsImages() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("pdftoppm"), "pdftoppm (Debian poppler-utils) is not installed");
        BulletinGenerator.Documents april = generator.month(YearMonth.of(2020, 4), List.of(Language.ZH, Language.EN));
        Files.createDirectories(PAGES);
        for (Language language : List.of(Language.ZH, Language.EN)) {
            Path pdf = PAGES.resolve("bulletin-2020-04-" + language.code() + ".pdf");
            Files.write(pdf, april.files().get("bulletin-" + language.code() + ".pdf"));
            String prefix = PAGES.resolve("bulletin-page-" + language.code()).toString();
            Process pdftoppm = new ProcessBuilder("pdftoppm", "-r", "110", "-f", "1", "-l", "2", "-png", pdf.toString(), prefix)
                    .redirectErrorStream(true).start();
            assertThat(pdftoppm.waitFor()).isZero();
            Files.move(Path.of(prefix + "-1.png"), PAGES.resolve("bulletin-overview-" + language.code() + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(Path.of(prefix + "-2.png"), PAGES.resolve("bulletin-lagging-" + language.code() + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(PAGES.resolve("bulletin-overview-" + language.code() + ".png"))).isGreaterThan(20_000);
        }
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void shouldNotWriteAMonthThatHasNotEnded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> generator.month(YearMonth.of(2020, 5), List.of(Language.ZH)))
                .hasMessageContaining("has not ended by the district clock (2020-05-01)");
    }

    // ---- helpers

    /**
     * Moves the clock to noon of {@code date} and waits until the target's task has closed the days before (its
     * standing is as of that day), then reports and waits until the standing counts it: so every history point
     * before {@code date} holds what was reported before it, whatever the load on the machine.
     */
    private void report(Target target, double value, String date) {
        String asOf = LocalDate.parse(date).minusDays(1) + "T16:00"; // 00:00 in Asia/Shanghai
        stores.clock(at(date));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                get("/api/v1/targets/" + target.getId()).path("standing").path("asOf").asText().startsWith(asOf));
        stores.report(target, value, at(date));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode standing = get("/api/v1/targets/" + target.getId()).path("standing");
            return standing.path("actual").asDouble() == (target.getKind() == org.jingan.progress.avro.TargetKind.MILESTONE ? 1 : value)
                    && standing.path("asOf").asText().startsWith(asOf);
        });
    }

    private Target target(String id) {
        return catalog.targets().stream().filter(t -> t.getId().equals(id)).findFirst().orElseThrow();
    }

    private static Instant at(String date) {
        return LocalDate.parse(date).atTime(12, 0).atZone(DistrictClock.ZONE).toInstant();
    }

    private JsonNode point(String targetId, String bucket) {
        for (JsonNode p : get("/api/v1/targets/" + targetId + "/history").path("points")) {
            if (bucket.equals(p.path("bucket").asText())) {
                return p;
            }
        }
        return null;
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stores.queryUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static List<PDFont> embeddedFonts(byte[] pdf) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
        }
        return fonts;
    }

    static String docxText(byte[] docx) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            return extractor.getText();
        }
    }
}
