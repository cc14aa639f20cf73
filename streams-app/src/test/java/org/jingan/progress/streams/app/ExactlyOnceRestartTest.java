package org.jingan.progress.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.testkit.TestCluster;
import org.jingan.progress.testkit.TopicContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app on the real broker and registry under exactly_once_v2, killed (SIGKILL, no close, no commit) in
 * the middle of a stream and restarted: every target's total equals the sum of the distinct reports sent, also
 * with reports redelivered before and after the kill, and with reports that came before their targets (held across
 * the kill, counted when the targets arrive).
 */
class ExactlyOnceRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceRestartTest.class);
    private static final int TOTAL = 15_000;
    /** Reports per second sent: slower than the app, so the kill happens while reports still arrive. */
    private static final int RATE = 3_000;

    private final TestCluster cluster = TestCluster.get();
    private final String prefix = cluster.uniqueName("eos");
    private final String targets = prefix + "-targets";
    private final String events = prefix + "-events";
    private final String progress = prefix + "-progress";
    private final String alerts = prefix + "-alerts";
    private final String deadLetters = prefix + "-dead-letters";
    private final Map<String, ProgressSnapshot> latest = new ConcurrentHashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private Thread reader;
    private AppProcess app;

    @TempDir
    Path work;

    @AfterEach
    void tearDown() throws InterruptedException {
        reading.set(false);
        if (app != null) {
            app.close();
        }
        if (reader != null) {
            reader.join(10_000);
        }
    }

    @Test
    void shouldCountEveryReportExactlyOnceWhenKilledMidStreamAndRestarted() throws Exception {
        createTopics();
        List<Target> catalog = Catalog.loadDefault().targets();
        List<Target> counted = counted(catalog);
        assertThat(counted).hasSizeGreaterThan(20);
        Map<String, Double> expectedSum = new HashMap<>();
        Map<String, Long> expectedCount = new HashMap<>();
        List<ProgressEvent> sent = new ArrayList<>();

        try (KafkaProducer<String, Object> producer = producer()) {
            for (Target t : catalog) {
                producer.send(new ProducerRecord<>(targets, t.getId(), t));
            }
            producer.flush();
            startReader();
            Path stateDir = work.resolve("state");
            Path log = Path.of("target", prefix + "-app.log"); // the child JVM's log, kept for a look after a failure
            app = AppProcess.start(appArgs(stateDir), log);
            await("every target published once the app runs").atMost(Duration.ofMinutes(2))
                    .until(() -> latest.size() == catalog.size());

            // reports keep coming while the app is killed and restarted
            Thread load = new Thread(() -> produce(producer, counted, sent, expectedSum, expectedCount), "report-load");
            load.start();
            await("the app is part-way through").atMost(Duration.ofMinutes(2)).until(() -> countedSoFar() >= TOTAL / 5);
            long before = countedSoFar();
            app.kill();
            LOG.info("Killed the app with {} of {} reports counted (committed)", before, TOTAL);
            assertThat(before).as("killed in the middle of the stream").isLessThan(TOTAL);
            app = AppProcess.start(appArgs(stateDir), log);
            load.join();

            await("totals equal the sums sent").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        for (Target t : counted) {
                            ProgressSnapshot s = latest.get(t.getId());
                            assertThat(s).isNotNull();
                            assertThat(s.getEventCount()).as(t.getId()).isEqualTo(expectedCount.getOrDefault(t.getId(), 0L));
                            assertThat(s.getActual()).as(t.getId()).isEqualTo(expectedSum.getOrDefault(t.getId(), 0.0));
                        }
                    });
        }
        assertThat(expectedCount.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(TOTAL);
        assertThat(recordsIn(deadLetters)).as("nothing was refused").isZero();
    }

    @Test
    void shouldCountReportsThatCameBeforeTheirTargetsAcrossAKillAndDeadLetterAnOrphanAfterTheGrace() throws Exception {
        createTopics();
        List<Target> catalog = Catalog.loadDefault().targets();
        List<Target> counted = counted(catalog).subList(0, 10);
        Map<String, Double> expectedSum = new HashMap<>();
        Map<String, Long> expectedCount = new HashMap<>();
        List<ProgressEvent> sent = new ArrayList<>();
        List<String> args = new ArrayList<>(appArgs(work.resolve("state")));
        args.addAll(List.of("--unknown-target-grace", "15s"));
        Path log = Path.of("target", prefix + "-app.log");

        try (KafkaProducer<String, Object> producer = producer()) {
            // the reports come first: no target is known yet
            for (int i = 0; i < 200; i++) {
                send(producer, report(counted, i), sent, expectedSum, expectedCount);
            }
            ProgressEvent orphan = ProgressEvent.newBuilder(report(counted, 0)).setEventId(prefix + "-orphan")
                    .setTargetId("no-such-target").build();
            producer.send(new ProducerRecord<>(events, orphan.getTargetId(), orphan));
            producer.flush();
            startReader();
            app = AppProcess.start(args, log);
            await("every report read and held (its offset committed)").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).until(() -> committedOffsets(events) == 201);
            assertThat(latest).as("nothing is counted without its target").isEmpty();
            app.kill(); // the held reports live in a changelogged store: the restart must still have them
            app = AppProcess.start(args, log);

            for (Target t : catalog) {
                producer.send(new ProducerRecord<>(targets, t.getId(), t));
            }
            producer.flush();
            await("the held reports are counted once their targets arrive").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        for (Target t : counted) {
                            ProgressSnapshot s = latest.get(t.getId());
                            assertThat(s).as(t.getId()).isNotNull();
                            assertThat(s.getEventCount()).as(t.getId()).isEqualTo(expectedCount.get(t.getId()));
                            assertThat(s.getActual()).as(t.getId()).isEqualTo(expectedSum.get(t.getId()));
                        }
                    });
            // awaited as committed: the end offset moves when the dead letter is written, before its transaction commits
            List<String> reasons = await("the orphan is dead-lettered once its grace ran out").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500)).until(this::deadLetterReasons, r -> !r.isEmpty());
            assertThat(reasons).containsExactly("UNKNOWN_TARGET");
        }
    }

    private void createTopics() {
        cluster.createTopicLike(targets, Topics.TARGETS);
        cluster.createTopicLike(events, Topics.PROGRESS_EVENTS);
        cluster.createTopicLike(progress, Topics.TARGET_PROGRESS);
        cluster.createTopicLike(alerts, Topics.ALERTS);
        cluster.createTopicLike(deadLetters, Topics.DEAD_LETTERS);
    }

    private static List<Target> counted(List<Target> catalog) {
        return catalog.stream().filter(t -> t.getKind() == TargetKind.CUMULATIVE
                && t.getTargetValue() != null && t.getComparator() != Comparator.AT_MOST).toList();
    }

    /** Offsets of {@code topic} the app has committed (under exactly-once: with the state they produced). */
    private long committedOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            return admin.listConsumerGroupOffsets(prefix + "-app").partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** The reason header of every committed dead letter. */
    private List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicContents.readCommitted(cluster.clientConfig(), deadLetters,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(30))) {
            var reason = r.headers().lastHeader("progress.rejection.reason");
            reasons.add(reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8));
        }
        return reasons;
    }

    /** Sends TOTAL distinct reports at RATE per second, and one in ten of them a second time later on. */
    private void produce(KafkaProducer<String, Object> producer, List<Target> counted, List<ProgressEvent> sent,
                         Map<String, Double> sums, Map<String, Long> counts) {
        long start = System.nanoTime();
        for (int i = 0; i < TOTAL; i++) {
            send(producer, report(counted, i), sent, sums, counts);
            if (i % 10 == 9) {
                ProgressEvent again = sent.get(i / 2); // a redelivery, possibly from before the kill
                producer.send(new ProducerRecord<>(events, again.getTargetId(), again));
            }
            long due = start + (long) i * 1_000_000_000L / RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing the load, not waiting for a result
            }
        }
        producer.flush();
    }

    private long countedSoFar() {
        return latest.values().stream().mapToLong(ProgressSnapshot::getEventCount).sum();
    }

    private ProgressEvent report(List<Target> counted, int i) {
        Target t = counted.get(i % counted.size());
        // spread over the year, in order; whole numbers so sums are exact
        Instant when = LocalDate.of(2020, 1, 2).atStartOfDay(ZoneOffset.ofHours(8)).toInstant()
                .plusSeconds((long) i * 330 * 86_400 / TOTAL);
        return ProgressEvent.newBuilder()
                .setEventId(prefix + "-" + i).setTargetId(t.getId()).setDepartmentId(t.getDepartmentId())
                .setReporter("eos-test").setKind(UpdateKind.INCREMENT).setValue((double) (1 + i % 5))
                .setUnit(t.getUnit()).setEventTime(when).setReportedAt(when.plusSeconds(60)).setChannel("DEMO")
                .build();
    }

    private void send(KafkaProducer<String, Object> producer, ProgressEvent e, List<ProgressEvent> sent,
                      Map<String, Double> sums, Map<String, Long> counts) {
        producer.send(new ProducerRecord<>(events, e.getTargetId(), e));
        sent.add(e);
        sums.merge(e.getTargetId(), e.getValue(), Double::sum);
        counts.merge(e.getTargetId(), 1L, Long::sum);
    }

    private List<String> appArgs(Path stateDir) {
        List<String> args = new ArrayList<>(cluster.securityArgs("--streams-config"));
        args.addAll(cluster.registryArgs());
        args.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-auto-register", // no deploy step for the test's own topics
                "--application-id", prefix + "-app",
                "--state-dir", stateDir.toString(),
                "--targets-topic", targets, "--events-topic", events, "--progress-topic", progress,
                "--alerts-topic", alerts, "--dead-letter-topic", deadLetters,
                "--replication-factor", "1",
                // static membership: the restarted instance takes the killed one's place without waiting for its
                // session to time out
                "--instance-id", prefix + "-instance",
                "--session-timeout", "10s"));
        return args;
    }

    private KafkaProducer<String, Object> producer() {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class);
        return new KafkaProducer<>(config);
    }

    /** Reads target-progress as committed (read_committed) and keeps each target's latest snapshot. */
    private void startReader() {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        SpecificAvroDeserializer<ProgressSnapshot> values = new SpecificAvroDeserializer<>(ProgressSnapshot.class);
        values.configure(config, false);
        KafkaConsumer<String, ProgressSnapshot> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        consumer.subscribe(List.of(progress));
        reader = new Thread(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, ProgressSnapshot> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.value() != null) {
                            latest.put(r.key(), r.value());
                        }
                    }
                }
            }
        }, "snapshot-reader");
        reader.start();
    }

    private long recordsIn(String topic) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
