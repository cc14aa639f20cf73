package org.jingan.progress.intake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.IntakeFixture;
import org.jingan.progress.intake.TestTargets;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake follows the targets topic: a revision that moves a target to another department applies to the next
 * report, without a restart (the old department 403, the new one 202), and readiness waits for the first full read.
 */
class IntakeCatalogRevisionIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldRefuseTheOldDepartmentAndAcceptTheNewOneAfterARevisionMovedTheTargetWithoutARestart() {
        TestCluster cluster = TestCluster.get();
        String targetsTopic = cluster.createTopicLike(cluster.uniqueName("targets"), Topics.TARGETS).name();
        CatalogPublisher catalog = new CatalogPublisher(registering(cluster), targetsTopic, TIMEOUT);
        catalog.publish(TestTargets.ALL, null);

        try (IntakeFixture intake = IntakeFixture.start(dir, config -> config.targets(null).targetsTopic(targetsTopic))) {
            assertThat(report(intake, intake.constructionKey).statusCode()).as("construction owns it").isEqualTo(202);
            assertThat(report(intake, intake.commerceKey).statusCode()).as("not commerce's yet").isEqualTo(403);
            HttpResponse<String> ready = intake.management("/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"catalog\":true");

            Target moved = Target.newBuilder(TestTargets.ELEVATORS).setDepartmentId(TestTargets.COMMERCE)
                    .setDepartmentZh("区商务委").setDepartmentEn("commerce bureau").build();
            catalog.publishTargets(List.of(moved), "电梯加装移交区商务委 / elevators handed to commerce");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(report(intake, intake.commerceKey).statusCode()).as("now commerce's").isEqualTo(202));
            HttpResponse<String> refused = report(intake, intake.constructionKey);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("forbidden-target");
            assertThat(intake.json(intake.get("/api/v1/targets", intake.commerceKey)).findValuesAsText("id"))
                    .contains("c-elevators");
            assertThat(intake.json(intake.get("/api/v1/targets", intake.constructionKey)).findValuesAsText("id"))
                    .doesNotContain("c-elevators");
        }
    }

    private static HttpResponse<String> report(IntakeFixture intake, String key) {
        return intake.postJson("/api/v1/reports", key, """
                {"eventId": "%s", "targetId": "c-elevators", "kind": "INCREMENT", "value": 1, "unit": "台",
                 "eventTime": "2020-06-30T17:00:00+08:00"}""".formatted("move-" + UUID.randomUUID()));
    }

    /** The admin's settings, registering the targets' schema: no deploy step registers the test's own topics. */
    private static Map<String, Object> registering(TestCluster cluster) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put("auto.register.schemas", true);
        return config;
    }
}
