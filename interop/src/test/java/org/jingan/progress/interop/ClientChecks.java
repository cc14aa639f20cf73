package org.jingan.progress.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.contract.Topics;

/** What every client's test checks: its read of the three outputs, and a report of it counted once. */
final class ClientChecks {
    /** Reports are as of the day before the clock's 30 June (the pipeline refuses reports from the future). */
    static final String EVENT_TIME = "2020-06-29T12:00:00+08:00";

    private ClientChecks() {
    }

    static Target target(String id) {
        return Catalog.loadDefault().targets().stream().filter(t -> t.getId().equals(id)).findFirst().orElseThrow();
    }

    /** The client decoded every record of the three topics, and the latest standing of {@code target} as it is. */
    static void readAllThree(ExampleRun read, DeployedPipeline pipeline, Target target) {
        assertThat(read.exitCode()).as(read.toString()).isZero();
        int targets = Catalog.loadDefault().targets().size();
        assertThat(read.topic(Topics.TARGETS.name()).path("keys").asInt()).as(read.toString()).isEqualTo(targets);
        assertThat(read.topic(Topics.TARGET_PROGRESS.name()).path("keys").asInt()).as(read.toString()).isEqualTo(targets);
        // every alert record there was when it read (none is skipped: an undecodable one fails the client)
        assertThat(read.topic(Topics.ALERTS.name()).path("decoded").asInt()).as(read.toString()).isPositive()
                .isLessThanOrEqualTo(pipeline.records(Topics.ALERTS.name()).size());
        JsonNode standing = read.latest(Topics.TARGET_PROGRESS.name());
        assertThat(standing.path("targetId").asText()).isEqualTo(target.getId());
        assertThat(standing.path("unit").asText()).as("UTF-8 text decoded").isEqualTo(target.getUnit());
        assertThat(read.latest(Topics.TARGETS.name()).path("nameZh").asText()).isEqualTo(target.getNameZh());
    }

    /** {@code target}'s standing counts {@code reports} reports adding up to {@code total}: each once. */
    static void countedOnce(DeployedPipeline pipeline, Target target, int reports, double total) {
        Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ProgressSnapshot standing = pipeline.standings().get(target.getId());
            assertThat(standing.getEventCount()).as("reports counted for " + target.getId()).isEqualTo(reports);
            assertThat(standing.getActual()).isEqualTo(total);
        });
        assertThat(pipeline.records(Topics.DEAD_LETTERS.name())).as("nothing dead-lettered for " + target.getId())
                .noneMatch(r -> target.getId().equals(r.key()));
    }
}
