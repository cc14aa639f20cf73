package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.cluster.KafkaLogin;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.app.IntakeConfig;
import org.jingan.progress.intake.app.IntakeServer;
import org.jingan.progress.intake.auth.LocalDepartmentKeys;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.app.StreamsRunner;
import org.jingan.progress.streams.query.QueryServerHook;
import org.jingan.progress.testkit.ThreeBrokerCluster;
import org.jingan.progress.testkit.TopicContents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * Replication, proved on three brokers: every topic with 3 replicas and min.insync.replicas 2 (the streams app's
 * changelogs and the broker's offsets and transaction logs included), the real streams app (exactly_once_v2) and the
 * real HTTP intake running, and reports posted to the intake all along while one broker dies (no controlled
 * shutdown: the controller notices when its session expires), comes back and catches up, then another dies and
 * comes back. Never two down at once. A client retries a report answered 503 with the same eventId, as the intake
 * asks; in the end every report answered 202 is counted exactly once: per target the query API's sum and count equal
 * those of the acknowledged reports, nothing is dead-lettered, and the copies a retry wrote twice are counted once.
 * The figures (reports, 202s, 503s, stalls, recovery times) are printed at the end.
 */
class ThreeBrokerFailoverIntegrationTest {
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
    private static final LocalDate TODAY = LocalDate.of(2020, 6, 30);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_TIME = TODAY.atTime(9, 0).atOffset(SHANGHAI).toString();
    /** Clients posting at the same time, each one report after the other. */
    private static final int CLIENTS = 3;
    /** Pause between two posts of a client. */
    private static final Duration PACE = Duration.ofMillis(10);

    private static ThreeBrokerCluster cluster;

    @TempDir
    Path dir;

    private final List<Target> catalog = Catalog.loadDefault().targets();
    /** The targets the load reports on: cumulative ones, reported by increments of whole numbers. */
    private final List<Target> reported = catalog.stream()
            .filter(t -> t.getKind() == TargetKind.CUMULATIVE && t.getTargetValue() != null).limit(12).toList();

    private StreamsRunner app;
    private String appUrl;
    private IntakeServer intake;
    /** Random keys for the catalog's departments, made in the test's directory when the intake starts. */
    private LocalDepartmentKeys departmentKeys;
    private ClockSetter clock;
    private final Figures figures = new Figures();

    @BeforeAll
    static void startCluster() {
        cluster = ThreeBrokerCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void stopApps() {
        if (intake != null) {
            intake.close();
        }
        if (app != null) {
            app.close(Duration.ofSeconds(20));
        }
        if (clock != null) {
            clock.close();
        }
    }

    @Test
    void shouldCountEveryAcknowledgedReportExactlyOnceWhileBrokersDie() throws Exception {
        long testStart = System.nanoTime();
        String targets = topic("targets", Topics.TARGETS);
        String events = topic("events", Topics.PROGRESS_EVENTS);
        String progress = topic("progress", Topics.TARGET_PROGRESS);
        String alerts = topic("alerts", Topics.ALERTS);
        String deadLetters = topic("dead-letters", Topics.DEAD_LETTERS);
        String clockTopic = topic("clock", Topics.CLOCK);
        for (String t : List.of(targets, events, progress, alerts, deadLetters, clockTopic)) {
            assertThat(cluster.replicationOf(t)).as("replication of %s", t)
                    .isEqualTo(new ThreeBrokerCluster.Replication(3, 2));
        }
        assertThat(reported).hasSize(12);
        assertSecured();

        publishCatalog(targets);
        clock = new ClockSetter(clockTopic, cluster.clientConfig(), cluster.clientConfig(), "test");
        clock.set(TODAY.atTime(10, 0).toInstant(SHANGHAI));
        String applicationId = cluster.uniqueName("three-brokers-app");
        startApp(applicationId, targets, events, progress, alerts, deadLetters, clockTopic);
        startIntake(events, clockTopic);
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            assertThat(getJson(appUrl + "/api/v1/targets").path("count").asInt()).isEqualTo(catalog.size());
            assertThat(getJson(appUrl + "/api/v1/clock").path("date").asText()).isEqualTo(TODAY.toString());
            assertThat(status(intake.managementUrl() + "/health/ready")).as("intake ready").isEqualTo(200);
        });
        // the app's own topics, made by Kafka Streams with --replication-factor 3, and the broker's internal ones
        List<String> changelogs = topicsNamed(n -> n.startsWith(applicationId) && n.endsWith("-changelog"));
        assertThat(changelogs).as("the streams app's changelogs").isNotEmpty();
        for (String t : concat(changelogs, List.of("__consumer_offsets", "__transaction_state"))) {
            assertThat(cluster.replicationOf(t)).as("replication of %s", t)
                    .isEqualTo(new ThreeBrokerCluster.Replication(3, 2));
        }
        figures.setUp = elapsed(testStart);

        Load load = new Load();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(new Thread(() -> load.run(client), "intake-client-" + c));
        }
        clients.forEach(Thread::start);
        try {
            awaitAcked(load, 100);
            int first = leaderOfMostPartitions(events, -1);
            killAndRestore(first, load, events, "first");
            int second = leaderOfMostPartitions(events, first);
            killAndRestore(second, load, events, "second");
            awaitAcked(load, load.acked.get() + 100);
        } finally {
            load.stop.set(true);
            for (Thread client : clients) {
                client.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        assertThat(clients).as("the clients stopped").noneMatch(Thread::isAlive);
        assertThat(load.failure).as("the load loop's failure").isNull();
        assertThat(load.unacknowledged).as("reports given up on (every 503 is retried until 202)").isEmpty();
        assertThat(load.otherStatuses).as("answers other than 202 and 503").isEmpty();

        // every acknowledged report counted exactly once: per target the sum and the number of reports
        Map<String, Double> expectedSum = new TreeMap<>();
        Map<String, Long> expectedCount = new TreeMap<>();
        load.ackedReports.values().forEach(r -> {
            expectedSum.merge(r.targetId, (double) r.value, Double::sum);
            expectedCount.merge(r.targetId, 1L, Long::sum);
        });
        long drained = System.nanoTime();
        await().ignoreExceptions().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Double> actualSum = new TreeMap<>();
            Map<String, Long> actualCount = new TreeMap<>();
            for (JsonNode s : getJson(appUrl + "/api/v1/targets").path("items")) {
                String id = s.path("targetId").asText();
                if (expectedSum.containsKey(id)) {
                    actualSum.put(id, s.path("actual").asDouble());
                    actualCount.put(id, s.path("eventCount").asLong());
                }
            }
            assertThat(actualCount).as("reports counted per target").isEqualTo(expectedCount);
            assertThat(actualSum).as("sum per target").isEqualTo(expectedSum);
        });
        figures.countedAfterLoad = elapsed(drained);

        List<ProgressEvent> onTopic = readAll(events);
        Set<String> distinctIds = new HashSet<>();
        onTopic.forEach(e -> distinctIds.add(e.getEventId()));
        assertThat(distinctIds).as("the reports on the events topic are the acknowledged ones")
                .isEqualTo(load.ackedReports.keySet());
        assertThat(countCommitted(deadLetters)).as("dead letters").isZero();

        figures.reports = load.ackedReports.size();
        figures.posts = load.posts.get();
        figures.accepted = load.acked.get();
        figures.refused = load.refused.get();
        figures.failedRequests = load.failedRequests.get();
        figures.recordsOnTopic = onTopic.size();
        figures.longestAnswerMs = load.longestAnswerMs.get();
        List<Long> answers = new ArrayList<>(load.acceptedAnswerMs);
        answers.sort(null);
        figures.medianAcceptMs = answers.get(answers.size() / 2);
        List<Long> at = new ArrayList<>(load.acceptedAt);
        at.sort(null);
        for (int i = 1; i < at.size(); i++) {
            figures.longestWithoutAcceptMs = Math.max(figures.longestWithoutAcceptMs,
                    TimeUnit.NANOSECONDS.toMillis(at.get(i) - at.get(i - 1)));
        }
        figures.p99AcceptMs = answers.get((int) Math.min(answers.size() - 1, Math.ceil(answers.size() * 0.99) - 1));
        figures.total = elapsed(testStart);
        System.out.println(figures);
    }

    // ---- the security: SCRAM logins only, and nothing without an ACL but for the admin

    /** A wrong password is refused; a principal the admin created, with no ACL, may not create a topic. */
    private void assertSecured() throws Exception {
        Map<String, Object> wrong = new HashMap<>(cluster.kafkaConfig());
        wrong.putAll(new KafkaLogin(cluster.admin().username(), "wrong-password").clientProperties());
        wrong.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        wrong.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        KafkaLogin nobody = KafkaLogin.generate(cluster.uniqueName("nobody"));
        try (Admin admin = Admin.create(cluster.kafkaConfig())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(nobody.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), nobody.password())))
                    .all().get(10, TimeUnit.SECONDS);
        }
        Map<String, Object> asNobody = new HashMap<>(cluster.kafkaConfig());
        asNobody.putAll(nobody.clientProperties());
        try (Admin admin = Admin.create(asNobody)) {
            // the credential reaches every broker through the metadata: retry until it logs in, then it is refused
            await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> admin.createTopics(
                            List.of(new NewTopic(cluster.uniqueName("forbidden"), 1, (short) 3))).all()
                            .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class));
        }
    }

    // ---- the failover

    /**
     * Kills {@code broker} while the load runs, waits until the cluster has fenced it (its partitions shrank to two
     * in-sync replicas) and reports were still acknowledged after that, restarts it and waits until every partition is
     * fully replicated again.
     */
    private void killAndRestore(int broker, Load load, String events, String which) {
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() ->
                assertThat(cluster.underReplicatedPartitions()).as("under-replicated before the kill").isEmpty());
        Outage outage = new Outage(which, broker);
        long killed = System.nanoTime();
        int ackedBefore = load.acked.get();
        int refusedBefore = load.refused.get() + load.failedRequests.get();
        cluster.stopBroker(broker);
        outage.stopTook = elapsed(killed);
        Duration failover = ThreeBrokerCluster.failoverBound();
        await().ignoreExceptions().atMost(failover).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(leadersOf(events)).as("leaders of %s", events).doesNotContain(broker));
        outage.leadersMoved = elapsed(killed);
        await().ignoreExceptions().atMost(failover).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(cluster.underReplicatedPartitions()).as("partitions that lost broker %d", broker)
                        .isNotEmpty());
        // writes go on with two of three: min.insync.replicas 2
        int ackedAtFence = load.acked.get();
        awaitAcked(load, ackedAtFence + 100);
        outage.ackedWhileDown = load.acked.get() - ackedBefore;
        long restarted = System.nanoTime();
        cluster.startBroker(broker);
        await().ignoreExceptions().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(cluster.underReplicatedPartitions()).as("under-replicated after restarting %d", broker)
                        .isEmpty());
        outage.catchUp = elapsed(restarted);
        outage.down = elapsed(killed).minus(outage.catchUp);
        outage.refusedOrFailed = load.refused.get() + load.failedRequests.get() - refusedBefore;
        figures.outages.add(outage);
    }

    private static void awaitAcked(Load load, int count) {
        await().ignoreExceptions().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(load.failure).as("the load loop's failure").isNull();
            assertThat(load.acked.get()).as("reports acknowledged").isGreaterThanOrEqualTo(count);
        });
    }

    /** The broker (other than {@code except}) that leads most partitions of {@code topic}. */
    private int leaderOfMostPartitions(String topic, int except) throws Exception {
        Map<Integer, Integer> led = new TreeMap<>();
        cluster.brokerIds().stream().filter(b -> b != except).forEach(b -> led.put(b, 0));
        for (Integer leader : leadersOf(topic)) {
            led.computeIfPresent(leader, (b, n) -> n + 1);
        }
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private List<Integer> leadersOf(String topic) throws Exception {
        try (Admin admin = Admin.create(cluster.kafkaConfig())) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic);
            List<Integer> leaders = new ArrayList<>();
            for (TopicPartitionInfo p : d.partitions()) {
                leaders.add(p.leader() == null ? -1 : p.leader().id());
            }
            return leaders;
        }
    }

    // ---- the load: CLIENTS clients, each posting one report after the other to the intake, each retried until 202

    private record Report(String eventId, String targetId, long value) {
    }

    private final class Load {
        final AtomicBoolean stop = new AtomicBoolean();
        final Map<String, Report> ackedReports = new ConcurrentHashMap<>();
        final AtomicInteger posts = new AtomicInteger();
        final AtomicInteger acked = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger failedRequests = new AtomicInteger();
        final AtomicLong longestAnswerMs = new AtomicLong();
        /** How long each 202 took to come, in ms. */
        final List<Long> acceptedAnswerMs = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** When each 202 came (System.nanoTime()). */
        final List<Long> acceptedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> otherStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Report> unacknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Throwable failure;

        /** One client's loop: {@code client} starts at its own target and goes round them all. */
        void run(int client) {
            try {
                for (int i = client * reported.size() / CLIENTS; !stop.get(); i++) {
                    Target t = reported.get(i % reported.size());
                    Report report = new Report("failover-" + UUID.randomUUID(), t.getId(), 1 + i % 5);
                    if (!postUntilAccepted(report, t)) {
                        unacknowledged.add(report);
                    }
                    Thread.sleep(PACE.toMillis());
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Posts the report, and again with the same eventId after a 503 or a failed request; true once 202. */
        private boolean postUntilAccepted(Report report, Target t) throws InterruptedException {
            long giveUpAt = System.nanoTime() + WAIT.toNanos();
            // dated (an hour before the clock's now): a report without a date is as of the district clock's now,
            // and the intake then reads the clock topic to its end first, which costs about half a second a report
            String body = """
                    {"eventId": "%s", "targetId": "%s", "kind": "INCREMENT", "value": %d, "unit": "%s",
                     "eventTime": "%s", "reporter": "failover-test"}"""
                    .formatted(report.eventId, report.targetId, report.value, t.getUnit(), EVENT_TIME);
            while (System.nanoTime() < giveUpAt) {
                posts.incrementAndGet();
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                    URI.create(intake.url() + "/api/v1/reports"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + key(t))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long answerMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                    longestAnswerMs.accumulateAndGet(answerMs, Math::max);
                    if (response.statusCode() == 202) {
                        acceptedAnswerMs.add(answerMs);
                        acceptedAt.add(System.nanoTime());
                        ackedReports.put(report.eventId, report);
                        acked.incrementAndGet();
                        return true;
                    }
                    if (response.statusCode() == 503) {
                        refused.incrementAndGet();
                    } else {
                        otherStatuses.add(response.statusCode() + " " + response.body());
                        return false;
                    }
                } catch (IOException e) {
                    failedRequests.incrementAndGet();
                }
                Thread.sleep(200); // the intake's Retry-After is longer; a test may retry sooner
            }
            return false;
        }
    }

    // ---- the applications

    private void startApp(String applicationId, String targets, String events, String progress, String alerts,
                          String deadLetters, String clockTopic) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", cluster.schemaRegistryUrl(), "--schema-registry-auto-register",
                "--schema-registry-user-info", cluster.schemaRegistryUserInfo(),
                "--application-id", applicationId, "--state-dir", dir.resolve("streams").toString(),
                "--replication-factor", String.valueOf(ThreeBrokerCluster.REPLICATION_FACTOR),
                "--dead-letter-topic", deadLetters,
                "--targets-topic", targets, "--events-topic", events,
                "--progress-topic", progress, "--alerts-topic", alerts,
                "--clock", "simulated", "--clock-topic", clockTopic));
        // the cluster's client security settings (the admin's SASL/SCRAM login)
        cluster.clientSecurity().forEach((k, v) -> args.addAll(List.of("--streams-config", k + "=" + v)));
        StreamsAppConfig config = new StreamsAppConfig();
        new CommandLine(config).parseArgs(args.toArray(String[]::new));
        QueryServerHook queryServer = new QueryServerHook();
        app = StreamsRunner.of(config, List.of(queryServer));
        app.start();
        appUrl = "http://" + queryServer.server().applicationServer();
        String appManagementUrl = queryServer.server().managementUrl();
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() ->
                assertThat(status(appManagementUrl + "/health/ready")).as("streams app ready").isEqualTo(200));
    }

    private void startIntake(String events, String clockTopic) {
        departmentKeys = LocalDepartmentKeys.loadOrCreate(dir.resolve("intake"),
                catalog.stream().map(Target::getDepartmentId).distinct().toList());
        IntakeConfig.Builder config = IntakeConfig.builder()
                .httpPort(0)
                .bootstrapServers(cluster.bootstrapServers())
                .schemaRegistryUrl(cluster.schemaRegistryUrl())
                .schemaRegistryBasicAuth(cluster.schemaRegistryUserInfo())
                .schemaRegistryAutoRegister(true) // no deploy step for the test's own topics
                .topic(events)
                .credentialsFile(departmentKeys.credentialsFile())
                .targets(catalog)
                // the clients retry every 503 after 200 ms while a broker is down: more than a department's burst
                // (429s, seen under load); this test is about brokers dying, not about the rate limit
                .rateLimit(org.jingan.progress.intake.http.RateLimit.OFF)
                .clockMode(ClockMode.SIMULATED).clockTopic(clockTopic);
        cluster.clientSecurity().forEach(config::kafkaClientConfig); // the admin's SASL/SCRAM login
        intake = IntakeServer.start(config.build());
    }

    private String key(Target target) {
        return departmentKeys.keyFor(target.getDepartmentId());
    }

    private void publishCatalog(String targets) {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(cluster.clientConfig(), false);
        Map<String, Object> config = new HashMap<>(cluster.kafkaConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(),
                (Serializer<SpecificRecord>) values)) {
            catalog.forEach(t -> producer.send(new ProducerRecord<>(targets, t.getId(), t)));
            producer.flush();
        }
    }

    // ---- reading topics

    private String topic(String prefix, Topics.TopicSpec like) {
        return cluster.createTopicLike(cluster.uniqueName(prefix), like).name();
    }

    private List<String> topicsNamed(java.util.function.Predicate<String> wanted) throws Exception {
        try (Admin admin = Admin.create(cluster.kafkaConfig())) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().filter(wanted).sorted().toList();
        }
    }

    private List<ProgressEvent> readAll(String topic) {
        SpecificAvroDeserializer<ProgressEvent> values = new SpecificAvroDeserializer<>(ProgressEvent.class);
        values.configure(cluster.clientConfig(), false);
        return readCommitted(topic, values);
    }

    private long countCommitted(String topic) {
        return readCommitted(topic, new ByteArrayDeserializer()).size();
    }

    private <V> List<V> readCommitted(String topic, Deserializer<V> values) {
        return TopicContents.values(cluster.kafkaConfig(), topic, new StringDeserializer(), values, WAIT);
    }

    // ---- figures

    private static final class Outage {
        final String which;
        final int broker;
        Duration stopTook;
        Duration leadersMoved;
        Duration down;
        Duration catchUp;
        int ackedWhileDown;
        int refusedOrFailed;

        Outage(String which, int broker) {
            this.which = which;
            this.broker = broker;
        }

        @Override
        public String toString() {
            return "%s kill: broker %d (stopping took %d ms), its leaderships moved after %.1f s, down %.1f s with %d reports acknowledged meanwhile, %d answers 503 or failed, back in sync %.1f s after its restart"
                    .formatted(which, broker, stopTook.toMillis(), secs(leadersMoved), secs(down), ackedWhileDown,
                            refusedOrFailed, secs(catchUp));
        }
    }

    private static final class Figures {
        final List<Outage> outages = new ArrayList<>();
        Duration setUp;
        Duration countedAfterLoad;
        Duration total;
        int reports;
        int posts;
        int accepted;
        int refused;
        int failedRequests;
        int recordsOnTopic;
        long longestAnswerMs;
        long medianAcceptMs;
        long p99AcceptMs;
        long longestWithoutAcceptMs;

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("\n=== three-broker failover figures ===\n");
            b.append("reports: %d, posts: %d, 202: %d, 503: %d, failed requests: %d%n"
                    .formatted(reports, posts, accepted, refused, failedRequests));
            b.append("%d clients; 202 answered in %d ms (median), %d ms (p99); longest answer %d ms; longest time"
                    .formatted(CLIENTS, medianAcceptMs, p99AcceptMs, longestAnswerMs)
                    + " without any 202 %d ms%n".formatted(longestWithoutAcceptMs));
            b.append("records on the events topic: %d (%d written twice by a retry, counted once)%n"
                    .formatted(recordsOnTopic, recordsOnTopic - reports));
            outages.forEach(o -> b.append(o).append('\n'));
            b.append("set-up %.1f s; all counted %.1f s after the load stopped; test %.1f s%n"
                    .formatted(secs(setUp), secs(countedAfterLoad), secs(total)));
            return b.toString();
        }
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }

    private static double secs(Duration d) {
        return d == null ? Double.NaN : d.toMillis() / 1000.0;
    }

    private static <T> List<T> concat(Collection<T> a, Collection<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- HTTP

    private static int status(String url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static JsonNode getJson(String url) throws InterruptedException {
        return getJson(url, null);
    }

    private static JsonNode getJson(String url, String key) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " answered no JSON: " + response.body(), e);
        }
    }
}
