package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.jingan.progress.intake.IntakeFixture;
import org.jingan.progress.intake.auth.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may write: no key 401, wrong key 401, another department's target 403, own target 2xx, rotation without restart. */
class IntakeAuthIntegrationTest {
    @TempDir
    static Path dir;
    static IntakeFixture intake;

    private static final String ELEVATORS = """
            {"targetId": "c-elevators", "kind": "INCREMENT", "value": 1, "eventTime": "2020-06-01"}""";

    @BeforeAll
    static void start() {
        intake = IntakeFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        intake.close();
    }

    @Test
    void shouldAnswer401WithoutAKeyOnEveryApiEndpoint() {
        for (var response : java.util.List.of(
                intake.postJson("/api/v1/reports", null, ELEVATORS),
                intake.postJson("/api/v1/reports/batch", null, "[" + ELEVATORS + "]"),
                intake.postBytes("/api/v1/reports/upload", null, new byte[]{1}, "text/csv"),
                intake.get("/api/v1/targets", null),
                intake.get("/api/v1/catalog", null))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(intake.json(response).get("detailZh").asText()).contains("API 密钥");
        }
    }

    @Test
    void shouldAnswer401ForAnUnknownKeyWithoutEchoingIt() {
        String guess = ApiKeys.generate();
        var response = intake.postJson("/api/v1/reports", guess, ELEVATORS);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(intake.json(response).get("title").asText()).isEqualTo("Unknown API key");
        assertThat(response.body()).doesNotContain(guess);
    }

    @Test
    void shouldAnswer403ForAnotherDepartmentsTargetAnd202ForItsOwn() {
        var other = intake.postJson("/api/v1/reports", intake.commerceKey, ELEVATORS);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(intake.json(other).get("errors").get(0).get("code").asText()).isEqualTo("FORBIDDEN_TARGET");

        var own = intake.postJson("/api/v1/reports", intake.constructionKey, ELEVATORS);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);

        var ownViaHeader = intake.postJson("/api/v1/reports", null, ELEVATORS, "X-API-Key", intake.constructionKey);
        assertThat(ownViaHeader.statusCode()).isEqualTo(202);
    }

    @Test
    void shouldPickUpARotatedKeyWithoutRestart() throws Exception {
        Path rotationDir = Files.createDirectories(dir.resolve("rotation"));
        try (IntakeFixture rotating = IntakeFixture.onTopic(rotationDir, intake.topic, UnaryOperator.identity())) {
            String oldKey = rotating.constructionKey;
            String newKey = ApiKeys.generate();
            assertThat(rotating.postJson("/api/v1/reports", oldKey, ELEVATORS).statusCode()).isEqualTo(202);

            Files.writeString(rotating.credentialsFile, "construction = " + ApiKeys.hash(newKey) + "\ncommerce = "
                    + ApiKeys.hash(rotating.commerceKey) + "\n");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> rotating.postJson("/api/v1/reports", newKey, ELEVATORS).statusCode() == 202);
            assertThat(rotating.postJson("/api/v1/reports", oldKey, ELEVATORS).statusCode()).isEqualTo(401);
            assertThat(rotating.get("/api/v1/targets", rotating.commerceKey).statusCode()).isEqualTo(200);
        }
    }
}
