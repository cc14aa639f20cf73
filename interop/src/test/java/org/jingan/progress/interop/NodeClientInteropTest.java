package org.jingan.progress.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.streams.topology.Placement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * KafkaJS 2.2.4 with @kafkajs/confluent-schema-registry 4.1.0 against the deployed pipeline, through
 * {@code examples/node/progress-client.js}: it reads the three outputs as the reader principal, and reports it writes
 * as the external producer are counted once, with its default partitioner (murmur2, as Java's since KafkaJS 2.0) and
 * with the LegacyPartitioner of KafkaJS 1.x (which places keys elsewhere). Skipped without node or without
 * {@code examples/node/node_modules} ({@code npm ci} there).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeClientInteropTest {
    /** A target whose id KafkaJS's legacy partitioner places on another partition than murmur2. */
    private static final String TARGET = "s2-regional-headquarters";

    private DeployedPipeline pipeline;

    /** Each test is skipped, and counted so, with the reason; else the pipeline is deployed (once per JVM). */
    @BeforeEach
    void findNodeAndDeploy() {
        assumeTrue(ExampleRun.works(List.of("node", "--version")), "node (apt-get install nodejs npm)");
        assumeTrue(Files.isDirectory(ExampleRun.EXAMPLES.resolve("node/node_modules/kafkajs"))
                && Files.isDirectory(ExampleRun.EXAMPLES.resolve("node/node_modules/@kafkajs/confluent-schema-registry")),
                "examples/node/node_modules (npm ci in examples/node)");
        pipeline = DeployedPipeline.get();
    }

    private ExampleRun client(String... args) {
        List<String> command = new ArrayList<>(List.of("node", "progress-client.js"));
        command.addAll(List.of(args));
        return ExampleRun.of(ExampleRun.EXAMPLES.resolve("node"), pipeline.clientEnvironment(), command);
    }

    @Test
    void shouldReadTheThreeOutputTopicsThroughTheRegistry() {
        Target target = ClientChecks.target(TARGET);
        ClientChecks.readAllThree(client("read", "--target", target.getId()), pipeline, target);
    }

    @Test
    void shouldCountReportsWrittenWithTheDefaultAndTheLegacyPartitionerExactlyOnce() {
        Target target = ClientChecks.target(TARGET);
        int home = Placement.partitionOf(target.getId(), Topics.PARTITIONS);

        ExampleRun byDefault = client("report", target.getId(), target.getDepartmentId(), "INCREMENT", "2",
                target.getUnit(), "--event-time", ClientChecks.EVENT_TIME);
        ExampleRun legacy = client("report", target.getId(), target.getDepartmentId(), "INCREMENT", "3",
                target.getUnit(), "--event-time", ClientChecks.EVENT_TIME, "--legacy-partitioner");

        assertThat(byDefault.exitCode()).as(byDefault.toString()).isZero();
        assertThat(legacy.exitCode()).as(legacy.toString()).isZero();
        assertThat(byDefault.lines().get(0).path("partition").asInt()).as("KafkaJS 2's default partitioner is Java's")
                .isEqualTo(home);
        assertThat(legacy.lines().get(0).path("partition").asInt()).as("the legacy partitioner puts it elsewhere")
                .isNotEqualTo(home);
        ClientChecks.countedOnce(pipeline, target, 2, 5.0);
    }
}
