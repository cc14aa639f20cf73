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
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
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
 * configures them. Unless the config says otherwise it runs on the simulated district clock, standing at 2020-01-01
 * until moved: {@link #clock(Instant)} moves it as the demo or a replay would (a tick on the clock topic), and
 * {@link #report} plays a department sending a report at its {@code reportedAt}: the clock is moved there first (the
 * world's now when it was sent), then the report is piped. {@link #send} pipes a report without touching the clock.
 * Reports are piped with their {@code reportedAt} as record time; after each the wall clock moves on by the publish
 * interval, so the wall-clock publishing runs as in production.
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

    public static final Instant CLOCK_START = Instant.parse("2020-01-01T00:00:00+08:00");

    private final TestInputTopic<String, ClockTick> clockTicks;
    private final TestInputTopic<String, SupervisionCaseEvent> caseStepsIn;
    private final TestOutputTopic<String, SupervisionCaseEvent> caseSteps;
    private final String registryScope;
    private Instant wall;

    public ProgressDriver() {
        this(simulated().build());
    }

    /** The test default: in-memory stores, the simulated clock at {@link #CLOCK_START}. */
    public static ProgressTopologyConfig.Builder simulated() {
        return ProgressTopologyConfig.builder().inMemoryStores(true).clock(ClockMode.SIMULATED, CLOCK_START)
                .supervisionTopic(Topics.SUPERVISION_CASES.name());
    }

    public ProgressDriver(ProgressTopologyConfig config) {
        this(config, Instant.parse("2020-01-01T00:00:00Z"));
    }

    public ProgressDriver(ProgressTopologyConfig config, Instant wallClockStart) {
        this.config = config;
        this.wall = wallClockStart;
        this.registryScope = "topology-" + UUID.randomUUID();
        Map<String, String> registry = Map.of("schema.registry.url", "mem://" + registryScope);
        this.serdes = ProgressSerdes.create(registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        props.put(RejectionCounters.CONFIG_KEY, counters);
        props.put(DeadLetterDeserializationHandler.BACKOFF_MAX_MS, "0");
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
        this.caseStepsIn = config.supervisionTopic() == null ? null
                : driver.createInputTopic(config.supervisionTopic(), keys, serdes.caseEvents().serializer());
        this.caseSteps = config.supervisionTopic() == null ? null
                : driver.createOutputTopic(config.supervisionTopic(), keyReader, serdes.caseEvents().deserializer());
        this.clockTicks = config.clockMode() == ClockMode.SIMULATED
                ? driver.createInputTopic(config.clockTopic(), keys, serdes.clockTicks().serializer()) : null;
    }

    /**
     * Moves the simulated district clock to {@code now} (a tick, as the demo writes it), then lets the wall clock run
     * one clock check, so every task sees the new day whether or not it gets a record.
     */
    public ProgressDriver clock(Instant now) {
        if (clockTicks == null) {
            throw new IllegalStateException("this driver runs on the wall clock: move it with advanceWallClock");
        }
        clockTicks.pipeInput(Topics.CLOCK_KEY, new ClockTick(now, "test"), now);
        tick(config.clockCheckInterval());
        return this;
    }

    /** Pipes a report as it is: the clock stays where it is. */
    public ProgressDriver send(ProgressEvent event) {
        events.pipeInput(event.getTargetId(), event, event.getReportedAt());
        return afterInput();
    }

    public ProgressDriver target(Target target) {
        return target(target, Instant.parse("2025-06-01T00:00:00Z"));
    }

    /** Publishes a target definition with the given record time (the catalog is published "today"). */
    public ProgressDriver target(Target target, Instant recordTime) {
        targets.pipeInput(target.getId(), target, recordTime);
        return afterInput();
    }

    /** A department sends {@code event} at its {@code reportedAt}: the clock moves there (if later), then the report. */
    public ProgressDriver report(ProgressEvent event) {
        clockAtLeast(event.getReportedAt());
        return send(event);
    }

    /** As {@link #report}, without letting the wall clock run (several such make a burst within one publish interval). */
    public ProgressDriver reportInBurst(ProgressEvent event) {
        clockAtLeast(event.getReportedAt());
        events.pipeInput(event.getTargetId(), event, event.getReportedAt());
        return this;
    }

    private void clockAtLeast(Instant t) {
        if (clockTicks != null) {
            // a tick that is not later is ignored by the topology anyway; no wall-clock time passes here
            clockTicks.pipeInput(Topics.CLOCK_KEY, new ClockTick(t, "test"), t);
        }
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

    /** The wall clock as the topology sees it. */
    public Instant wallClock() {
        return wall;
    }

    private void tick(Duration d) {
        driver.advanceWallClockTime(d);
        wall = wall.plus(d);
    }

    /** Lets the wall clock run (wall-clock punctuations: publishing, held reports, the clock check). */
    public ProgressDriver advanceWallClock(Duration d) {
        tick(d);
        return this;
    }

    private ProgressDriver afterInput() {
        if (!config.publishInterval().isZero()) {
            tick(config.publishInterval());
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

    /** The alerts not read yet, with their record timestamps. */
    public List<TestRecord<String, Alert>> alertRecords() {
        return alerts.readRecordsToList();
    }

    /** A step from outside the topology (an answer through the intake, an operator's review) on supervision-cases. */
    public ProgressDriver caseStep(SupervisionCaseEvent step) {
        caseStepsIn.pipeInput(step.getTargetId(), step, step.getWallTime());
        return afterInput();
    }

    /** The steps the topology wrote to supervision-cases, not read yet. */
    public List<SupervisionCaseEvent> caseSteps() {
        return caseSteps.readValuesToList();
    }

    /** The target's current supervision case, or null. */
    public SupervisionCaseState currentCase(String targetId) {
        KeyValueStore<String, SupervisionCaseState> store = driver.getKeyValueStore(ProgressStores.SUPERVISION_CASES);
        return store.get(targetId);
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

    /** The in-JVM registry the topology reads and writes with (scope {@code mem://topology-<uuid>}). */
    public org.jingan.progress.registry.InMemorySchemaRegistryClient registry() {
        return org.jingan.progress.registry.InMemorySchemaRegistryClient.forScope(registryScope);
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
