package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.IntakeFixture;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake on the district clock, on the real broker and registry: in simulated mode it follows its own clock topic
 * (moved here with {@link ClockSetter}, as the demo does), live it reads the wall clock; either way a report's own
 * date never stands in for now.
 */
class IntakeClockIntegrationTest {
    private static final String REPORT = "/api/v1/reports";
    private static final String UPLOAD = "/api/v1/reports/upload";
    private static final Instant START = Instant.parse("2020-03-01T09:00:00+08:00");

    @TempDir
    Path dir;

    private final TestCluster cluster = TestCluster.get();

    /** An intake on a simulated clock of its own topic, standing at {@link #START} until a tick says otherwise. */
    private IntakeFixture simulated(String clockTopic) {
        return IntakeFixture.start(dir, b -> b.clockMode(ClockMode.SIMULATED).clockTopic(clockTopic).clockStart(START));
    }

    private String clockTopic() {
        return cluster.createTopicLike(cluster.uniqueName("district-clock"), Topics.CLOCK).name();
    }

    private ClockSetter setter(String clockTopic) {
        Map<String, Object> client = cluster.clientConfig();
        return new ClockSetter(clockTopic, client, client, "intake-test");
    }

    private static ProgressEvent only(IntakeFixture intake, String eventId) {
        return intake.events().stream().filter(e -> e.getEventId().equals(eventId)).reduce((a, b) -> {
            throw new AssertionError("stored twice: " + eventId);
        }).orElseThrow(() -> new AssertionError("not stored: " + eventId));
    }

    private static JsonNode onlyError(IntakeFixture intake, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode errors = intake.json(response).get("errors");
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void shouldRefuseAReportInTheSimulatedFutureThenAcceptItOnceATickMovedTheClock() {
        String clockTopic = clockTopic();
        try (IntakeFixture intake = simulated(clockTopic); ClockSetter setter = setter(clockTopic)) {
            String report = "{\"eventId\": \"sim-1\", \"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2020-03-10\"}";

            JsonNode refused = onlyError(intake, intake.postJson(REPORT, intake.constructionKey, report));
            assertThat(refused.get("code").asText()).isEqualTo("EVENT_TIME_IN_FUTURE");
            assertThat(refused.get("field").asText()).isEqualTo("eventTime");
            assertThat(refused.get("reason").asText()).contains("the district clock's now is 2020-03-01 09:00 (Asia/Shanghai)");
            assertThat(refused.get("reasonZh").asText()).contains("区时钟当前时间为 2020-03-01 09:00");
            assertThat(intake.records()).as("nothing written").isEmpty();

            setter.set(Instant.parse("2020-03-10T18:00:00+08:00")); // the demo moves the clock, then posts that day's reports

            var accepted = intake.postJson(REPORT, intake.constructionKey, report);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            ProgressEvent event = only(intake, "sim-1");
            assertThat(event.getEventTime()).isEqualTo(Instant.parse("2020-03-10T00:00:00+08:00"));
            assertThat(event.getReportedAt()).as("reported at the district's now, not the wall clock's")
                    .isEqualTo(Instant.parse("2020-03-10T18:00:00+08:00"));

            // the spreadsheet upload is judged by the same clock
            var sheet = intake.postBytes(UPLOAD, intake.constructionKey,
                    "目标编号,日期,数值\nc-wet-waste,2020-03-10,410\n".getBytes(StandardCharsets.UTF_8), "text/csv");
            assertThat(sheet.statusCode()).as(sheet.body()).isEqualTo(202);
            JsonNode tooEarly = onlyError(intake, intake.postBytes(UPLOAD, intake.constructionKey,
                    "目标编号,日期,数值\nc-wet-waste,2020-03-12,420\n".getBytes(StandardCharsets.UTF_8), "text/csv"));
            assertThat(tooEarly.get("code").asText()).isEqualTo("EVENT_TIME_IN_FUTURE");
            assertThat(tooEarly.get("line").asInt()).isEqualTo(2);
            assertThat(tooEarly.get("reason").asText()).contains("now is 2020-03-10 18:00");
            assertThat(intake.records()).hasSize(2);
        }
    }

    @Test
    void shouldDateAReportWithoutEventTimeAtTheSimulatedClocksNowNotTheWallClocks() {
        String clockTopic = clockTopic();
        long followersBefore = followerThreads();
        try (IntakeFixture intake = simulated(clockTopic); ClockSetter setter = setter(clockTopic)) {
            assertThat(followerThreads()).as("the intake follows the clock").isEqualTo(followersBefore + 1);
            setter.set(Instant.parse("2020-04-02T15:30:00+08:00"));

            var response = intake.postJson(REPORT, intake.constructionKey,
                    "{\"eventId\": \"sim-now\", \"targetId\": \"c-wet-waste\", \"value\": 420}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ProgressEvent event = only(intake, "sim-now");
            assertThat(event.getEventTime()).isEqualTo(Instant.parse("2020-04-02T15:30:00+08:00"));
            assertThat(event.getReportedAt()).isEqualTo(Instant.parse("2020-04-02T15:30:00+08:00"));
        }
        assertThat(followerThreads()).as("closing the intake stops following the clock").isEqualTo(followersBefore);
    }

    @Test
    void shouldRefuseThe2025DatedReportOnA2020TargetOnTheLiveWallClock() {
        // live: the wall clock is long past 2025, so only the target's deadline (2020-12-31) and its grace refuse it
        try (IntakeFixture intake = IntakeFixture.start(dir, b -> b.clock(Clock.systemUTC()))) {
            JsonNode refused = onlyError(intake, intake.postJson(REPORT, intake.constructionKey,
                    "{\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2025-06-30\"}"));

            assertThat(refused.get("code").asText()).isEqualTo("EVENT_TIME_AFTER_DEADLINE");
            assertThat(refused.get("field").asText()).isEqualTo("eventTime");
            assertThat(refused.get("value").asText()).isEqualTo("2025-06-30");
            assertThat(refused.get("reason").asText()).contains("deadline is 2020-12-31").contains("from 2020-01-01 to 2021-01-31");
            assertThat(refused.get("reasonZh").asText()).contains("截止日期为 2020-12-31").contains("2020-01-01 至 2021-01-31");
            assertThat(intake.records()).as("nothing written").isEmpty();

            var inTime = intake.postJson(REPORT, intake.constructionKey,
                    "{\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2020-12-31\"}");
            assertThat(inTime.statusCode()).as(inTime.body()).isEqualTo(202);
        }
    }

    private static long followerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("district-clock-follower")).count();
    }
}
