package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jingan.progress.streams.rules.RejectionReason;

/**
 * Counts of dead-lettered records per reason, of redelivered duplicates (counted once, not dead-lettered), and the
 * number of reports held for a target not known yet. One instance per Streams app, handed to the exception handlers
 * and the processor through the Streams config under {@link #CONFIG_KEY}; bind it to a Micrometer registry as
 * {@code progress_dead_letters_total{reason}}, {@code progress_duplicate_events_total} and
 * {@code progress_held_reports}.
 */
public final class RejectionCounters implements MeterBinder {
    /** Streams config key under which the app passes its instance (an object value, not a string). */
    public static final String CONFIG_KEY = "progress.rejection.counters";

    /** Used when no instance was configured (counts are then only visible through this one). */
    private static final RejectionCounters FALLBACK = new RejectionCounters();

    private final Map<RejectionReason, LongAdder> rejected = new EnumMap<>(RejectionReason.class);
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder held = new LongAdder();
    private final LongAdder registryFaults = new LongAdder();
    /** Wall-clock millis of the last registry fault (0: none), its message, and how many came in a row. */
    private volatile long lastRegistryFaultAt;
    private volatile String lastRegistryFault;
    private int registryFaultsInARow;

    public RejectionCounters() {
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    /** The instance configured under {@link #CONFIG_KEY}, or a JVM-wide fallback. */
    public static RejectionCounters from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG_KEY);
        return value instanceof RejectionCounters counters ? counters : FALLBACK;
    }

    public void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    /** The reports held by one task changed by {@code delta} (held, counted, refused, or the task moved). */
    public void heldChanged(long delta) {
        held.add(delta);
    }

    /**
     * A record could not be decoded for a fault of the registry, not of the record (unknown schema id, registry
     * unreachable or refusing): the record is retried. Returns how many such faults came in a row (a fault more than
     * {@code quietAfter} after the previous one starts a new row), for the caller's backoff.
     */
    public synchronized int registryFault(String message, long nowMillis, Duration quietAfter) {
        registryFaults.increment();
        if (lastRegistryFaultAt == 0 || nowMillis - lastRegistryFaultAt > quietAfter.toMillis()) {
            registryFaultsInARow = 0;
        }
        registryFaultsInARow++;
        lastRegistryFaultAt = nowMillis;
        lastRegistryFault = message;
        return registryFaultsInARow;
    }

    /** The last registry fault's message if one came within {@code window} before {@code nowMillis}: not ready then. */
    public Optional<String> registryFaultWithin(Duration window, long nowMillis) {
        long at = lastRegistryFaultAt;
        return at != 0 && nowMillis - at <= window.toMillis() ? Optional.ofNullable(lastRegistryFault) : Optional.empty();
    }

    public long registryFaultCount() {
        return registryFaults.sum();
    }

    public long heldCount() {
        return held.sum();
    }

    public long rejectedCount(RejectionReason reason) {
        return rejected.get(reason).sum();
    }

    public long duplicateCount() {
        return duplicates.sum();
    }

    /** All reasons with their counts (zeros included). */
    public Map<RejectionReason, Long> snapshot() {
        Map<RejectionReason, Long> out = new EnumMap<>(RejectionReason.class);
        rejected.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        rejected.forEach((reason, adder) -> FunctionCounter.builder("progress.dead.letters", adder, LongAdder::doubleValue)
                .description("Records sent to the dead-letter topic instead of being counted, by reason")
                .tag("reason", reason.name())
                .register(registry));
        FunctionCounter.builder("progress.duplicate.events", duplicates, LongAdder::doubleValue)
                .description("Redelivered progress events (same eventId and content) counted once")
                .register(registry);
        FunctionCounter.builder("progress.registry.faults", registryFaults, LongAdder::doubleValue)
                .description("Records not decoded for a fault of the schema registry (unknown schema id, registry"
                        + " unreachable): retried, never dead-lettered")
                .register(registry);
        Gauge.builder("progress.held.reports", held, LongAdder::doubleValue)
                .description("Reports held for a target this instance does not know yet (counted when it arrives,"
                        + " dead-lettered as UNKNOWN_TARGET after the grace)")
                .register(registry);
    }
}
