package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.jingan.progress.intake.IntakeFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each department's key has its own budget of requests; past it, a 429 problem says when to try again. */
class IntakeRateLimitIntegrationTest {
    @TempDir
    static Path dir;
    static IntakeFixture intake;

    @BeforeAll
    static void start() {
        // one request a minute after a burst of three: the fourth is refused for about a minute
        intake = IntakeFixture.start(dir, config -> config.rateLimit(new RateLimit(1, 3)));
    }

    @AfterAll
    static void stop() {
        intake.close();
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceADepartmentSpentItsBurstAndLeaveOthersAlone() {
        for (int i = 0; i < 3; i++) {
            assertThat(intake.get("/api/v1/targets", intake.constructionKey).statusCode()).as("request %d", i + 1).isEqualTo(200);
        }
        int before = intake.records().size();

        var limited = intake.postJson("/api/v1/reports", intake.constructionKey,
                "{\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2020-06-01\"}");

        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = intake.json(limited);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/rate-limited");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asText()).contains("'construction' is over its limit of 1 requests a minute").contains("Send the same request again in");
        assertThat(problem.get("detailZh").asText()).contains("请求超过").contains("秒后原样重试");
        assertThat(intake.records()).as("nothing written").hasSize(before);

        assertThat(intake.get("/api/v1/targets", intake.commerceKey).statusCode()).as("another department").isEqualTo(200);
        assertThat(intake.get("/api/v1/targets", null).statusCode()).as("no key: 401 before any limit").isEqualTo(401);
        assertThat(intake.get("/api/v1", null).statusCode()).as("the index needs no key and no budget").isEqualTo(200);
        assertThat(intake.management("/metrics").body()).contains("intake_requests_refused_total{reason=\"rate-limited\"}");
    }
}
