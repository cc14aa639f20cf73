package org.jingan.progress.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.streams.query.ProgressAppFixture;
import org.jingan.progress.streams.topology.Placement;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * Records a client placed on another partition than their key's (as librdkafka's default partitioner does) are
 * counted, exactly once, on the real broker and registry: the streams app re-routes them to the task owning the key.
 * TopologyTestDriver reads every topic as one partition, so this needs the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrongPartitionIntegrationTest {
    private static final Instant MARCH = Instant.parse("2020-03-01T02:00:00Z");

    private final TestCluster cluster = TestCluster.get();
    private ProgressAppFixture app;
    private StreamsRunner runner;
    private KafkaProducer<String, SpecificRecord> producer;
    private String deadLetters;

    @BeforeAll
    void startTheApp() throws Exception {
        app = new ProgressAppFixture(cluster);
        deadLetters = cluster.createTopicLike(cluster.uniqueName("dead-letters"), Topics.DEAD_LETTERS).name();
        StreamsAppConfig config = new StreamsAppConfig();
        List<String> args = new ArrayList<>(cluster.securityArgs("--streams-config"));
        args.addAll(cluster.registryArgs());
        args.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-auto-register", // no deploy step for the test's own topics
                "--application-id", cluster.uniqueName("wrong-partition-app"),
                "--state-dir", Files.createTempDirectory("wrong-partition-state").toString(),
                "--replication-factor", "1", "--dead-letter-topic", deadLetters,
                "--targets-topic", app.config().targetsTopic(), "--events-topic", app.config().eventsTopic(),
                "--progress-topic", app.config().progressTopic(), "--alerts-topic", app.config().alertsTopic(),
                "--clock", "simulated", "--clock-topic", app.config().clockTopic()));
        new CommandLine(config).parseArgs(args.toArray(String[]::new));
        runner = StreamsRunner.of(config, List.of());
        runner.start();
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(cluster.registryConfig(), false);
        producer = new KafkaProducer<>(cluster.kafkaConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), (Serializer<SpecificRecord>) values);
        app.clock(MARCH);
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (runner != null) {
            runner.close(Duration.ofSeconds(10));
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldCountAReportAndATargetWrittenToAnotherPartitionThanTheirKeysExactlyOnce() throws Exception {
        List<Target> catalog = Catalog.loadDefault().targets();
        Target target = catalog.stream().filter(t -> t.getKind() == TargetKind.CUMULATIVE && t.getTargetValue() != null)
                .findFirst().orElseThrow();
        int home = Placement.partitionOf(target.getId(), Topics.PARTITIONS);
        int elsewhere = (home + 1) % Topics.PARTITIONS;

        // the other targets where the Java producer puts them; this one, and one of its two reports, elsewhere
        app.publish(catalog.stream().filter(t -> t != target).toList());
        producer.send(new ProducerRecord<>(app.config().targetsTopic(), elsewhere, target.getId(), target)).get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(app.config().eventsTopic(), elsewhere, target.getId(),
                increment(target, "misplaced-1", 5.0))).get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(app.config().eventsTopic(), home, target.getId(),
                increment(target, "in-place-1", 3.0))).get(30, TimeUnit.SECONDS);

        Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ProgressSnapshot latest = latestStanding(target.getId());
            assertThat(latest).as("a standing of " + target.getId()).isNotNull();
            assertThat(latest.getEventCount()).isEqualTo(2);
            assertThat(latest.getActual()).isEqualTo(8.0);
        });
        assertThat(deadLettered()).as("nothing dead-lettered").isEmpty();
    }

    private static ProgressEvent increment(Target target, String eventId, double value) {
        Instant at = MARCH.minus(Duration.ofDays(1));
        return ProgressEvent.newBuilder().setEventId(eventId + "-" + System.nanoTime()).setTargetId(target.getId())
                .setDepartmentId(target.getDepartmentId()).setReporter("test").setKind(UpdateKind.INCREMENT)
                .setValue(value).setUnit(target.getUnit()).setEventTime(at).setReportedAt(at).setChannel("TEST").build();
    }

    private ProgressSnapshot latestStanding(String targetId) {
        SpecificAvroDeserializer<ProgressSnapshot> snapshots = new SpecificAvroDeserializer<>(ProgressSnapshot.class);
        snapshots.configure(cluster.registryConfig(), false);
        ProgressSnapshot latest = null;
        for (ConsumerRecord<String, ProgressSnapshot> r : org.jingan.progress.testkit.TopicContents.readCommitted(
                cluster.kafkaConfig(), app.config().progressTopic(), new StringDeserializer(), snapshots, Duration.ofSeconds(30))) {
            if (targetId.equals(r.key())) {
                latest = r.value();
            }
        }
        return latest;
    }

    private List<ConsumerRecord<String, byte[]>> deadLettered() {
        return org.jingan.progress.testkit.TopicContents.readCommitted(cluster.kafkaConfig(), deadLetters,
                new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(30));
    }
}
