package org.jingan.progress.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.monitor.notify.RetryPolicy;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.testkit.TopicContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The monitoring center end to end on the real broker and registry. */
class MonitorServerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant SINCE = Instant.parse("2020-05-01T00:00:00Z");

    private final MonitorFixture fixture = new MonitorFixture();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        fixture.close();
    }

    @Test
    void shouldListFiringAlertsAndClearThemWhenResolved() throws Exception {
        MonitorServer monitor = startReady(fixture.config());
        Alert retail = Alerts.notice("econ-retail-sales", AlertKind.BEHIND, AlertState.FIRING, SINCE, SINCE,
                Severity.WARNING, "commerce");
        Alert housing = Alerts.notice("housing-renovation", AlertKind.OVERDUE, AlertState.FIRING, SINCE.plusSeconds(60),
                SINCE.plusSeconds(60), Severity.CRITICAL, "housing");

        fixture.send(retail);
        fixture.send(housing);

        await().atMost(WAIT).until(() -> fixture.getJson(monitor, "/api/alerts").get("count").asInt() == 2);
        JsonNode alerts = fixture.getJson(monitor, "/api/alerts").get("alerts");
        assertThat(alerts.get(0).get("dedupKey").asText()).isEqualTo("housing-renovation/OVERDUE");
        assertThat(alerts.get(0).get("departmentId").asText()).isEqualTo("housing");
        assertThat(alerts.get(0).get("kindZh").asText()).isEqualTo("逾期未完成");
        assertThat(alerts.get(1).get("departmentZh").asText()).isEqualTo("区商务委"); // named from the catalog
        assertThat(alerts.get(1).get("firingSince").asText()).isEqualTo("2020-05-01T00:00:00Z");
        assertThat(fixture.getJson(monitor, "/api/alerts?department=commerce").get("alerts"))
                .extracting(a -> a.get("dedupKey").asText()).containsExactly("econ-retail-sales/BEHIND");
        assertThat(fixture.getJson(monitor, "/api/alerts?kind=OVERDUE").get("count").asInt()).isEqualTo(1);

        fixture.send(Alerts.notice("econ-retail-sales", AlertKind.BEHIND, AlertState.RESOLVED, SINCE,
                SINCE.plusSeconds(3600), Severity.WARNING, "commerce"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(fixture.getJson(monitor, "/api/alerts").get("alerts"))
                .extracting(a -> a.get("dedupKey").asText()).containsExactly("housing-renovation/OVERDUE"));
        assertThat(fixture.getJson(monitor, "/api/alerts/resolved"))
                .extracting(a -> a.get("dedupKey").asText()).containsExactly("econ-retail-sales/BEHIND");
        assertThat(fixture.getJson(monitor, "/api/alerts/housing-renovation/OVERDUE").get("severity").asText())
                .isEqualTo("CRITICAL");
    }

    @Test
    void shouldNameDepartmentsAsTheTargetsTopicDoesFollowingRevisionsLive() throws Exception {
        MonitorServer monitor = startReady(fixture.config());
        Target shipped = Catalog.loadDefault().targets().get(0);
        Map<String, Object> admin = new HashMap<>(fixture.cluster.clientConfig());
        admin.put("auto.register.schemas", true); // no deploy step registers the test's own topics
        var catalog = new CatalogPublisher(admin, fixture.targetsTopic, WAIT);
        catalog.publishTargets(List.of(Target.newBuilder(shipped).setDepartmentId("sports").setDepartmentZh("区体育局")
                .setDepartmentEn("sports bureau").build()), "移交区体育局 / handed to the sports bureau");

        fixture.send(Alerts.notice(shipped.getId(), AlertKind.BEHIND, AlertState.FIRING, SINCE, SINCE,
                Severity.WARNING, "sports"));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode alerts = fixture.getJson(monitor, "/api/alerts").get("alerts");
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).get("departmentZh").asText()).as("a department only the topic names").isEqualTo("区体育局");
            assertThat(alerts.get(0).get("departmentEn").asText()).isEqualTo("sports bureau");
        });

        catalog.publishTargets(List.of(Target.newBuilder(shipped).setDepartmentId("sports").setDepartmentZh("区体育局（新）")
                .setDepartmentEn("district sports bureau").build()), "更名 / renamed");
        await().atMost(WAIT).untilAsserted(() -> assertThat(fixture.getJson(monitor, "/api/alerts").get("alerts").get(0)
                .get("departmentZh").asText()).as("renamed without a restart").isEqualTo("区体育局（新）"));
    }

    @Test
    void shouldRetryAFailingWebhookWithTheSameIdempotencyKey() throws Exception {
        WebhookReceiver receiver = closeLater(new WebhookReceiver(2));
        MonitorServer monitor = startReady(fixture.config().webhook(receiver.uri()));
        Alert firing = Alerts.firing("econ-retail-sales", AlertKind.BEHIND, SINCE);

        fixture.send(firing);

        await().atMost(WAIT).until(() -> receiver.accepted(firing.getAlertId()).size() == 1);
        List<WebhookReceiver.Call> calls = receiver.calls();
        assertThat(calls).extracting(WebhookReceiver.Call::answeredWith).containsExactly(503, 503, 200);
        assertThat(calls).extracting(WebhookReceiver.Call::attempt).containsExactly(1, 2, 3);
        assertThat(calls).extracting(WebhookReceiver.Call::idempotencyKey).containsOnly(calls.get(0).idempotencyKey());
        assertThat(calls).extracting(WebhookReceiver.Call::body).containsOnly(calls.get(0).body());
        JsonNode body = fixture.json.readTree(calls.get(0).body());
        assertThat(body.get("idempotencyKey").asText()).isEqualTo(calls.get(0).idempotencyKey());
        assertThat(body.get("groupKey").asText()).isEqualTo("commerce/BEHIND");
        assertThat(body.get("status").asText()).isEqualTo("FIRING");
        assertThat(body.get("alerts").get(0).get("dedupKey").asText()).isEqualTo("econ-retail-sales/BEHIND");
        String metrics = fixture.management(monitor, "/metrics").body();
        assertThat(metric(metrics, "monitor_webhook_retries_total")).isEqualTo(2.0);
        assertThat(metric(metrics, "monitor_webhook_forwarded_total")).isEqualTo(1.0);
        assertThat(metric(metrics, "monitor_alerts_received_total")).isEqualTo(1.0);
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptAndCommitSoLaterNoticesFlow() throws Exception {
        WebhookReceiver receiver = closeLater(new WebhookReceiver(5));
        MonitorServer monitor = startReady(fixture.config().webhook(receiver.uri()));
        Alert lost = Alerts.firing("econ-retail-sales", AlertKind.BEHIND, SINCE);
        Alert next = Alerts.firing("econ-retail-sales", AlertKind.OVERDUE, SINCE);

        fixture.send(lost);
        fixture.send(next);

        await().atMost(WAIT).until(() -> receiver.accepted(next.getAlertId()).size() == 1);
        assertThat(receiver.calls()).filteredOn(c -> c.groupKey().equals("commerce/BEHIND"))
                .extracting(WebhookReceiver.Call::answeredWith).containsExactly(503, 503, 503, 503, 503);
        assertThat(metric(fixture.management(monitor, "/metrics").body(), "monitor_webhook_failures_total")).isEqualTo(1.0);
        await().atMost(WAIT).until(() -> committedOffsets() == 2);
        assertThat(fixture.getJson(monitor, "/api/alerts").get("count").asInt()).isEqualTo(2);
    }

    @Test
    void shouldDeliverAfterARestartANoticeStillBeingRetriedAtShutdown() throws Exception {
        WebhookReceiver receiver = closeLater(new WebhookReceiver(1_000));
        MonitorConfig.Builder config = fixture.config().webhook(receiver.uri())
                .retryPolicy(new RetryPolicy(1_000, Duration.ofMillis(100), Duration.ofMillis(200)));
        MonitorServer first = startReady(config);
        Alert firing = Alerts.firing("econ-retail-sales", AlertKind.BEHIND, SINCE);
        fixture.send(firing);
        await().atMost(WAIT).until(() -> receiver.calls().size() >= 2);

        first.close();
        toClose.remove(first);
        receiver.failNext(0);
        assertThat(committedOffsets()).isZero();
        startReady(config);

        await().atMost(WAIT).until(() -> receiver.accepted(firing.getAlertId()).size() == 1);
        await().atMost(WAIT).until(() -> committedOffsets() == 1);
    }

    @Test
    void shouldNotNotifyAnAcknowledgedAlertAgainAfterARestart() throws Exception {
        WebhookReceiver receiver = closeLater(new WebhookReceiver(0));
        // every re-sent notice reminds unless acknowledged, so only the acknowledgement can hold one back
        MonitorConfig config = fixture.config().webhook(receiver.uri()).repeatInterval(Duration.ZERO).build();
        MonitorServer first = startReady(config.toBuilder());
        Alert acked = Alerts.firing("econ-retail-sales", AlertKind.BEHIND, SINCE);
        Alert other = Alerts.firing("housing-renovation", AlertKind.BEHIND, SINCE);
        fixture.send(acked);
        fixture.send(other);
        await().atMost(WAIT).until(() -> !receiver.accepted(acked.getAlertId()).isEmpty()
                && !receiver.accepted(other.getAlertId()).isEmpty());

        HttpResponse<String> ack = fixture.post(first, "/api/alerts/econ-retail-sales/BEHIND/ack",
                "{\"by\":\"张三\",\"note\":\"已联系区商务委\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        first.close();
        toClose.remove(first);
        int before = receiver.calls().size();

        MonitorServer second = startReady(config.toBuilder());
        JsonNode shown = fixture.getJson(second, "/api/alerts/econ-retail-sales/BEHIND");
        assertThat(shown.get("acknowledged").get("by").asText()).isEqualTo("张三");
        RecordMetadata ackedAgain = fixture.send(acked);
        RecordMetadata otherAgain = fixture.send(other);

        // the two keys may lie in different partitions, read in either order: wait until each was handled
        awaitHandled(ackedAgain);
        awaitHandled(otherAgain);
        List<WebhookReceiver.Call> afterRestart = receiver.calls().subList(before, receiver.calls().size());
        assertThat(afterRestart).as("a reminder of the group lists the unacknowledged member only").isNotEmpty()
                .allSatisfy(c -> assertThat(c.firingAlertIds()).containsExactly(other.getAlertId()));

        // the acknowledgement ends with the episode: a new episode notifies again
        Alert resolution = Alerts.resolved("econ-retail-sales", AlertKind.BEHIND, SINCE, SINCE.plusSeconds(3600));
        Alert again = Alerts.firing("econ-retail-sales", AlertKind.BEHIND, SINCE.plusSeconds(7200));
        awaitHandled(fixture.send(resolution));
        awaitHandled(fixture.send(again));
        await().atMost(WAIT).until(() -> receiver.accepted(again.getAlertId()).size() == 1);
        assertThat(receiver.accepted(again.getAlertId()).get(0).firingAlertIds())
                .containsExactlyInAnyOrder(again.getAlertId(), other.getAlertId());
    }

    @Test
    void shouldCountAnAlertsAgeAgainstTheSimulatedDistrictClock() throws Exception {
        String clockTopic = fixture.cluster.createTopicLike(fixture.cluster.uniqueName("clock"), Topics.CLOCK).name();
        MonitorServer monitor = startReady(fixture.config().clockMode(ClockMode.SIMULATED).clockTopic(clockTopic)
                .clockStart(Instant.parse("2020-01-01T00:00:00+08:00")));
        JsonNode start = fixture.getJson(monitor, "/api/clock");
        assertThat(start.get("mode").asText()).isEqualTo("simulated");
        assertThat(start.get("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(start.get("date").asText()).isEqualTo("2020-01-01"); // in Shanghai: 31 December in UTC
        assertThat(start.get("now").asText()).isEqualTo("2019-12-31T16:00:00Z");

        Map<String, Object> client = fixture.cluster.clientConfig();
        try (ClockSetter setter = new ClockSetter(clockTopic, client, client, "test")) {
            setter.set(Instant.parse("2020-03-30T09:00:00+08:00"));
            fixture.send(Alerts.firing("econ-retail-sales", AlertKind.BEHIND, Instant.parse("2020-03-01T09:00:00+08:00")));

            await().atMost(WAIT).until(() -> fixture.getJson(monitor, "/api/alerts").get("count").asInt() == 1
                    && fixture.getJson(monitor, "/api/clock").get("date").asText().equals("2020-03-30"));
            JsonNode board = fixture.getJson(monitor, "/api/alerts");
            assertThat(board.get("clock").get("now").asText()).isEqualTo("2020-03-30T01:00:00Z");
            assertThat(board.get("alerts").get(0).get("firingForMinutes").asLong()).isEqualTo(Duration.ofDays(29).toMinutes());

            setter.set(Instant.parse("2020-04-01T09:00:00+08:00"));
            await().atMost(WAIT).until(() -> fixture.getJson(monitor, "/api/alerts/econ-retail-sales/BEHIND")
                    .get("firingForMinutes").asLong() == Duration.ofDays(31).toMinutes());
        }
    }

    @Test
    void shouldRebuildFromACompactedTopicExactlyTheConditionsWhoseLastNoticeIsFiring() throws Exception {
        // the alerts topic as in production (compacted by dedup key), with every record in a segment of its own
        // (its timestamp a minute after the one before, segments roll after a second of record time) and the
        // cleaner eager, so the log is compacted within its back-off (15 s) instead of never in a test
        Map<String, String> configs = new HashMap<>(Topics.ALERTS.configs());
        configs.putAll(Map.of("segment.ms", "1000", "min.cleanable.dirty.ratio", "0.01", "min.compaction.lag.ms", "0"));
        String topic = fixture.cluster.createTopicLike(fixture.cluster.uniqueName("compacted-alerts"),
                new Topics.TopicSpec("alerts", Topics.ALERTS.partitions(), configs)).name();
        MonitorConfig.Builder config = fixture.config().alertsTopic(topic);
        MonitorServer first = startReady(config);

        Instant t1 = SINCE;
        Instant t2 = SINCE.plus(Duration.ofDays(10));
        Instant t3 = SINCE.plus(Duration.ofDays(20));
        List<Alert> history = List.of(
                Alerts.firing("a", AlertKind.BEHIND, t1),
                Alerts.firing("b", AlertKind.BEHIND, t1),
                Alerts.firing("c", AlertKind.BEHIND, t1),
                Alerts.firing("e", AlertKind.BEHIND, t1),
                Alerts.firing("g", AlertKind.BEHIND, t3),
                Alerts.firing("h", AlertKind.BEHIND, t3),
                Alerts.resolved("a", AlertKind.BEHIND, t1, t2),          // a: resolved
                Alerts.resolved("b", AlertKind.BEHIND, t1, t2),
                Alerts.withSeverity(Alerts.firing("c", AlertKind.BEHIND, t1), Severity.CRITICAL), // c: firing, escalated
                Alerts.resolved("e", AlertKind.BEHIND, t1, t2),
                Alerts.firing("b", AlertKind.BEHIND, t3),                // b: firing again, since t3
                Alerts.firing("e", AlertKind.BEHIND, t3),
                // a re-run of the year writes earlier episodes after later ones: the last notice still decides
                Alerts.firing("g", AlertKind.BEHIND, t1),                // g: firing, since t1
                Alerts.resolved("h", AlertKind.BEHIND, t1, t2.plusSeconds(3600)), // h: resolved
                Alerts.resolved("e", AlertKind.BEHIND, t3, t3.plusSeconds(60)), // e: resolved again
                Alerts.firing("d", AlertKind.BEHIND, t2));               // d: firing; last, alone in the active segment
        Instant recordTime = Instant.now().minus(Duration.ofMinutes(30));
        for (Alert notice : history) {
            // one partition, so the active segment (never compacted) holds d's only notice and nothing else
            fixture.send(topic, 0, recordTime, notice);
            recordTime = recordTime.plus(Duration.ofMinutes(1));
        }
        List<String> expectedFiring = List.of("b/BEHIND", "c/BEHIND", "d/BEHIND", "g/BEHIND");

        await().atMost(WAIT).untilAsserted(() -> assertThat(firingKeys(first)).containsExactlyInAnyOrderElementsOf(expectedFiring));
        first.close();
        toClose.remove(first);

        // compacted: the last notice of each of the 7 conditions is all that is left of the 16
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> recordsIn(topic).size() == 7);
        assertThat(recordsIn(topic)).extracting(Alert::getDedupKey)
                .containsExactlyInAnyOrder("a/BEHIND", "b/BEHIND", "c/BEHIND", "d/BEHIND", "e/BEHIND", "g/BEHIND", "h/BEHIND");

        MonitorServer restarted = startReady(config);
        MonitorServer newGroup = startReady(config.groupId(fixture.cluster.uniqueName("monitor")));
        for (MonitorServer monitor : List.of(restarted, newGroup)) {
            assertThat(firingKeys(monitor)).containsExactlyInAnyOrderElementsOf(expectedFiring);
            assertThat(fixture.getJson(monitor, "/api/alerts/c/BEHIND").get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(fixture.getJson(monitor, "/api/alerts/b/BEHIND").get("firingSince").asText()).isEqualTo(t3.toString());
            assertThat(fixture.getJson(monitor, "/api/alerts/g/BEHIND").get("firingSince").asText()).isEqualTo(t1.toString());
            // the resolutions, though their FIRING notices are gone, latest first
            assertThat(fixture.getJson(monitor, "/api/alerts/resolved")).extracting(a -> a.get("dedupKey").asText())
                    .containsExactly("e/BEHIND", "h/BEHIND", "a/BEHIND");
        }
    }

    @Test
    void shouldNotForwardASilencedAlertUntilTheSilenceEnds() throws Exception {
        WebhookReceiver receiver = closeLater(new WebhookReceiver(0));
        MonitorServer monitor = startReady(fixture.config().webhook(receiver.uri()).repeatInterval(Duration.ZERO));
        HttpResponse<String> silence = fixture.post(monitor,
                "/api/alerts/econ-retail-sales%2FBEHIND/silence?minutes=60", "{}", MonitorFixture.SECOND_OPERATOR);
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(200);
        Alert silenced = Alerts.firing("econ-retail-sales", AlertKind.BEHIND, SINCE);
        Alert control = Alerts.firing("housing-renovation", AlertKind.BEHIND, SINCE);

        fixture.send(silenced);
        fixture.send(control);

        await().atMost(WAIT).until(() -> receiver.accepted(control.getAlertId()).size() == 1);
        assertThat(receiver.accepted(silenced.getAlertId())).isEmpty();
        assertThat(fixture.getJson(monitor, "/api/alerts/econ-retail-sales/BEHIND").get("silenced").get("by").asText())
                .isEqualTo("李四");

        HttpResponse<String> unsilence = fixture.http(fixture.request(monitor,
                "/api/alerts/econ-retail-sales/BEHIND/silence", MonitorFixture.OPERATOR).DELETE().build());
        assertThat(unsilence.statusCode()).as(unsilence.body()).isEqualTo(200);
        fixture.send(silenced);
        await().atMost(WAIT).until(() -> receiver.accepted(silenced.getAlertId()).size() == 1);
    }

    @Test
    void shouldPushChangesToTheConsoleOverServerSentEvents() throws Exception {
        MonitorServer monitor = startReady(fixture.config());
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        var stream = client.sendAsync(fixture.request(monitor, "/api/events", MonitorFixture.VIEWER)
                        .header("Accept", "text/event-stream").build(), // as a browser's EventSource sends
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try {
                response.body().filter(l -> l.startsWith("data:")).forEach(events::add);
            } catch (UncheckedIOException e) {
                // the stream was closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        toClose.add(() -> response.body().close());

        JsonNode initial = fixture.json.readTree(events.poll(30, TimeUnit.SECONDS).substring(5));
        assertThat(initial.get("board").get("count").asInt()).isZero();
        assertThat(initial.get("board").get("clock").get("mode").asText()).isEqualTo("wall");

        fixture.send(Alerts.firing("econ-retail-sales", AlertKind.BEHIND, SINCE));

        JsonNode update = nextWithChange(events);
        assertThat(update.get("change").get("type").asText()).isEqualTo("FIRING_STARTED");
        assertThat(update.get("change").get("dedupKey").asText()).isEqualTo("econ-retail-sales/BEHIND");
        assertThat(update.get("board").get("alerts").get(0).get("nameZh").asText()).isEqualTo("社会消费品零售总额");

        fixture.post(monitor, "/api/alerts/econ-retail-sales/BEHIND/ack", "");
        JsonNode acked = nextWithChange(events);
        assertThat(acked.get("change").get("type").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acked.get("board").get("alerts").get(0).get("acknowledged").get("by").asText()).isEqualTo("张三");
    }

    @Test
    void shouldSkipUnreadableRecordsAndIgnoreAbortedTransactions() throws Exception {
        MonitorServer monitor = startReady(fixture.config());
        Map<String, Object> rawProps = fixture.cluster.kafkaConfig();
        try (var raw = new KafkaProducer<>(rawProps, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<String, Alert> transactional = fixture.newProducer(
                     Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "monitor-test-" + UUID.randomUUID()))) {
            // same key as the valid notice below, so both land in one partition, the bad one first
            raw.send(new ProducerRecord<>(fixture.alertsTopic, "econ-retail-sales/BEHIND".getBytes(), "not avro".getBytes())).get();
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(fixture.alertsTopic, "aborted/BEHIND",
                    Alerts.firing("aborted", AlertKind.BEHIND, SINCE))).get();
            transactional.abortTransaction();
        }
        fixture.send(Alerts.firing("econ-retail-sales", AlertKind.BEHIND, SINCE));

        await().atMost(WAIT).until(() -> fixture.getJson(monitor, "/api/alerts").get("count").asInt() == 1);
        assertThat(fixture.getJson(monitor, "/api/alerts").get("alerts").get(0).get("dedupKey").asText())
                .isEqualTo("econ-retail-sales/BEHIND");
        assertThat(metric(fixture.management(monitor, "/metrics").body(), "monitor_records_invalid_total")).isEqualTo(1.0);
    }

    @Test
    void shouldAnswerBadRequestsWithAClearError() throws Exception {
        MonitorServer monitor = startReady(fixture.config());

        HttpResponse<String> badKey = fixture.post(monitor, "/api/alerts/econ-retail-sales/LATE/ack", "");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(badKey.body()).contains("unknown alert kind 'LATE'");

        HttpResponse<String> notFiring = fixture.post(monitor, "/api/alerts/econ-retail-sales/BEHIND/ack", "");
        assertThat(notFiring.statusCode()).isEqualTo(404);
        assertThat(notFiring.body()).contains("No firing alert 'econ-retail-sales/BEHIND'");

        HttpResponse<String> noMinutes = fixture.post(monitor, "/api/alerts/econ-retail-sales/BEHIND/silence", "");
        assertThat(noMinutes.statusCode()).isEqualTo(400);
        assertThat(noMinutes.body()).contains("'minutes' is required");

        HttpResponse<String> badBody = fixture.post(monitor, "/api/alerts/econ-retail-sales/BEHIND/silence?minutes=5", "{by");
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(badBody.body()).contains("Body must be JSON");

        assertThat(fixture.management(monitor, "/health/live").statusCode()).isEqualTo(200);
        assertThat(fixture.management(monitor, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(fixture.get(monitor, "/").body()).contains("监控中心");
    }

    /** Waits until the monitor's group committed past {@code notice}: it was forwarded or suppressed. */
    private void awaitHandled(RecordMetadata notice) {
        TopicPartition partition = new TopicPartition(notice.topic(), notice.partition());
        await().atMost(WAIT).until(() -> committedOffset(partition) > notice.offset());
    }

    /** The idempotency key of every call the receiver accepted, repeats included. */
    private static List<String> acceptedKeys(WebhookReceiver receiver) {
        return receiver.calls().stream().filter(c -> c.answeredWith() == 200).map(WebhookReceiver.Call::idempotencyKey)
                .toList();
    }

    private MonitorServer startReady(MonitorConfig.Builder config) {
        MonitorServer monitor = closeLater(MonitorServer.start(config.build()));
        await().atMost(WAIT).until(monitor::isReady);
        return monitor;
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private JsonNode nextWithChange(BlockingQueue<String> events) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = events.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                JsonNode update = fixture.json.readTree(line.substring(5));
                if (update.hasNonNull("change")) {
                    return update;
                }
            }
        }
        throw new AssertionError("No SSE update with a change within " + WAIT);
    }

    /** The offset the monitor's group committed on {@code partition}; -1 when none. */
    private long committedOffset(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(fixture.cluster.kafkaConfig())) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(fixture.groupId).partitionsToOffsetAndMetadata()
                    .get().get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    private List<String> firingKeys(MonitorServer monitor) throws Exception {
        List<String> keys = new ArrayList<>();
        fixture.getJson(monitor, "/api/alerts").get("alerts").forEach(a -> keys.add(a.get("dedupKey").asText()));
        return keys;
    }

    /** Every notice in {@code topic} now, read from its beginning to its end. */
    private List<Alert> recordsIn(String topic) {
        SpecificAvroDeserializer<Alert> values = new SpecificAvroDeserializer<>(Alert.class);
        values.configure(fixture.cluster.clientConfig(), false);
        return TopicContents.values(fixture.cluster.clientConfig(), topic, new StringDeserializer(), values,
                Duration.ofSeconds(60));
    }

    /** The sum of the offsets the monitor's group committed on the alerts topic. */
    private long committedOffsets() throws Exception {
        try (Admin admin = Admin.create(fixture.cluster.kafkaConfig())) {
            return admin.listConsumerGroupOffsets(fixture.groupId).partitionsToOffsetAndMetadata().get().values().stream()
                    .filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** The sum of all series of one Prometheus metric. */
    private static double metric(String exposition, String name) {
        return exposition.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
