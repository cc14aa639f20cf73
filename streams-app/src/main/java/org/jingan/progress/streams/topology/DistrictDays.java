package org.jingan.progress.streams.topology;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.rules.Calendar;
import org.jingan.progress.streams.rules.Evaluation;
import org.jingan.progress.streams.rules.Ledger;
import org.jingan.progress.streams.rules.StatusRules;
import org.jingan.progress.streams.topology.TrackedTargets.Tracked;

/**
 * The district's days as this task has closed them, by the district clock: the day a standing is evaluated as of
 * ({@link #asOf()}: the start of the clock's date, so every task and every target is judged at the same moment on a
 * given date), and the target-history store, which gets each target's standing at the end of every day that ends.
 */
final class DistrictDays {
    static final String LAST_DAY = "lastDay";
    /** A clock that jumps further writes no history for the days before (a target's history is one year). */
    static final int MAX_HISTORY_DAYS = 400;

    private final KeyValueStore<String, Long> meta;
    private final KeyValueStore<String, HistoryPoint> history;
    private final ProgressTopologyConfig config;
    private final ZoneId zone;
    private LocalDate today;
    /** Start of the day after {@link #today}: a clock at or past it closes the day. */
    private long nextDayStart = Long.MIN_VALUE;

    DistrictDays(KeyValueStore<String, Long> meta, KeyValueStore<String, HistoryPoint> history,
                 ProgressTopologyConfig config) {
        this.meta = meta;
        this.history = history;
        this.config = config;
        this.zone = config.rules().zone();
    }

    /** Reads the last day closed; a task that never closed one starts at the clock's date. */
    void load(long now) {
        Long lastDay = meta.get(LAST_DAY);
        if (lastDay == null) {
            startAt(Calendar.dateOf(now, zone));
        } else {
            today = LocalDate.ofEpochDay(lastDay);
            nextDayStart = Calendar.endOfDay(today, zone);
        }
    }

    private void startAt(LocalDate day) {
        today = day;
        nextDayStart = Calendar.endOfDay(day, zone);
        meta.put(LAST_DAY, day.toEpochDay());
    }

    /** Whether the clock at {@code now} has left the current day. */
    boolean ended(long now) {
        return now >= nextDayStart;
    }

    /** The moment standings are evaluated as of: the start of the current day. */
    long asOf() {
        return Calendar.startOfDay(today, zone);
    }

    /**
     * Moves to the clock's date at {@code now}: writes every target's history point for each day that ended (at the
     * end of that day), then makes the new date current. Returns false if the day had not ended.
     */
    boolean advance(long now, Iterable<Tracked> targets) {
        if (!ended(now)) {
            return false;
        }
        LocalDate newDay = Calendar.dateOf(now, zone);
        LocalDate first = today.plusDays(Math.max(0, today.until(newDay, ChronoUnit.DAYS) - MAX_HISTORY_DAYS));
        for (LocalDate ended = first; ended.isBefore(newDay); ended = ended.plusDays(1)) {
            if (config.historyBucket() == ProgressTopologyConfig.HistoryBucket.DAY
                    || ended.getMonthValue() != ended.plusDays(1).getMonthValue()) {
                long endOfEnded = Calendar.endOfDay(ended, zone);
                for (Tracked t : targets) {
                    if (endOfEnded > t.terms.plan().start()) {
                        record(t, bucketOf(ended), evaluateAt(t, endOfEnded));
                    }
                }
            }
        }
        startAt(newDay);
        return true;
    }

    /** Records a target's standing in the history bucket of the current day (a revision shows from that bucket on). */
    void recordToday(Tracked t, Evaluation ev) {
        record(t, bucketOf(today), ev);
    }

    private void record(Tracked t, String bucket, Evaluation ev) {
        history.put(ProgressStores.historyKey(t.id(), bucket), Publications.historyPoint(t.target, t.terms,
                t.terms.targetValue(), bucket, Ledger.progress(t.state), ev));
    }

    private Evaluation evaluateAt(Tracked t, long at) {
        return StatusRules.evaluate(t.terms, Ledger.progress(t.state), t.lastPublished(), at, config.rules());
    }

    private String bucketOf(LocalDate date) {
        return config.historyBucket() == ProgressTopologyConfig.HistoryBucket.DAY ? date.toString()
                : date.toString().substring(0, 7);
    }
}
