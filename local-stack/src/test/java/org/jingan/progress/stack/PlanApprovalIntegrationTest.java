package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jingan.progress.avro.PlanSubmission;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.catalog.plans.PlanSubmissionLog;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.stack.demo.ReplaySpeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A department's plan on the real stack (broker, registry, intake, monitor, streams app): the department uploads its
 * plan spreadsheet with its key, another department's key is refused, an operator returns one plan (nothing changes)
 * and approves the next, and from the approval date the standing and the dashboard measure the target by it and
 * name its source. Screenshots of the target page in both languages land in local-stack/target/screenshots.
 */
class PlanApprovalIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 50 elevator retrofits started (区房管局): back-loaded work, as the department plans it. */
    private static final String ELEVATORS = "s3-elevator-retrofits-started";
    private static final LocalDate APPROVAL_DAY = LocalDate.of(2020, 4, 1);
    private static final String PLAN = """
            # the department's plan: little before the summer, most in the fourth quarter
            date,expectedValue,expectedShare
            2020-06-30,5,
            2020-09-30,20,
            2020-12-31,50,
            """;

    @TempDir
    Path dataDir;

    @Test
    void shouldMeasureATargetByItsDepartmentsPlanOnceAnOperatorApprovesIt() throws Exception {
        StackConfig config = new StackConfig(dataDir, true, null, null, null, Map.of(), 1, StackConfig.Ports.ANY,
                ReplaySpeed.MAX, false, 2020, new StackConfig.Clock(ClockMode.SIMULATED,
                APPROVAL_DAY.atStartOfDay(DistrictClock.ZONE).toInstant().plusSeconds(10 * 3600)));
        try (Stack stack = Stack.start(config, line -> { })) {
            String housing = keyOf(stack.departmentKeysFile(), "housing");
            String commerce = keyOf(stack.departmentKeysFile(), "commerce");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(target(stack).path("standing").path("planSource").asText()).isEqualTo("LINEAR"));
            double linear = target(stack).path("standing").path("expectedRatio").asDouble();
            assertThat(linear).as("时序进度 on 1 April: 91 of 366 days").isBetween(0.24, 0.26);

            HttpResponse<String> template = intake(stack, "GET", "/plan/template.csv", housing, null);
            assertThat(template.statusCode()).isEqualTo(200);
            assertThat(template.body()).contains("date,expectedValue,expectedShare").contains("2020-12-31,50,");

            HttpResponse<String> foreign = intake(stack, "POST", "/plan", commerce, PLAN);
            assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);

            HttpResponse<String> invalid = intake(stack, "POST", "/plan", housing,
                    "date,expectedValue\n2020-06-30,30\n2020-05-31,20\n2020-12-31,40\n");
            assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(422);
            assertThat(invalid.body()).contains("does not follow 2020-06-30").contains("未晚于上一节点")
                    .contains("the plan ends at 80% of the target");

            String returned = submit(stack, housing);
            MonitorLogins.Login operator = stack.monitorLogins().operator();
            assertThat(monitor(stack, "/api/plans/" + returned + "/return", stack.monitorLogins().viewer(),
                    "{\"comment\": \"x\"}").statusCode()).as("a viewer decides nothing").isEqualTo(403);
            assertThat(monitor(stack, "/api/plans/" + returned + "/return", operator, "{}").statusCode())
                    .as("a return says why").isEqualTo(400);
            HttpResponse<String> returning = monitor(stack, "/api/plans/" + returned + "/return", operator,
                    "{\"comment\": \"请按季度分解 / split it by quarter\"}");
            assertThat(returning.statusCode()).as(returning.body()).isEqualTo(200);
            Target afterReturn = published(stack);
            assertThat(afterReturn.getRevision()).as("a returned plan changes nothing").isEqualTo(1);
            assertThat(afterReturn.getPacePlan()).isEmpty();

            String approved = submit(stack, housing);
            HttpResponse<String> approving = monitor(stack, "/api/plans/" + approved + "/approve", operator,
                    "{\"comment\": \"同意\"}");
            assertThat(approving.statusCode()).as(approving.body()).isEqualTo(200);
            assertThat(JSON.readTree(approving.body()).path("unitEn").asText()).as("the English plans page's unit (台)")
                    .isEqualTo("units");
            assertThat(monitor(stack, "/api/plans/" + approved + "/return", operator, "{\"comment\": \"late\"}")
                    .statusCode()).as("decided once").isEqualTo(409);

            Target revised = published(stack);
            assertThat(revised.getRevision()).isEqualTo(2);
            assertThat(revised.getPlanApprovedBy()).isEqualTo(MonitorLogins.OPERATOR);
            assertThat(revised.getPlanApprovedOn()).isEqualTo(APPROVAL_DAY);
            assertThat(revised.getPlanSubmissionId()).isEqualTo(approved);
            assertThat(revised.getRevisedBy()).isEqualTo("User:monitor");
            assertThat(revised.getRevisionNote()).startsWith("部门分解计划获批 / department plan approved")
                    .contains("by " + MonitorLogins.OPERATOR);
            assertThat(revised.getPacePlan()).extracting(p -> p.getExpectedRatio()).containsExactly(0.1, 0.4, 1.0);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode standing = target(stack).path("standing");
                assertThat(standing.path("planSource").asText()).isEqualTo("DEPARTMENT");
                assertThat(standing.path("planApprovedBy").asText()).isEqualTo(MonitorLogins.OPERATOR);
                assertThat(standing.path("planApprovedOn").asText()).isEqualTo("2020-04-01");
            });
            double byPlan = target(stack).path("standing").path("expectedRatio").asDouble();
            assertThat(byPlan).as("the department's plan on 1 April: 10 %% x 91/182").isBetween(0.045, 0.055);
            JsonNode history = get(stack.dashboardUrl() + "/api/v1/targets/" + ELEVATORS + "/history");
            assertThat(history.path("planSource").path("planSource").asText()).isEqualTo("DEPARTMENT");
            assertThat(history.path("plan").toString()).contains("\"date\":\"2020-04-01\"").contains("\"date\":\"2020-06-30\"");

            List<PlanSubmission> acts = new PlanSubmissionLog(stack.clientConfig(), Topics.PLAN_SUBMISSIONS.name(),
                    Duration.ofSeconds(30)).readAll();
            assertThat(acts).extracting(PlanSubmission::getState)
                    .containsExactly("SUBMITTED", "RETURNED", "SUBMITTED", "APPROVED");
            assertThat(acts.get(1).getComment()).startsWith("请按季度分解");
            assertThat(acts.get(3).getTargetRevision()).isEqualTo(2);
            assertThat(acts.get(0).getChannel()).isEqualTo("SPREADSHEET");

            screenshots(stack);
        }
    }

    private String submit(Stack stack, String key) throws Exception {
        HttpResponse<String> accepted = intake(stack, "POST", "/plan", key, PLAN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("submissionId").asText();
    }

    private static Target published(Stack stack) {
        return new CatalogPublisher(stack.clientConfig(), Topics.TARGETS.name(), Duration.ofSeconds(30))
                .readPublished().get(ELEVATORS);
    }

    private static JsonNode target(Stack stack) throws Exception {
        return get(stack.dashboardUrl() + "/api/v1/targets/" + ELEVATORS);
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> intake(Stack stack, String method, String path, String key, String csv)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/api/v1/targets/"
                + ELEVATORS + path)).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + key);
        if (csv == null) {
            request.GET();
        } else {
            request.header("Content-Type", "text/csv; charset=utf-8").method(method, HttpRequest.BodyPublishers.ofString(csv));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> monitor(Stack stack, String path, MonitorLogins.Login login, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.monitorUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", login.basicAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String keyOf(Path keysFile, String department) throws Exception {
        Properties keys = new Properties();
        try (var in = Files.newBufferedReader(keysFile)) {
            keys.load(in);
        }
        return keys.getProperty(department);
    }

    /** The target page in both languages, where a person can look at the plan's source (skipped without Chromium). */
    private static void screenshots(Stack stack) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            return;
        }
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        // the first start of a browser on a busy host is slow: a throw-away shot warms it (fonts, caches)
        for (String lang : List.of("warm-up", "zh", "en")) {
            Process p = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    // no virtual time budget: the page's live feed (SSE) keeps virtual time from ever running out
                    "--hide-scrollbars", "--window-size=1400,1000", "--timeout=25000",
                    "--screenshot=" + dir.resolve("plan-source-" + lang + ".png").toAbsolutePath(),
                    stack.dashboardUrl() + "/?lang=" + lang + "#/target/" + ELEVATORS)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        Files.deleteIfExists(dir.resolve("plan-source-warm-up.png"));
    }
}
