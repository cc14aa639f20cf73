package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.monitor.MonitorConfig;
import org.jingan.progress.monitor.MonitorServer;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.app.StreamsRunner;
import org.jingan.progress.streams.query.QueryServerHook;
import org.jingan.progress.testkit.TestCluster;
import org.jingan.progress.testkit.TopicContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * The streams app and the monitor on the real broker and registry, on topics of their own and one simulated district
 * clock: the set of alerts the monitor shows as firing must be exactly the set the streams app's query API answers
 * from its firing-alerts store, and the set of dedup keys whose last notice on the alerts topic (read from its
 * beginning by a plain {@code read_committed} consumer) is FIRING. Checked on 30 April (alerts fire), on 30 June
 * (some resolve, others fire) and on 30 September, after both were stopped and restarted on the same topics and
 * state (application id and state directory, monitor group) with the clock moved and reports sent while they were
 * down.
 */
class FiringSetAfterRestartIntegrationTest {
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestCluster cluster = TestCluster.get();
    private final String targetsTopic = topic("targets", Topics.TARGETS);
    private final String eventsTopic = topic("events", Topics.PROGRESS_EVENTS);
    private final String progressTopic = topic("progress", Topics.TARGET_PROGRESS);
    private final String alertsTopic = topic("alerts", Topics.ALERTS);
    private final String deadLettersTopic = topic("dead-letters", Topics.DEAD_LETTERS);
    private final String acksTopic = topic("acks", Topics.ALERT_ACKS);
    private final String clockTopic = topic("clock", Topics.CLOCK);
    private final String applicationId = cluster.uniqueName("firing-set-app");
    private final String monitorGroup = cluster.uniqueName("firing-set-monitor");

    @TempDir
    Path stateDir;

    private final List<Target> targets = Catalog.loadDefault().targets();
    /** Every target a report can move: the measurable ones with a number, and the milestones. */
    private final List<Target> reportable = targets.stream()
            .filter(t -> t.getKind() == TargetKind.MILESTONE || t.getTargetValue() != null).toList();
    private KafkaProducer<String, SpecificRecord> producer;
    private ClockSetter clock;
    private int reportsSent;
    private StreamsRunner app;
    private String appUrl;
    private MonitorServer monitor;

    @AfterEach
    void stopAll() {
        stopBoth();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (clock != null) {
            clock.close();
        }
    }

    @Test
    void shouldShowInTheMonitorExactlyTheFiringSetOfTheQueryApiAfterRestartingBoth() throws Exception {
        producer = producer();
        clock = new ClockSetter(clockTopic, cluster.clientConfig(), cluster.clientConfig(), "test");
        startBoth();
        targets.forEach(t -> producer.send(new ProducerRecord<>(targetsTopic, t.getId(), t)));
        producer.flush();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(getJson(appUrl + "/api/v1/targets").path("count").asInt()).isEqualTo(targets.size()));

        // 30 April: some on pace, some far behind, some with only January's total, a ceiling close to its limit
        moveClock(LocalDate.of(2020, 4, 30));
        reportUntilApril();
        Set<String> april = awaitSameFiringSet(LocalDate.of(2020, 4, 30));

        // 30 June: the laggards catch up (their alerts resolve), those on pace since April fall silent (stale)
        moveClock(LocalDate.of(2020, 6, 30));
        reportUntilJune();
        Set<String> june = awaitSameFiringSet(LocalDate.of(2020, 6, 30));
        Set<String> resolvedInJune = new TreeSet<>(april);
        resolvedInJune.removeAll(june);
        assertThat(resolvedInJune).as("alerts of April that resolved by June").isNotEmpty();
        assertThat(resolvedKeys(readAlertsTopic())).as("keys with a RESOLVED notice on the alerts topic")
                .containsAll(resolvedInJune);
        assertThat(getJson(monitor.baseUrl() + "/api/alerts/resolved")).as("the monitor's recent resolutions")
                .isNotEmpty();

        // both stopped; the clock moves to 30 September and half of the quarter's reports come while they are down
        stopBoth();
        moveClockWhileDown(LocalDate.of(2020, 9, 30));
        List<Runnable> quarter = reportsUntilSeptember();
        quarter.subList(0, quarter.size() / 2).forEach(Runnable::run);
        producer.flush();

        startBoth();
        quarter.subList(quarter.size() / 2, quarter.size()).forEach(Runnable::run);
        producer.flush();
        Set<String> september = awaitSameFiringSet(LocalDate.of(2020, 9, 30));
        assertThat(september).as("the firing set moved on after the restart").isNotEqualTo(june);
        assertThat(getJson(monitor.baseUrl() + "/api/alerts/resolved")).as("resolutions the restarted monitor rebuilt")
                .isNotEmpty();
        assertThat(deadLetters()).as("every report was counted, none dead-lettered").isZero();
    }

    // ---- the comparison

    /**
     * Waits until the streams app has counted every report sent and evaluated every target on {@code day}, and the
     * monitor's firing set equals the query API's, and both equal the keys whose last notice on the alerts topic
     * (read from its beginning) is FIRING; returns that set, which must not be empty.
     */
    private Set<String> awaitSameFiringSet(LocalDate day) {
        Instant dayStart = day.atStartOfDay(SHANGHAI).toInstant();
        List<Set<String>> agreed = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode standings = getJson(appUrl + "/api/v1/targets").path("items");
            long counted = 0;
            List<String> notEvaluatedToday = new ArrayList<>();
            for (JsonNode s : standings) {
                counted += s.path("eventCount").asLong();
                if (asInstant(s.path("asOf")).isBefore(dayStart)) {
                    notEvaluatedToday.add(s.path("targetId").asText());
                }
            }
            assertThat(counted).as("reports counted by the streams app").isEqualTo(reportsSent);
            assertThat(notEvaluatedToday).as("targets not yet evaluated on " + day).isEmpty();
            assertThat(getJson(monitor.baseUrl() + "/api/clock").path("date").asText()).as("monitor's clock")
                    .isEqualTo(day.toString());

            Set<String> queryApi = firing(getJson(appUrl + "/api/v1/alerts"), "items");
            Set<String> board = firing(getJson(monitor.baseUrl() + "/api/alerts"), "alerts");
            assertThat(queryApi).as("firing alerts of the query API").isNotEmpty();
            assertThat(board).as("the monitor's firing alerts vs the query API's").hasSameSizeAs(queryApi)
                    .isEqualTo(queryApi);
            Set<String> topic = lastNoticeFiring(readAlertsTopic());
            assertThat(topic).as("keys whose last notice on the alerts topic is FIRING vs the query API's")
                    .hasSameSizeAs(queryApi).isEqualTo(queryApi);
            agreed.add(queryApi);
        });
        return agreed.get(agreed.size() - 1);
    }

    private static Set<String> firing(JsonNode answer, String field) {
        Set<String> keys = new TreeSet<>();
        answer.path(field).forEach(a -> keys.add(a.path("dedupKey").asText()));
        assertThat(keys).as("one entry per dedup key").hasSize(answer.path("count").asInt());
        return keys;
    }

    private static Set<String> lastNoticeFiring(List<Alert> notices) {
        Map<String, AlertState> last = new TreeMap<>();
        notices.forEach(n -> last.put(n.getDedupKey(), n.getState()));
        Set<String> keys = new TreeSet<>();
        last.forEach((k, state) -> {
            if (state == AlertState.FIRING) {
                keys.add(k);
            }
        });
        return keys;
    }

    private static Set<String> resolvedKeys(List<Alert> notices) {
        Set<String> keys = new TreeSet<>();
        notices.stream().filter(n -> n.getState() == AlertState.RESOLVED).forEach(n -> keys.add(n.getDedupKey()));
        return keys;
    }

    /** Every committed notice on the alerts topic, in the order of each partition (all of a key's are in one). */
    private List<Alert> readAlertsTopic() {
        SpecificAvroDeserializer<Alert> values = new SpecificAvroDeserializer<>(Alert.class);
        values.configure(cluster.clientConfig(), false);
        return TopicContents.values(cluster.clientConfig(), alertsTopic, new StringDeserializer(), values,
                Duration.ofSeconds(60));
    }

    private long deadLetters() {
        Map<String, Object> props = new HashMap<>(cluster.clientConfig());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLettersTopic).stream()
                    .map(p -> new TopicPartition(deadLettersTopic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    // ---- the two applications

    private void startBoth() {
        StreamsAppConfig config = new StreamsAppConfig();
        List<String> args = new ArrayList<>(cluster.securityArgs("--streams-config"));
        args.addAll(cluster.registryArgs());
        args.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-auto-register", // no deploy step for the test's own topics
                "--application-id", applicationId, "--state-dir", stateDir.toString(),
                // a static member, as in production: the restart takes its partitions back at once
                "--instance-id", "firing-set-1",
                "--replication-factor", "1", "--dead-letter-topic", deadLettersTopic,
                "--targets-topic", targetsTopic, "--events-topic", eventsTopic,
                "--progress-topic", progressTopic, "--alerts-topic", alertsTopic,
                "--clock", "simulated", "--clock-topic", clockTopic));
        new CommandLine(config).parseArgs(args.toArray(String[]::new));
        QueryServerHook queryServer = new QueryServerHook();
        app = StreamsRunner.of(config, List.of(queryServer));
        app.start();
        appUrl = "http://" + queryServer.server().applicationServer();
        String appManagementUrl = queryServer.server().managementUrl();

        monitor = MonitorServer.start(MonitorConfig.builder(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .clientProperties(cluster.loginProperties())
                .httpPort(0).alertsTopic(alertsTopic).acksTopic(acksTopic).groupId(monitorGroup)
                .clockMode(ClockMode.SIMULATED).clockTopic(clockTopic)
                .anonymousRead(true) // this test only reads the console's API; acting is MonitorOperatorsTest's
                .build());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status(appManagementUrl + "/health/ready")).as("streams app ready").isEqualTo(200);
            assertThat(monitor.isReady()).as("monitor ready: %s", monitor.notReadyReasons()).isTrue();
        });
    }

    private void stopBoth() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        if (app != null) {
            app.close(Duration.ofSeconds(20));
            app = null;
        }
    }

    // ---- the district clock and the reports

    /** Moves the clock to 10:00 of {@code day} and waits until the streams app stands there, so no report is early. */
    private void moveClock(LocalDate day) {
        clock.set(day.atTime(10, 0).toInstant(SHANGHAI));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(getJson(appUrl + "/api/v1/clock").path("date").asText()).isEqualTo(day.toString()));
    }

    private void moveClockWhileDown(LocalDate day) {
        clock.set(day.atTime(10, 0).toInstant(SHANGHAI));
    }

    private void reportUntilApril() {
        for (int i = 0; i < reportable.size(); i++) {
            Target t = reportable.get(i);
            int group = i % 4;
            switch (t.getKind()) {
                case CUMULATIVE -> {
                    if (group == 2) {
                        // only a late total as of January (received now, so not yet stale: silence is counted
                        // on the district clock from when a report arrives)
                        send(t, 0.08, endOf(1));
                    } else {
                        double pace = group == 0 ? 1.1 : group == 1 ? 0.3 : 0.85;
                        for (int month = 1; month <= 4; month++) {
                            send(t, pace * month / 12, endOf(month));
                        }
                    }
                }
                case LEVEL -> send(t, group % 2 == 0 ? 1.0 : 0.8, endOf(4));
                case CEILING -> send(t, 0.95, endOf(4));
                case MILESTONE -> {
                    if (group == 0) {
                        send(t, 0, day(4, 15));
                    }
                }
            }
        }
        producer.flush();
    }

    private void reportUntilJune() {
        for (int i = 0; i < reportable.size(); i++) {
            Target t = reportable.get(i);
            int group = i % 4;
            switch (t.getKind()) {
                case CUMULATIVE -> {
                    switch (group) {
                        case 0 -> { } // silent since April: stale, and behind by now
                        case 1 -> send(t, 0.62, endOf(6));
                        case 2 -> send(t, 0.55, endOf(6));
                        default -> {
                            send(t, 0.45, endOf(5));
                            send(t, 0.52, endOf(6));
                        }
                    }
                }
                case LEVEL -> send(t, 1.0, endOf(6));
                case CEILING -> send(t, 0.7, endOf(6));
                case MILESTONE -> {
                    if (group == 1) {
                        send(t, 0, day(6, 20));
                    }
                }
            }
        }
        producer.flush();
    }

    /** The third quarter's reports, each sent when run (the clock must stand at 30 September by then). */
    private List<Runnable> reportsUntilSeptember() {
        List<Runnable> reports = new ArrayList<>();
        for (int i = 0; i < reportable.size(); i++) {
            Target t = reportable.get(i);
            int group = i % 4;
            switch (t.getKind()) {
                case CUMULATIVE -> {
                    switch (group) {
                        case 0 -> reports.add(() -> send(t, 0.8, endOf(9)));
                        case 1 -> { } // silent since June: stale now
                        case 2 -> reports.add(() -> send(t, 0.78, endOf(9)));
                        default -> {
                            reports.add(() -> send(t, 0.64, endOf(8)));
                            reports.add(() -> send(t, 0.74, endOf(9)));
                        }
                    }
                }
                case LEVEL -> reports.add(() -> send(t, 0.85, endOf(9)));
                case CEILING -> reports.add(() -> send(t, 0.75, endOf(9)));
                case MILESTONE -> {
                    if (group == 2) {
                        reports.add(() -> send(t, 0, day(9, 10)));
                    }
                }
            }
        }
        return reports;
    }

    /** Reports {@code share} of the target's value (a total, or a level; a milestone reached) as of {@code at}. */
    private void send(Target target, double share, Instant at) {
        boolean milestone = target.getKind() == TargetKind.MILESTONE;
        ProgressEvent event = ProgressEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setTargetId(target.getId()).setDepartmentId(target.getDepartmentId()).setReporter("test")
                .setKind(switch (target.getKind()) {
                    case CUMULATIVE -> UpdateKind.CUMULATIVE_TO_DATE;
                    case LEVEL, CEILING -> UpdateKind.LEVEL;
                    case MILESTONE -> UpdateKind.MILESTONE_REACHED;
                })
                .setValue(milestone ? null : target.getTargetValue() * share)
                .setUnit(target.getUnit()).setEventTime(at).setReportedAt(at).setChannel("TEST").build();
        producer.send(new ProducerRecord<>(eventsTopic, target.getId(), event));
        reportsSent++;
    }

    private static Instant endOf(int month) {
        return YearMonth.of(2020, month).atEndOfMonth().atTime(9, 0).toInstant(SHANGHAI);
    }

    private static Instant day(int month, int dayOfMonth) {
        return LocalDate.of(2020, month, dayOfMonth).atTime(9, 0).toInstant(SHANGHAI);
    }

    // ---- plumbing

    private String topic(String prefix, Topics.TopicSpec like) {
        return cluster.createTopicLike(cluster.uniqueName(prefix), like).name();
    }

    private KafkaProducer<String, SpecificRecord> producer() {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(cluster.registryConfig(), false);
        return new KafkaProducer<>(cluster.kafkaConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), (Serializer<SpecificRecord>) values);
    }

    private static Instant asInstant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        return node.isTextual() ? Instant.parse(node.asText()) : Instant.EPOCH;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    private static int status(String url) throws InterruptedException {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The JSON body of a 200 answer; anything else fails as an assertion, so an await tries again. */
    private static JsonNode getJson(String url) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = get(url);
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
