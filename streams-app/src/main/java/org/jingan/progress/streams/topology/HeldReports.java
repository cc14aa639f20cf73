package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.ProgressEvent;

/**
 * Reports for a target the task does not know (yet), held in the held-reports store (so a crash loses nothing) for
 * {@code unknownTargetGrace} of wall-clock time: when the target arrives they are counted as if they had come after
 * it ({@link #release}); when the grace runs out they go to the dead-letter topic as UNKNOWN_TARGET. So a report
 * that overtakes its target (the inputs are not read in lock step) or comes just before a catalog revision is not
 * lost. The grace is wall-clock time on purpose: it is about delivery, not about the district's calendar.
 */
final class HeldReports {
    /** How often held reports are checked for an expired grace (or the grace, if shorter). */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    /**
     * A held report, since when (wall clock; the grace restarts after a restart) and where it came from (in memory
     * only: unknown, {@code topic} null, after a restart).
     */
    private record Held(ProgressEvent event, long since, String topic, int partition, long offset) {
    }

    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, ProgressEvent> store;
    private final ProgressTopologyConfig config;
    private final RejectionCounters counters;
    /** Whether the task knows a target now. */
    private final Predicate<String> known;
    /** Counts a released report (or throws the rejection). */
    private final BiConsumer<String, ProgressEvent> count;
    /** target id -> held-store key -> report (mirrors the store). */
    private final Map<String, Map<String, Held>> held = new HashMap<>();
    /** The check, scheduled only while reports are held. */
    private Cancellable checks;
    /** How many reports this task holds, as last added to the gauge. */
    private int heldCount;

    HeldReports(ProcessorContext<String, Object> context, KeyValueStore<String, ProgressEvent> store,
                ProgressTopologyConfig config, RejectionCounters counters, Predicate<String> known,
                BiConsumer<String, ProgressEvent> count) {
        this.known = known;
        this.count = count;
        this.context = context;
        this.store = store;
        this.config = config;
        this.counters = counters;
    }

    /** Mirrors the store; the processor may be re-initialized after a failure, so start clean. */
    void load() {
        held.clear();
        long wall = context.currentSystemTimeMs();
        try (KeyValueIterator<String, ProgressEvent> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, ProgressEvent> kv = it.next();
                held.computeIfAbsent(kv.value.getTargetId(), k -> new LinkedHashMap<>())
                        .put(kv.key, new Held(kv.value, wall, null, -1, -1));
            }
        }
        changed();
    }

    /** Holds a report for an unknown target; the same report again is a redelivery, counted as a duplicate. */
    void hold(String key, ProgressEvent event) {
        String heldKey = ProgressStores.heldReportKey(key, event.getEventId());
        Map<String, Held> forTarget = held.get(key);
        Held prior = forTarget == null ? null : forTarget.get(heldKey);
        if (prior != null) {
            if (prior.event().equals(event)) {
                counters.duplicate();
                return;
            }
            throw ProgressProcessor.eventIdReused(event.getEventId(), key);
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        held.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(heldKey, new Held(event,
                context.currentSystemTimeMs(), source == null ? null : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset()));
        store.put(heldKey, event);
        changed();
    }

    /**
     * The target arrived: its held reports are counted now, in the order they came (or refused,
     * with the reason).
     */
    void release(String key) {
        Map<String, Held> waiting = held.remove(key);
        if (waiting == null) {
            return;
        }
        for (Map.Entry<String, Held> e : waiting.entrySet()) {
            store.delete(e.getKey());
            try {
                count.accept(key, e.getValue().event());
            } catch (RejectedRecordException refused) {
                refuse(e.getValue(), refused);
            }
        }
        changed();
    }

    /** Wall-clock check: reports whose grace ran out are dead-lettered; those whose target came are counted. */
    private void check(long wall) {
        long grace = config.unknownTargetGrace().toMillis();
        List<String> arrived = new ArrayList<>();
        Iterator<Map.Entry<String, Map<String, Held>>> targets = held.entrySet().iterator();
        while (targets.hasNext()) {
            Map.Entry<String, Map<String, Held>> target = targets.next();
            if (known.test(target.getKey())) {
                arrived.add(target.getKey()); // e.g. held across a restart
                continue;
            }
            Iterator<Map.Entry<String, Held>> reports = target.getValue().entrySet().iterator();
            while (reports.hasNext()) {
                Map.Entry<String, Held> report = reports.next();
                if (wall - report.getValue().since() >= grace) {
                    reports.remove();
                    store.delete(report.getKey());
                    refuse(report.getValue(), ProgressProcessor.unknownTarget(config, target.getKey(),
                            " (the report was held " + config.unknownTargetGrace() + " for it)"));
                }
            }
            if (target.getValue().isEmpty()) {
                targets.remove();
            }
        }
        arrived.forEach(id -> release(id));
        changed();
    }

    /** A held report refused: to the dead-letter topic with the reason, counted as the error handlers count. */
    private void refuse(Held report, RejectedRecordException refused) {
        counters.rejected(refused.reason());
        Headers headers = DeadLetters.headers(refused, report.topic(), report.partition(), report.offset());
        context.forward(new Record<>(report.event().getTargetId(), new RefusedReport(report.event()),
                context.currentSystemTimeMs(), headers));
    }

    /**
     * Keeps the held-reports gauge and the check in step with {@link #held}. The check is scheduled only while
     * reports are held: Kafka Streams halves a task's processing batch after every punctuation that runs, so an
     * idle one is not free.
     */
    private void changed() {
        int now = 0;
        for (Map<String, Held> forTarget : held.values()) {
            now += forTarget.size();
        }
        counters.heldChanged(now - heldCount);
        heldCount = now;
        if (held.isEmpty() && checks != null) {
            checks.cancel();
            checks = null;
        } else if (!held.isEmpty() && checks == null) {
            Duration every = config.unknownTargetGrace().compareTo(CHECK_INTERVAL) < 0
                    ? config.unknownTargetGrace() : CHECK_INTERVAL;
            checks = context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::check);
        }
    }

    /** The task leaves this instance (a rebalance, a shutdown): its held reports leave the gauge with it. */
    void close() {
        counters.heldChanged(-heldCount);
        heldCount = 0;
    }
}
