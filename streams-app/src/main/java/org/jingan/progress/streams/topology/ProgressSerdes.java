package org.jingan.progress.streams.topology;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.avro.Target;
import org.jingan.progress.registry.SpecificAvroSerde;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.avro.RollupPartial;
import org.jingan.progress.streams.avro.SeenEvent;
import org.jingan.progress.streams.avro.SupervisionWatch;
import org.jingan.progress.streams.avro.TargetState;

/**
 * The topology's serdes, configured once from the registry settings ({@code schema.registry.url}, ...) and shared by
 * all tasks: keys are plain Strings, values Avro in the registry wire format (state stores too, so their changelogs
 * can evolve like the topics).
 */
public final class ProgressSerdes {
    private final Serde<String> keys = Serdes.String();
    private final Serde<Target> targets;
    private final Serde<ProgressEvent> events;
    private final Serde<ProgressSnapshot> snapshots;
    private final Serde<Alert> alerts;
    private final Serde<TargetState> states;
    private final Serde<SeenEvent> seenEvents;
    private final Serde<HistoryPoint> history;
    private final Serde<RollupPartial> rollups;
    private final Serde<ClockTick> clockTicks;
    private final Serde<SupervisionCaseEvent> caseEvents;
    private final Serde<SupervisionCaseState> caseStates;
    private final Serde<SupervisionWatch> watches;

    private ProgressSerdes(Map<String, ?> registryConfig) {
        this.targets = serde(Target.class, registryConfig);
        this.events = serde(ProgressEvent.class, registryConfig);
        // a published snapshot goes to the topic at once and to the standing store's changelog at the next commit; it
        // is never changed after it is built, so the second serialization reuses the first encoding
        this.snapshots = configured(SpecificAvroSerde.encodingOnce(ProgressSnapshot.class), registryConfig);
        this.alerts = serde(Alert.class, registryConfig);
        this.states = serde(TargetState.class, registryConfig);
        this.seenEvents = serde(SeenEvent.class, registryConfig);
        this.history = serde(HistoryPoint.class, registryConfig);
        this.rollups = serde(RollupPartial.class, registryConfig);
        this.clockTicks = serde(ClockTick.class, registryConfig);
        this.caseEvents = serde(SupervisionCaseEvent.class, registryConfig);
        this.caseStates = serde(SupervisionCaseState.class, registryConfig);
        this.watches = serde(SupervisionWatch.class, registryConfig);
    }

    /** Serdes for the registry named in {@code registryConfig} (at least {@code schema.registry.url}). */
    public static ProgressSerdes create(Map<String, ?> registryConfig) {
        return new ProgressSerdes(registryConfig);
    }

    private static <T extends SpecificRecord> Serde<T> serde(Class<T> type, Map<String, ?> config) {
        return configured(new SpecificAvroSerde<>(type), config);
    }

    private static <T extends SpecificRecord> Serde<T> configured(SpecificAvroSerde<T> serde, Map<String, ?> config) {
        serde.configure(config, false);
        return serde;
    }

    public Serde<String> keys() {
        return keys;
    }

    public Serde<Target> targets() {
        return targets;
    }

    public Serde<ProgressEvent> events() {
        return events;
    }

    public Serde<ProgressSnapshot> snapshots() {
        return snapshots;
    }

    public Serde<Alert> alerts() {
        return alerts;
    }

    public Serde<TargetState> states() {
        return states;
    }

    public Serde<SeenEvent> seenEvents() {
        return seenEvents;
    }

    public Serde<HistoryPoint> history() {
        return history;
    }

    public Serde<RollupPartial> rollups() {
        return rollups;
    }

    public Serde<ClockTick> clockTicks() {
        return clockTicks;
    }

    public Serde<SupervisionCaseEvent> caseEvents() {
        return caseEvents;
    }

    public Serde<SupervisionCaseState> caseStates() {
        return caseStates;
    }

    public Serde<SupervisionWatch> watches() {
        return watches;
    }
}
