package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.cluster.AccessPlan;
import org.jingan.progress.cluster.AccessPlan.Role;
import org.jingan.progress.cluster.KafkaLogin;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ACL matrix on the real, secured broker: each principal of {@link AccessPlan} can do what its role needs, and
 * what it must not do fails with Kafka's authorization error. Runs the plan with the default names (the topics, the
 * streams app's id {@code progress-streams}, the monitor's group) on the test JVM's shared cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessPlanIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final TestCluster cluster = TestCluster.get();
    private final AccessPlan plan = AccessPlan.defaults();
    private final Map<Role, KafkaLogin> logins = new HashMap<>();

    @BeforeAll
    void applyThePlan() {
        assumeThat(cluster.adminLogin()).as("a secured cluster (the embedded one)").isPresent();
        cluster.createTopics(Topics.ALL);
        for (Role role : Role.values()) {
            logins.put(role, KafkaLogin.generate(role.username()));
        }
        try (Admin admin = Admin.create(cluster.kafkaConfig())) {
            plan.apply(admin, logins);
            plan.apply(admin, logins); // idempotent
        }
    }

    // ---- what each role needs

    @Test
    void intakeWritesReportsIdempotentlyReadsThemBackAndFollowsTheClockAndTheCatalog() throws Exception {
        send(Role.INTAKE, Topics.PROGRESS_EVENTS.name(), true);
        read(Role.INTAKE, Topics.PROGRESS_EVENTS.name(), null);
        read(Role.INTAKE, Topics.CLOCK.name(), null);
        read(Role.INTAKE, Topics.TARGETS.name(), null); // follows the catalog's revisions
    }

    @Test
    void streamsAppReadsItsInputsWritesItsOutputsInTransactionsAndOwnsItsInternalTopics() throws Exception {
        for (String input : List.of(Topics.TARGETS.name(), Topics.PROGRESS_EVENTS.name(), Topics.CLOCK.name())) {
            read(Role.STREAMS_APP, input, "progress-streams");
        }
        for (String output : List.of(Topics.TARGET_PROGRESS.name(), Topics.ALERTS.name())) {
            read(Role.STREAMS_APP, output, null); // the dashboard feed reads its output back, with no group
        }
        try (var producer = new KafkaProducer<>(client(Role.STREAMS_APP, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "progress-streams-" + System.nanoTime() + "-1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000)), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String output : List.of(Topics.TARGET_PROGRESS.name(), Topics.ALERTS.name(), Topics.DEAD_LETTERS.name())) {
                producer.send(new ProducerRecord<>(output, "acl-test", "x"));
            }
            producer.commitTransaction();
        }
        String changelog = "progress-streams-acl-test-" + System.nanoTime() + "-changelog";
        try (Admin admin = Admin.create(client(Role.STREAMS_APP, Map.of()))) {
            admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.deleteTopics(List.of(changelog)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void monitorReadsAlertsInItsGroupAndKeepsItsDecisions() throws Exception {
        read(Role.MONITOR, Topics.ALERTS.name(), "progress-monitor");
        send(Role.MONITOR, Topics.ALERT_ACKS.name(), true);
        read(Role.MONITOR, Topics.ALERT_ACKS.name(), null);
        read(Role.MONITOR, Topics.CLOCK.name(), null);
        read(Role.MONITOR, Topics.TARGETS.name(), null); // the departments' names
    }

    @Test
    void catalogPublishesTargetsAndClockMovesTheClock() throws Exception {
        read(Role.CATALOG, Topics.TARGETS.name(), null);
        send(Role.CATALOG, Topics.TARGETS.name(), true);
        read(Role.CLOCK, Topics.CLOCK.name(), null);
        send(Role.CLOCK, Topics.CLOCK.name(), true);
    }

    @Test
    void readerReadsStandingsAlertsAndTheCatalogInItsGroups() throws Exception {
        read(Role.READER, Topics.TARGET_PROGRESS.name(), "progress-reader-dashboard");
        read(Role.READER, Topics.ALERTS.name(), "progress-reader-dashboard");
        read(Role.READER, Topics.TARGETS.name(), "progress-reader-dashboard");
    }

    @Test
    void externalProducerWritesReportsAndReadsNothing() throws Exception {
        send(Role.EXTERNAL_PRODUCER, Topics.PROGRESS_EVENTS.name(), true);
        for (String topic : List.of(Topics.PROGRESS_EVENTS.name(), Topics.TARGETS.name(), Topics.TARGET_PROGRESS.name())) {
            assertDenied("external-producer reads " + topic, () -> read(Role.EXTERNAL_PRODUCER, topic, null));
        }
        assertDenied("external-producer writes targets", () -> send(Role.EXTERNAL_PRODUCER, Topics.TARGETS.name(), false));
    }

    // ---- what each role must not do

    @Test
    void onlyTheIntakeAndTheExternalProducerMayWriteProgressEvents() {
        for (Role role : List.of(Role.STREAMS_APP, Role.MONITOR, Role.CATALOG, Role.CLOCK, Role.READER)) {
            assertDenied(role + " writes progress-events", () -> send(role, Topics.PROGRESS_EVENTS.name(), false));
        }
    }

    @Test
    void aForgedReportWithADepartmentsIdIsRefusedWithoutTheIntakesLogin() {
        ProgressEvent forged = ProgressEvent.newBuilder().setEventId("forged-1").setTargetId("c-elevators")
                .setDepartmentId("construction").setReporter("someone").setKind(UpdateKind.INCREMENT).setValue(7.0)
                .setUnit("台").setEventTime(java.time.Instant.parse("2020-06-01T00:00:00Z"))
                .setReportedAt(java.time.Instant.parse("2020-06-01T00:00:00Z")).setChannel("API").build();
        SpecificAvroSerializer<ProgressEvent> values = new SpecificAvroSerializer<>();
        values.configure(cluster.registryConfig(), false);
        assertDenied("a forged report as the reader", () -> {
            try (var producer = new KafkaProducer<>(client(Role.READER, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000)),
                    new StringSerializer(), values)) {
                producer.send(new ProducerRecord<>(Topics.PROGRESS_EVENTS.name(), forged.getTargetId(), forged)).get(30, TimeUnit.SECONDS);
            }
        });
    }

    @Test
    void theIntakeMayNotWriteTargetsNorTheMonitorAlerts() {
        assertDenied("intake writes targets", () -> send(Role.INTAKE, Topics.TARGETS.name(), false));
        assertDenied("monitor writes progress-alerts", () -> send(Role.MONITOR, Topics.ALERTS.name(), false));
        // the monitor writes targets only to approve a department's plan (PlanApprovalIntegrationTest); never reports
        assertDenied("monitor writes progress-events", () -> send(Role.MONITOR, Topics.PROGRESS_EVENTS.name(), false));
        assertDenied("catalog writes district-clock", () -> send(Role.CATALOG, Topics.CLOCK.name(), false));
    }

    @Test
    void theReaderMayNotReadDecisionsReportsOrOtherGroups() {
        assertDenied("reader reads alert-acknowledgements", () -> read(Role.READER, Topics.ALERT_ACKS.name(), null));
        assertDenied("reader reads progress-events", () -> read(Role.READER, Topics.PROGRESS_EVENTS.name(), null));
        assertDenied("reader joins the monitor's group", () -> read(Role.READER, Topics.ALERTS.name(), "progress-monitor"));
        assertDenied("streams-app reads alert-acknowledgements", () -> read(Role.STREAMS_APP, Topics.ALERT_ACKS.name(), null));
    }

    @Test
    void noApplicationCreatesOrDeletesThePipelinesTopics() {
        for (Role role : Role.values()) {
            assertDenied(role + " creates a topic", () -> {
                try (Admin admin = Admin.create(client(role, Map.of()))) {
                    admin.createTopics(List.of(new NewTopic("rogue-" + role.username(), 1, (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                }
            });
            assertDenied(role + " deletes progress-events", () -> {
                try (Admin admin = Admin.create(client(role, Map.of()))) {
                    admin.deleteTopics(List.of(Topics.PROGRESS_EVENTS.name())).all().get(30, TimeUnit.SECONDS);
                }
            });
        }
    }

    @Test
    void unauthenticatedAndWrongPasswordClientsAreRefused() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "request.timeout.ms", 3_000, "default.api.timeout.ms", 5_000);
        assertThatCode(() -> {
            try (Admin admin = Admin.create(anonymous)) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            }
        }).as("a PLAINTEXT client gets no answer from the SASL listener").isNotNull()
                .hasStackTraceContaining("Timeout");
        Map<String, Object> wrong = new HashMap<>(new KafkaLogin(Role.INTAKE.username(), "not-the-password")
                .clientConfig(cluster.bootstrapServers()));
        wrong.put("default.api.timeout.ms", 10_000);
        wrong.put("request.timeout.ms", 5_000);
        assertThatCode(() -> {
            try (Admin admin = Admin.create(wrong)) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            }
        }).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void thePlanIsATableANewcomerCanRead() {
        String table = plan.markdownTable();
        assertThat(table).contains("| `User:intake` | `TOPIC progress-events` | WRITE, DESCRIBE |")
                .contains("| `User:streams-app` | `TRANSACTIONAL_ID progress-streams*` | WRITE, DESCRIBE |")
                .doesNotContain("CLUSTER");
        assertThat(plan.grants().stream().filter(g -> g.name().equals(Topics.PROGRESS_EVENTS.name())
                && g.operations().contains(org.apache.kafka.common.acl.AclOperation.WRITE)))
                .extracting(AccessPlan.Grant::role).containsExactly(Role.INTAKE, Role.EXTERNAL_PRODUCER);
        assertThat(java.nio.file.Path.of("..", "SECURITY.md")).as("SECURITY.md prints the plan").content().contains(table);
    }

    // ---- helpers

    private Map<String, Object> client(Role role, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(logins.get(role).clientConfig(cluster.bootstrapServers()));
        config.put("default.api.timeout.ms", 15_000);
        config.put("request.timeout.ms", 10_000);
        config.putAll(extra);
        return config;
    }

    /** One record to {@code topic} as {@code role}, acknowledged (idempotent producer, or a plain one). */
    private void send(Role role, String topic, boolean idempotent) throws Exception {
        try (var producer = new KafkaProducer<>(client(role, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "acl-test", "x")).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads partition 0 of {@code topic} from the start as {@code role}; with a group, commits the position there. */
    private void read(Role role, String topic, String group) {
        Map<String, Object> extra = new HashMap<>();
        extra.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            extra.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        try (var consumer = new KafkaConsumer<>(client(role, extra), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.poll(Duration.ofMillis(500));
            consumer.position(partition, TIMEOUT);
            if (group != null) {
                consumer.commitSync(TIMEOUT);
            }
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void assertDenied(String what, Action action) {
        try {
            action.run();
            fail(what + ": allowed, but it must be refused");
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            assertThat(cause).as(what + ": refused with the authorization error").isInstanceOf(AuthorizationException.class);
        }
    }
}
