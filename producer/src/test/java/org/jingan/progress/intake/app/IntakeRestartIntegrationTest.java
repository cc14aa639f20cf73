package org.jingan.progress.intake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.intake.IntakeFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "202 means counted once" across a restart of the intake and across two intakes on one topic: the memory of event
 * ids is rebuilt from the topic, so a reused id is 409, a retry is answered as the first time and stored once, and a
 * CORRECTION must name a stored report of its target, before and after the restart. Each intake here is a new
 * {@link IntakeServer} on the same topic, on the real (secured) broker and registry.
 */
class IntakeRestartIntegrationTest {
    private static final String REPORTS = "/api/v1/reports";

    @TempDir
    Path dir;
    private IntakeFixture intake;
    private IntakeFixture other;

    @AfterEach
    void stop() {
        for (IntakeFixture running : new IntakeFixture[] {intake, other}) {
            if (running != null) {
                running.close();
            }
        }
    }

    /** Stops the intake and starts a new one on the same topic. */
    private IntakeFixture restart() {
        intake.close();
        intake = IntakeFixture.onTopic(dir("after-restart"), intake.topic, UnaryOperator.identity());
        return intake;
    }

    private Path dir(String name) {
        try {
            return Files.createDirectories(dir.resolve(name + "-" + UUID.randomUUID()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String level(String eventId, int value) {
        return """
                {"eventId": "%s", "targetId": "c-wet-waste", "kind": "LEVEL", "value": %d, "eventTime": "2020-06-03"}"""
                .formatted(eventId, value);
    }

    private static String correction(String eventId, String targetId, String corrects) {
        return """
                {"eventId": "%s", "targetId": "%s", "kind": "CORRECTION", "eventTime": "2020-06-20", "correctsEventId": "%s"}"""
                .formatted(eventId, targetId, corrects);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private HttpResponse<String> post(IntakeFixture to, String json) {
        return to.postJson(REPORTS, to.constructionKey, json);
    }

    private List<ProgressEvent> stored(String eventId) {
        return intake.events().stream().filter(e -> e.getEventId().equals(eventId)).toList();
    }

    private void assertRefused(HttpResponse<String> response, int status, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode error = intake.json(response).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("reason").asText()).isNotBlank();
        assertThat(error.get("reasonZh").asText()).isNotBlank();
    }

    @Test
    void shouldRefuseAnEventIdReusedForOtherContentAfterARestart() {
        intake = IntakeFixture.start(dir("before"));
        String eventId = id("reused");
        assertThat(post(intake, level(eventId, 430)).statusCode()).isEqualTo(202);
        assertRefused(post(intake, level(eventId, 999)), 409, "EVENT_ID_CONFLICT", "eventId");

        restart();
        HttpResponse<String> reused = post(intake, level(eventId, 999));

        assertRefused(reused, 409, "EVENT_ID_CONFLICT", "eventId");
        assertThat(intake.json(reused).get("type").asText()).endsWith("/problems/event-id-conflict");
        assertThat(stored(eventId)).singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo(430.0));
    }

    @Test
    void shouldAnswerARetryAfterARestartAsTheFirstTimeAndStoreItOnce() {
        intake = IntakeFixture.start(dir("before"));
        String eventId = id("retried");
        String sheet = "目标编号,日期,数值\nm-retail-sales,2020-03-31,250\nm-retail-sales,2020-04-30,330\n";
        HttpResponse<String> first = post(intake, level(eventId, 440));
        HttpResponse<String> upload = intake.postBytes("/api/v1/reports/upload", intake.commerceKey,
                sheet.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);

        restart();
        assertThat(intake.json(intake.management("/health/ready")).get("checks").get("eventMemory").asBoolean()).isTrue();
        HttpResponse<String> retry = post(intake, level(eventId, 440));
        HttpResponse<String> uploadAgain = intake.postBytes("/api/v1/reports/upload", intake.commerceKey,
                sheet.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).as("the same answer: the same place on the topic").isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(uploadAgain.body()).isEqualTo(upload.body());
        assertThat(uploadAgain.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stored(eventId)).hasSize(1);
        assertThat(intake.events()).as("each report once").hasSize(3);
    }

    @Test
    void shouldRefuseACorrectionOfAnEventNobodyKnowsBeforeAndAfterARestart() {
        intake = IntakeFixture.start(dir("before"));
        String unknown = id("nobody-knows");

        assertRefused(post(intake, correction(id("fix"), "c-elevators", unknown)), 422, "UNKNOWN_CORRECTED_EVENT", "correctsEventId");
        restart();
        HttpResponse<String> afterRestart = post(intake, correction(id("fix"), "c-elevators", unknown));

        assertRefused(afterRestart, 422, "UNKNOWN_CORRECTED_EVENT", "correctsEventId");
        assertThat(intake.json(afterRestart).get("type").asText()).endsWith("/problems/validation-failed");
        assertThat(intake.json(afterRestart).get("errors").get(0).get("value").asText()).isEqualTo(unknown);
        assertThat(intake.events()).as("nothing written").isEmpty();
    }

    @Test
    void shouldAcceptACorrectionOfAnEventStoredBeforeARestartOnlyOnItsTargetAndOnlyOnce() {
        intake = IntakeFixture.start(dir("before"));
        String elevators = id("elevators");
        assertThat(post(intake, """
                {"eventId": "%s", "targetId": "c-elevators", "kind": "INCREMENT", "value": 3, "eventTime": "2020-06-10"}"""
                .formatted(elevators)).statusCode()).isEqualTo(202);

        restart();
        assertRefused(post(intake, correction(id("fix"), "c-wet-waste", elevators)), 422, "UNKNOWN_CORRECTED_EVENT", "correctsEventId");
        String fix = id("fix");
        HttpResponse<String> accepted = post(intake, correction(fix, "c-elevators", elevators));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(post(intake, correction(fix, "c-elevators", elevators)).body()).as("its retry").isEqualTo(accepted.body());
        assertRefused(post(intake, correction(id("fix-again"), "c-elevators", elevators)), 422, "UNKNOWN_CORRECTED_EVENT", "correctsEventId");

        restart();
        assertRefused(post(intake, correction(id("fix-again"), "c-elevators", elevators)), 422, "UNKNOWN_CORRECTED_EVENT", "correctsEventId");
        assertThat(intake.events()).extracting(ProgressEvent::getEventId).containsExactly(elevators, fix);
    }

    @Test
    void shouldRefuseAnIdThatAnotherIntakeOnTheSameTopicStored() {
        intake = IntakeFixture.start(dir("first"));
        other = IntakeFixture.onTopic(dir("second"), intake.topic, UnaryOperator.identity());
        String eventId = id("shared");

        HttpResponse<String> first = post(intake, level(eventId, 450));
        await().atMost(Duration.ofSeconds(10)).until(() -> other.server.memory().known().size() == 1);
        HttpResponse<String> reused = post(other, level(eventId, 451));
        HttpResponse<String> retried = post(other, level(eventId, 450));

        assertThat(first.statusCode()).isEqualTo(202);
        assertRefused(reused, 409, "EVENT_ID_CONFLICT", "eventId");
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stored(eventId)).hasSize(1);
    }
}
