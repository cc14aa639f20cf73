package org.jingan.progress.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.streams.topology.Placement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Confluent's Python client (Debian's python3-confluent-kafka, librdkafka, the legacy confluent_kafka.avro
 * serializer) against the deployed pipeline, through {@code examples/python/progress_client.py}: it reads the three
 * outputs as the reader principal, and a report it writes as the external producer with librdkafka's default
 * partitioner ({@code consistent_random}: CRC32 of the key, not Java's murmur2) is counted once.
 * Skipped where python3 lacks the modules ({@code apt-get install python3-confluent-kafka python3-avro python3-requests}),
 * and where its librdkafka is older than 2.6.1, whose SCRAM login Kafka 4 refuses: Debian 12's is 2.0.2, so the test
 * runs it with the librdkafka {@code examples/python/build-librdkafka} builds (as {@code .ci/run} does).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonClientInteropTest {
    /** A target whose id CRC32 and murmur2 place on different partitions. */
    private static final String TARGET = "s0-fixed-asset-investment";

    /** The first librdkafka whose SCRAM login Kafka 4 accepts (confluentinc/librdkafka#4895). */
    private static final int SCRAM_FIXED = 0x020601ff;

    private String python;
    private Map<String, String> environment;
    private DeployedPipeline pipeline;
    private String missing; // why the tests cannot run here, or null

    @BeforeAll
    void findPython() {
        Path directory = ExampleRun.EXAMPLES.resolve("python");
        // a librdkafka built by build-librdkafka, where there is one: Debian 12's (2.0.2) cannot log in to Kafka 4
        Path built = directory.resolve(".librdkafka/lib");
        Map<String, String> library = Files.exists(built.resolve("librdkafka.so.1"))
                ? Map.of("LD_LIBRARY_PATH", built.toString()) : Map.of();
        // Debian's modules are for Debian's python3; a python3 earlier on the PATH (pyenv) may lack them
        Optional<ExampleRun> probe = Optional.empty();
        for (String candidate : Stream.of(System.getenv("INTEROP_PYTHON"), "/usr/bin/python3", "python3")
                .filter(p -> p != null && !p.isBlank()).toList()) {
            probe = ExampleRun.probe(directory, library, List.of(candidate, "-c", "import confluent_kafka, avro, requests;"
                    + " print('{\"librdkafka\": %d, \"version\": \"%s\"}' % (confluent_kafka.libversion()[1],"
                    + " confluent_kafka.libversion()[0]))"));
            if (probe.isPresent()) {
                python = candidate;
                break;
            }
        }
        if (probe.isEmpty()) {
            missing = "python3 with confluent_kafka, avro and requests"
                    + " (apt-get install python3-confluent-kafka python3-avro python3-requests)";
            return;
        }
        JsonNode librdkafka = probe.get().lines().get(0);
        if (librdkafka.path("librdkafka").asInt() < SCRAM_FIXED) {
            missing = "librdkafka " + librdkafka.path("version").asText() + " cannot log in to Kafka 4 with SCRAM (fixed"
                    + " in 2.6.1, confluentinc/librdkafka#4895): examples/python/build-librdkafka builds one the tests use";
            return;
        }
        environment = new HashMap<>(library);
    }

    /** Each test is skipped, and counted so, with the reason; else the pipeline is deployed (once per JVM). */
    @BeforeEach
    void deploy() {
        assumeTrue(missing == null, missing);
        pipeline = DeployedPipeline.get();
        environment.putAll(pipeline.clientEnvironment());
    }

    private ExampleRun client(String... args) {
        List<String> command = new ArrayList<>(List.of(python, "progress_client.py"));
        command.addAll(List.of(args));
        return ExampleRun.of(ExampleRun.EXAMPLES.resolve("python"), environment, command);
    }

    @Test
    void shouldReadTheThreeOutputTopicsThroughTheRegistry() {
        Target target = ClientChecks.target(TARGET);
        ClientChecks.readAllThree(client("read", "--target", target.getId()), pipeline, target);
    }

    @Test
    void shouldCountAReportWrittenWithTheDefaultPartitionerExactlyOnce() {
        Target target = ClientChecks.target(TARGET);

        ExampleRun report = client("report", target.getId(), target.getDepartmentId(), "INCREMENT", "12.5",
                target.getUnit(), "--event-time", ClientChecks.EVENT_TIME);

        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.lines().get(0).path("partition").asInt())
                .as("librdkafka's default partitioner put it elsewhere than Java's would")
                .isNotEqualTo(Placement.partitionOf(target.getId(), Topics.PARTITIONS));
        ClientChecks.countedOnce(pipeline, target, 1, 12.5);
    }
}
