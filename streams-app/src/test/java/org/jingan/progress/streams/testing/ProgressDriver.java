package org.jingan.progress.streams.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.streams.topology.DeadLetterDeserializationHandler;
import org.jingan.progress.streams.topology.DeadLetterProcessingHandler;
import org.jingan.progress.streams.topology.ProgressSerdes;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.jingan.progress.streams.topology.RejectionCounters;

/**
 * The topology in a TopologyTestDriver, with the in-JVM registry, the dead-letter handlers and topics as the app
 * configures them. Reports are piped with their event time as timestamp; after each the wall clock moves on by the
 * publish interval, so the wall-clock publishing runs as in production.
 */
public final class ProgressDriver implements AutoCloseable {
    public static final String DEAD_LETTERS = "progress-dead-letters";

    private final ProgressTopologyConfig config;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Target> targets;
    private final TestInputTopic<String, ProgressEvent> events;
    private final TestInputTopic<String, byte[]> rawEvents;
    private final TestOutputTopic<String, ProgressSnapshot> progress;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final RejectionCounters counters = new RejectionCounters();
    private final ProgressSerdes serdes;

    public ProgressDriver() {
        this(ProgressTopologyConfig.builder().inMemoryStores(true).build());
    }

    public ProgressDriver(ProgressTopologyConfig config) {
        this(config, Instant.parse("2020-01-01T00:00:00Z"));
    }

    public ProgressDriver(ProgressTopologyConfig config, Instant wallClockStart) {
        this.config = config;
        Map<String, String> registry = Map.of("schema.registry.url", "mem://topology-" + UUID.randomUUID());
        this.serdes = ProgressSerdes.create(registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        props.put(RejectionCounters.CONFIG_KEY, counters);
        props.put("processing.exception.handler.global.enabled", "true");
        props.putAll(registry);
        this.driver = new TopologyTestDriver(ProgressTopology.build(config, registry), props, wallClockStart);
        StringSerializer keys = new StringSerializer();
        this.targets = driver.createInputTopic(config.targetsTopic(), keys, serdes.targets().serializer());
        this.events = driver.createInputTopic(config.eventsTopic(), keys, serdes.events().serializer());
        this.rawEvents = driver.createInputTopic(config.eventsTopic(), keys,
                new org.apache.kafka.common.serialization.ByteArraySerializer());
        StringDeserializer keyReader = new StringDeserializer();
        this.progress = driver.createOutputTopic(config.progressTopic(), keyReader, serdes.snapshots().deserializer());
        this.alerts = driver.createOutputTopic(config.alertsTopic(), keyReader, serdes.alerts().deserializer());
        this.deadLetters = driver.createOutputTopic(DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public ProgressDriver target(Target target) {
        return target(target, Instant.parse("2025-06-01T00:00:00Z"));
    }

    /** Publishes a target definition with the given record time (the catalog is published "today"). */
    public ProgressDriver target(Target target, Instant recordTime) {
        targets.pipeInput(target.getId(), target, recordTime);
        return afterInput();
    }

    public ProgressDriver report(ProgressEvent event) {
        events.pipeInput(event.getTargetId(), event, event.getReportedAt());
        return afterInput();
    }

    /** Pipes a report without letting the wall clock run (several such make a burst within one publish interval). */
    public ProgressDriver reportInBurst(ProgressEvent event) {
        events.pipeInput(event.getTargetId(), event, event.getReportedAt());
        return this;
    }

    public ProgressDriver reports(ProgressEvent... all) {
        for (ProgressEvent e : all) {
            report(e);
        }
        return this;
    }

    public ProgressDriver rawEvent(String key, byte[] value, Instant recordTime) {
        rawEvents.pipeInput(key, value, recordTime);
        return afterInput();
    }

    public ProgressDriver tombstoneTarget(String id) {
        targets.pipeInput(new TestRecord<>(id, null, Instant.parse("2025-06-01T00:00:00Z")));
        return afterInput();
    }

    /** Lets the wall clock run (wall-clock punctuations: publishing, and live-mode ticks). */
    public ProgressDriver advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
        return this;
    }

    private ProgressDriver afterInput() {
        if (!config.publishInterval().isZero()) {
            driver.advanceWallClockTime(config.publishInterval());
        }
        return this;
    }

    public List<ProgressSnapshot> snapshots() {
        return progress.readValuesToList();
    }

    public List<KeyValue<String, ProgressSnapshot>> snapshotRecords() {
        return progress.readKeyValuesToList();
    }

    /** The last snapshot published for {@code targetId} among those not read yet (the others are consumed too). */
    public ProgressSnapshot lastSnapshot(String targetId) {
        ProgressSnapshot last = null;
        for (KeyValue<String, ProgressSnapshot> kv : progress.readKeyValuesToList()) {
            if (kv.key.equals(targetId)) {
                last = kv.value;
            }
        }
        return last;
    }

    public List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    public ProgressSnapshot standing(String targetId) {
        KeyValueStore<String, ProgressSnapshot> store = driver.getKeyValueStore(ProgressStores.TARGET_STANDING);
        return store.get(targetId);
    }

    public <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    public <V> List<KeyValue<String, V>> all(String storeName) {
        KeyValueStore<String, V> store = driver.getKeyValueStore(storeName);
        List<KeyValue<String, V>> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    public RejectionCounters counters() {
        return counters;
    }

    public ProgressSerdes serdes() {
        return serdes;
    }

    @Override
    public void close() {
        driver.close();
    }
}
