package org.jingan.progress.intake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.cluster.KafkaLogin;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.IntakeFixture;
import org.jingan.progress.intake.TestTargets;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An intake started on a topic that already holds many reports knows every one of them when it starts answering,
 * and says how long reading them took (5,000 reports by default; {@code -Dintake.rebuild.events=50000} for the
 * figure in producer/README.md); one that may not read the topic does not start.
 */
class IntakeMemoryRebuildIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(IntakeMemoryRebuildIntegrationTest.class);
    private static final Instant JUNE_FIRST = Instant.parse("2020-05-31T16:00:00Z"); // 2020-06-01 in Shanghai

    @TempDir
    Path dir;

    @Test
    void shouldKnowEveryReportStoredBeforeItStartedOnceItAnswers() throws Exception {
        int count = Integer.getInteger("intake.rebuild.events", 5_000);
        TestCluster cluster = TestCluster.get();
        String topic = cluster.createTopicLike(cluster.uniqueName("progress-events"), Topics.PROGRESS_EVENTS).name();
        write(cluster, topic, count);

        long started = System.nanoTime();
        try (IntakeFixture intake = IntakeFixture.onTopic(dir, topic, UnaryOperator.identity())) {
            long startMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            log.info("intake started on {} stored reports in {} ms (memory: {})", count, startMillis, intake.server.memory());

            assertThat(intake.server.memory().known().size()).isEqualTo(count);
            HttpResponse<String> retry = intake.postJson("/api/v1/reports", intake.constructionKey, report(count - 1, count));
            HttpResponse<String> reuse = intake.postJson("/api/v1/reports", intake.constructionKey, report(count - 1, count + 1));
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(reuse.statusCode()).as(reuse.body()).isEqualTo(409);
        }
    }

    @Test
    void shouldRefuseToStartWhenItsPrincipalMayWriteButNotReadItsTopic() throws Exception {
        TestCluster cluster = TestCluster.get();
        org.junit.jupiter.api.Assumptions.assumeTrue(cluster.adminLogin().isPresent(), "a secured cluster");
        String topic = cluster.createTopicLike(cluster.uniqueName("progress-events"), Topics.PROGRESS_EVENTS).name();
        KafkaLogin writer = KafkaLogin.generate(cluster.uniqueName("intake-write-only"));
        var pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
        var acls = java.util.stream.Stream.of(AclOperation.WRITE, AclOperation.DESCRIBE).map(op -> new AclBinding(pattern,
                new AccessControlEntry(writer.principal(), "*", op, AclPermissionType.ALLOW))).toList();
        try (Admin admin = Admin.create(cluster.kafkaConfig())) {
            admin.alterUserScramCredentials(java.util.List.of(new UserScramCredentialUpsertion(writer.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), writer.password()))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeAcls(
                    AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).containsAll(acls));
        }

        assertThatThrownBy(() -> IntakeFixture.onTopic(dir, topic, config -> config
                .kafkaClientConfig("sasl.jaas.config", writer.jaasConfig())).close())
                .hasMessageContaining("cannot rebuild the memory of event ids from '" + topic + "'")
                .hasMessageContaining("needs READ");
    }

    /** Report {@code i}: an elevator count (the even ones) or a waste level, each on its own target's partition. */
    private static ProgressEvent event(int i) {
        boolean elevators = i % 2 == 0;
        return ProgressEvent.newBuilder().setEventId("stored-" + i)
                .setTargetId(elevators ? TestTargets.ELEVATORS.getId() : TestTargets.WASTE.getId())
                .setDepartmentId(TestTargets.CONSTRUCTION).setReporter("王工")
                .setKind(elevators ? UpdateKind.INCREMENT : UpdateKind.LEVEL).setValue((double) i + 1)
                .setUnit(elevators ? "台" : "吨/日").setEventTime(JUNE_FIRST)
                .setReportedAt(TestTargets.CLOCK.instant()).setChannel("HTTP").build();
    }

    /** Report {@code i} as JSON, with {@code value}. */
    private static String report(int i, int value) {
        ProgressEvent e = event(i);
        return """
                {"eventId": "%s", "targetId": "%s", "kind": "%s", "value": %d, "eventTime": "2020-06-01"}"""
                .formatted(e.getEventId(), e.getTargetId(), e.getKind(), value);
    }

    private static void write(TestCluster cluster, String topic, int count) throws Exception {
        var config = new HashMap<String, Object>(cluster.kafkaConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        var values = new SpecificAvroSerializer<ProgressEvent>();
        values.configure(cluster.registryConfig(java.util.Map.of("auto.register.schemas", true)), false);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            java.util.concurrent.Future<?> last = null;
            for (int i = 0; i < count; i++) {
                ProgressEvent e = event(i);
                last = producer.send(new ProducerRecord<>(topic, e.getTargetId(), e));
            }
            producer.flush();
            last.get(30, TimeUnit.SECONDS); // every send's failure would show here too: one producer, acks=all
        }
    }
}
