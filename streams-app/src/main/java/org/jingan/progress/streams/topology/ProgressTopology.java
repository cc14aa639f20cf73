package org.jingan.progress.streams.topology;

import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.SimulatedClock;

/**
 * The progress topology, a pure function of its configuration: targets and progress events (co-partitioned by
 * target id; a record a client placed on another partition than its key's is re-routed by key, see {@link Placement})
 * into one stateful processor ({@link ProgressProcessor}); its snapshots go to the
 * compacted target-progress topic and its alerts to progress-alerts; the reports it gives up on after holding them
 * (their target never came) go to the dead-letter topic, where the error handlers put what they refuse. Stores are
 * named in {@link ProgressStores}.
 *
 * <pre>
 *   targets ──────────┐                              ┌─ alerts ─────────> progress-alerts
 *                     ├─ merge ─ progress processor ─┼─ refused reports ─> progress-dead-letters
 *   progress-events ──┘   (9 stores)  ▲              └─ snapshots ──────> target-progress
 *     (each input: a record off its key's partition ─> *-rerouted-repartition ─> back, by key)
 *                                     │ now
 *   district-clock ── global store ───┘  (simulated clock only; live, now is the wall clock)
 *
 *   snapshots, alerts ─┐
 *                      ├─ supervision processor (2 stores) ──> supervision-cases (its own steps)
 *   supervision-cases ─┘   (answers, reviews)
 * </pre>
 */
public final class ProgressTopology {
    static final String PROCESSOR = "progress-processor";
    /** The inputs' re-routings, named as their repartition topics: {@code <application.id>-<name>-repartition}. */
    public static final String REROUTED_TARGETS = "targets-rerouted";
    public static final String REROUTED_EVENTS = "progress-events-rerouted";
    static final String SUPERVISION_PROCESSOR = "supervision-processor";

    private ProgressTopology() {
    }

    /** Builds the topology with serdes for the registry in {@code registryConfig} ({@code schema.registry.url}, ...). */
    public static Topology build(ProgressTopologyConfig config, Map<String, ?> registryConfig) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, config, ProgressSerdes.create(registryConfig));
        return builder.build();
    }

    /** Adds the topology to {@code builder}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void build(StreamsBuilder builder, ProgressTopologyConfig config, ProgressSerdes serdes) {
        Serde<String> keys = serdes.keys();
        addStores(builder, config, serdes);

        SimulatedClock clock = addClock(builder, config, serdes);

        // records keep their own timestamps (when they were written): a report's event time is a field, never time
        KStream<String, Target> targets = Placement.placed(builder.stream(config.targetsTopic(),
                Consumed.with(keys, serdes.targets()).withName("targets-source")),
                REROUTED_TARGETS, config.inputPartitions(), keys, serdes.targets());
        KStream<String, ProgressEvent> events = Placement.placed(builder.stream(config.eventsTopic(),
                Consumed.with(keys, serdes.events()).withName("progress-events-source")),
                REROUTED_EVENTS, config.inputPartitions(), keys, serdes.events());

        // one processor sees both inputs (the value type tells them apart); the casts only widen the value type
        KStream<String, Object> inputs = ((KStream) targets).merge((KStream) events, Named.as("targets-and-events"));
        KStream<String, Object> outputs = inputs.process(() -> new ProgressProcessor(config, clock), Named.as(PROCESSOR),
                ProgressStores.TARGET_DEFINITIONS, ProgressStores.TARGET_STATE, ProgressStores.TARGET_STANDING,
                ProgressStores.SEEN_EVENTS, ProgressStores.TARGET_HISTORY, ProgressStores.ROLLUPS,
                ProgressStores.FIRING_ALERTS, ProgressStores.META, ProgressStores.HELD_REPORTS);

        outputs.split(Named.as("outputs-"))
                .branch((key, value) -> value instanceof Alert, Branched.<String, Object>withConsumer(alerts ->
                        ((KStream<String, Alert>) (KStream) alerts).to(config.alertsTopic(),
                                Produced.with(keys, serdes.alerts()).withName("alerts-sink"))).withName("alerts"))
                .branch((key, value) -> value instanceof RefusedReport, Branched.<String, Object>withConsumer(refused ->
                        refused.mapValues(value -> ((RefusedReport) value).event(), Named.as("refused-report-event"))
                                .to(config.deadLetterTopic(), Produced.with(keys, serdes.events())
                                        .withName("refused-reports-sink"))).withName("refused-reports"))
                .defaultBranch(Branched.<String, Object>withConsumer(snapshots ->
                        ((KStream<String, ProgressSnapshot>) (KStream) snapshots).to(config.progressTopic(),
                                Produced.with(keys, serdes.snapshots()).withName("snapshots-sink"))).withName("snapshots"));

        if (config.supervisionTopic() != null) {
            addSupervision(builder, config, serdes, clock, outputs);
        }
    }

    /**
     * Supervision cases: the progress processor's output (snapshots and alerts, same task, so no repartition) and the
     * steps on the supervision-cases topic (keyed by target id, co-partitioned) into the {@link SupervisionProcessor},
     * whose own steps go to the same topic.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addSupervision(StreamsBuilder builder, ProgressTopologyConfig config, ProgressSerdes serdes,
                                       SimulatedClock clock, KStream<String, Object> outputs) {
        KStream<String, SupervisionCaseEvent> steps = builder.stream(config.supervisionTopic(),
                Consumed.with(serdes.keys(), serdes.caseEvents()).withName("supervision-cases-source"));
        KStream<String, Object> conditions = outputs.filter((key, value) -> value instanceof ProgressSnapshot
                || value instanceof Alert, Named.as("supervision-conditions"));
        ((KStream<String, Object>) (KStream) steps).merge(conditions, Named.as("steps-and-conditions"))
                .process(() -> new SupervisionProcessor(config, clock), Named.as(SUPERVISION_PROCESSOR),
                        ProgressStores.SUPERVISION_CASES, ProgressStores.SUPERVISION_WATCH)
                .to(config.supervisionTopic(), Produced.with(serdes.keys(), serdes.caseEvents())
                        .withName("supervision-cases-sink"));
    }

    /**
     * On the simulated clock: a global store of the district-clock topic (every instance reads all of it), kept by a
     * {@link ClockTickProcessor} that also moves the returned clock, which all tasks of the instance read. Null on
     * the wall clock.
     */
    private static SimulatedClock addClock(StreamsBuilder builder, ProgressTopologyConfig config, ProgressSerdes serdes) {
        if (config.clockMode() != ClockMode.SIMULATED) {
            return null;
        }
        SimulatedClock clock = new SimulatedClock(config.clockStart());
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProgressStores.DISTRICT_CLOCK),
                        serdes.keys(), serdes.clockTicks()).withLoggingDisabled(), config.clockTopic(),
                Consumed.with(serdes.keys(), serdes.clockTicks()).withName("district-clock-source"),
                () -> new ClockTickProcessor(clock));
        return clock;
    }

    /** Pending writes a store holds before it writes them down early (about a commit interval's reports). */
    static final int MAX_PENDING_WRITES = 50_000;

    private static void addStores(StreamsBuilder builder, ProgressTopologyConfig config, ProgressSerdes serdes) {
        Serde<String> keys = serdes.keys();
        builder.addStateStore(store(config, ProgressStores.TARGET_DEFINITIONS, keys, serdes.targets()));
        builder.addStateStore(store(config, ProgressStores.TARGET_STATE, keys, serdes.states()));
        builder.addStateStore(store(config, ProgressStores.TARGET_STANDING, keys, serdes.snapshots()));
        builder.addStateStore(store(config, ProgressStores.SEEN_EVENTS, keys, serdes.seenEvents()));
        builder.addStateStore(store(config, ProgressStores.TARGET_HISTORY, keys, serdes.history()));
        builder.addStateStore(store(config, ProgressStores.ROLLUPS, keys, serdes.rollups()));
        builder.addStateStore(store(config, ProgressStores.FIRING_ALERTS, keys, serdes.alerts()));
        builder.addStateStore(store(config, ProgressStores.META, keys, Serdes.Long()));
        builder.addStateStore(store(config, ProgressStores.HELD_REPORTS, keys, serdes.events()));
        if (config.supervisionTopic() != null) {
            builder.addStateStore(store(config, ProgressStores.SUPERVISION_CASES, keys, serdes.caseStates()));
            builder.addStateStore(store(config, ProgressStores.SUPERVISION_WATCH, keys, serdes.watches()));
        }
    }

    /**
     * Every store is changelogged and written behind ({@link WriteBehindKeyValueStore}): values are serialized once
     * per key and commit, not on every write, and Kafka's record cache is not used.
     */
    private static <V> StoreBuilder<?> store(ProgressTopologyConfig config, String name, Serde<String> keys,
                                             Serde<V> values) {
        KeyValueBytesStoreSupplier supplier = config.inMemoryStores() ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
        return new WriteBehindStoreBuilder<>(Stores.keyValueStoreBuilder(supplier, keys, values), MAX_PENDING_WRITES);
    }
}
