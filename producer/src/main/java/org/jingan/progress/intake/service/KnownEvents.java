package org.jingan.progress.intake.service;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.intake.delivery.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's memory of the events stored on progress-events: for every event id within the dedup horizon, what the
 * report said (as the streams app compares it, {@link ReportContent}), where it is stored, and whether a correction
 * retracts it. With it the intake settles, before it answers 202, what the streams app will settle the same way: is
 * an id new, a retry of a stored report, or reused for another report ({@link #claim}); and may a CORRECTION retract
 * the event it names ({@link #reserveRetraction}).
 *
 * <p>Fed from two sides: the intake's own sends (claimed before sending, completed by the acknowledgement) and the
 * topic itself ({@link #learn}, from an {@code EventLogFollower} that reads it from the beginning), which rebuilds
 * the memory after a restart and brings in what other intake instances stored. Until {@link #markRebuilt} the intake
 * stores nothing (503), so no 202 is given from a half-read memory.
 *
 * <p>Bounded twice: by the horizon ({@link DedupHorizon}: the reports of a target's year and two months after it,
 * by the district clock; expired ids are dropped when met and swept at most once a district day), and by
 * {@code capacity} ids. Beyond the capacity the earliest arrivals are forgotten (counted and logged); until those
 * would have expired anyway, a correction naming an id not found here is let through, since the memory can no longer
 * say it is unknown.
 */
public final class KnownEvents {
    private static final Logger log = LoggerFactory.getLogger(KnownEvents.class);
    private static final long SWEEP_EVERY_MS = 86_400_000L;

    /** What the intake must do with an event id. */
    sealed interface Claim permits Fresh, Known, Conflict {
    }

    /** New id: send the event, then complete (or fail) the promise. */
    record Fresh(CompletableFuture<AcceptedEvent> promise) implements Claim {
    }

    /** The same report was stored or is being sent: answer with its outcome, send nothing. */
    record Known(CompletableFuture<AcceptedEvent> promise) implements Claim {
    }

    /** The id is taken by a different report. */
    record Conflict() implements Claim {
    }

    /** Why the streams app would refuse a CORRECTION (UNKNOWN_CORRECTED_EVENT). */
    enum CorrectionProblem {
        /** No stored event has that id (or it is beyond the horizon). */
        UNKNOWN,
        /** The named event is a report on another target. */
        OTHER_TARGET,
        /** The named event is itself a correction. */
        A_CORRECTION,
        /** Another correction already retracts the named event. */
        ALREADY_RETRACTED
    }

    /**
     * One remembered event id. Where it is stored is kept as three numbers, not as an answer object: about 260 bytes
     * an id in all (measured with UUID ids, map included), so 500,000 ids take about 130 MB.
     */
    private static final class Entry {
        final ReportContent content;
        /** District-clock time after which the id may be forgotten. */
        final long forgetAt;
        /** The intake's own send, until it is acknowledged or read back; then null and the placement is set. */
        CompletableFuture<AcceptedEvent> pending;
        int partition;
        long offset;
        long storedAt;
        /** The correction that retracts this event (accepted, or being sent), or null. */
        String retractedBy;

        Entry(ReportContent content, long forgetAt) {
            this.content = content;
            this.forgetAt = forgetAt;
        }

        static Entry pending(ReportContent content, long forgetAt, CompletableFuture<AcceptedEvent> promise) {
            Entry entry = new Entry(content, forgetAt);
            entry.pending = promise;
            return entry;
        }

        void storedAt(int partition, long offset, long storedAt) {
            this.partition = partition;
            this.offset = offset;
            this.storedAt = storedAt;
        }

        /** The outcome of the intake's own send while it is pending, else where the event is stored. */
        CompletableFuture<AcceptedEvent> outcome(String eventId) {
            return pending != null ? pending : CompletableFuture.completedFuture(new AcceptedEvent(null, null, eventId,
                    content.targetId(), partition, offset, Instant.ofEpochMilli(storedAt)));
        }
    }

    private final DistrictClock clock;
    private final DedupHorizon horizon;
    private final int capacity;
    /** In arrival order: the earliest arrivals are the first to go when the capacity is reached. */
    private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>();
    private long nextExpiry = Long.MAX_VALUE;
    private long lastSweep = Long.MIN_VALUE / 2;
    /** Until then some id within the horizon may have been forgotten for room: "unknown" is not certain. */
    private long incompleteUntil = Long.MIN_VALUE;
    private long evicted;
    private volatile boolean rebuilt;

    /**
     * @param clock    the district clock, by which ids expire
     * @param capacity the most ids kept (see the class comment for what happens beyond)
     */
    public KnownEvents(DistrictClock clock, DedupHorizon horizon, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the memory of event ids needs room for at least one, not " + capacity);
        }
        this.clock = clock;
        this.horizon = horizon;
        this.capacity = capacity;
    }

    /** Claims {@code event}'s id for it: a fresh claim must be sent, then completed or {@link #release released}. */
    synchronized Claim claim(ProgressEvent event) {
        long now = now();
        ReportContent content = ReportContent.of(event);
        Entry known = live(event.getEventId(), now);
        if (known == null) {
            var promise = new CompletableFuture<AcceptedEvent>();
            remember(event.getEventId(), Entry.pending(content, horizon.forgetAt(event), promise));
            // once acknowledged, only the placement is kept
            promise.thenAccept(where -> settled(event.getEventId(), promise, where));
            return new Fresh(promise);
        }
        return known.content.equals(content) ? new Known(known.outcome(event.getEventId())) : new Conflict();
    }

    /**
     * Null when the CORRECTION {@code correction} (freshly claimed) may retract the event it names, which is then
     * marked as retracted by it (so a second correction of it is refused, as the streams app would); else why not.
     */
    synchronized CorrectionProblem reserveRetraction(ProgressEvent correction) {
        ReportContent content = ReportContent.of(correction);
        CorrectionProblem problem = problemWith(content, correction.getEventId(), now());
        if (problem == null) {
            markRetracted(content.correctsEventId(), correction.getEventId());
        }
        return problem;
    }

    /**
     * Forgets a claim that was not stored (its request was refused, or the broker did not acknowledge it), so a retry
     * sends it again, and undoes the retraction it reserved. A claim already read back from the topic stays, and so
     * does a newer claim of the same id.
     */
    synchronized void release(String eventId, CompletableFuture<AcceptedEvent> promise) {
        Entry entry = byId.get(eventId);
        if (entry == null || entry.pending != promise || stored(promise)) {
            return;
        }
        byId.remove(eventId);
        if (entry.content.isCorrection()) {
            Entry named = byId.get(entry.content.correctsEventId());
            if (named != null && eventId.equals(named.retractedBy)) {
                named.retractedBy = null;
            }
        }
    }

    /**
     * An event read back from the topic: remembered as the streams app will take it. A new id is remembered (a
     * CORRECTION only if the streams app can count it, and it retracts the event it names); the intake's own event
     * read back before its acknowledgement completes its claim; a different report under a known id is one the
     * streams app dead-letters as EVENT_ID_REUSED, and is not remembered.
     */
    public synchronized void learn(StoredEvent stored) {
        ProgressEvent event = stored.event();
        long now = now();
        long forgetAt = horizon.forgetAt(event);
        if (now > forgetAt) {
            return;
        }
        String id = event.getEventId();
        ReportContent content = ReportContent.of(event);
        Entry known = live(id, now);
        if (known == null) {
            if (content.isCorrection()) {
                if (problemWith(content, id, now) != null) {
                    return; // dead-lettered as UNKNOWN_CORRECTED_EVENT: it retracts nothing and is not remembered
                }
                markRetracted(content.correctsEventId(), id);
            }
            Entry entry = new Entry(content, forgetAt);
            entry.storedAt(stored.where().partition(), stored.where().offset(), stored.where().timestamp().toEpochMilli());
            remember(id, entry);
        } else if (known.content.equals(content)) {
            if (known.pending != null) { // the intake's own send, read back before its acknowledgement
                known.pending.complete(new AcceptedEvent(null, null, id, event.getTargetId(), stored.where().partition(),
                        stored.where().offset(), stored.where().timestamp()));
            }
        } else {
            log.warn("event id '{}' is stored again for a different report ({}[{}]@{}); the streams app counts the"
                    + " first one and dead-letters this one as EVENT_ID_REUSED", id, stored.where().topic(),
                    stored.where().partition(), stored.where().offset());
        }
    }

    /** The memory holds every event stored before the intake started: it may answer now. */
    public void markRebuilt() {
        rebuilt = true;
    }

    public boolean rebuilt() {
        return rebuilt;
    }

    public synchronized int size() {
        return byId.size();
    }

    /** How many ids were forgotten for room before their horizon. */
    public synchronized long evicted() {
        return evicted;
    }

    /** The intake's own send was acknowledged (or read back): keep where it is, drop the promise. */
    private synchronized void settled(String eventId, CompletableFuture<AcceptedEvent> promise, AcceptedEvent where) {
        Entry entry = byId.get(eventId);
        if (entry != null && entry.pending == promise) {
            entry.storedAt(where.partition(), where.offset(), where.acceptedAt().toEpochMilli());
            entry.pending = null;
        }
    }

    private CorrectionProblem problemWith(ReportContent correction, String correctionId, long now) {
        Entry named = live(correction.correctsEventId(), now);
        if (named == null) {
            return now > incompleteUntil ? CorrectionProblem.UNKNOWN : null;
        }
        if (!named.content.targetId().equals(correction.targetId())) {
            return CorrectionProblem.OTHER_TARGET;
        }
        if (named.content.isCorrection()) {
            return CorrectionProblem.A_CORRECTION;
        }
        if (named.retractedBy != null && !named.retractedBy.equals(correctionId)) {
            return CorrectionProblem.ALREADY_RETRACTED;
        }
        return null;
    }

    private void markRetracted(String eventId, String correctionId) {
        Entry named = byId.get(eventId);
        if (named != null) {
            named.retractedBy = correctionId;
        }
    }

    /** The entry of {@code eventId} unless it is beyond the horizon (then it is dropped). */
    private Entry live(String eventId, long now) {
        Entry entry = byId.get(eventId);
        if (entry != null && now > entry.forgetAt) {
            byId.remove(eventId);
            return null;
        }
        return entry;
    }

    private void remember(String eventId, Entry entry) {
        sweepIfDue(now());
        byId.put(eventId, entry);
        nextExpiry = Math.min(nextExpiry, entry.forgetAt);
        if (byId.size() > capacity) {
            Iterator<Map.Entry<String, Entry>> eldest = byId.entrySet().iterator();
            Entry dropped = eldest.next().getValue();
            eldest.remove();
            incompleteUntil = Math.max(incompleteUntil, dropped.forgetAt);
            if (evicted++ % 10_000 == 0) {
                log.warn("the memory of event ids is full ({} ids, INTAKE_RECENT_EVENTS): the earliest are forgotten"
                        + " before their horizon ({} so far); a reuse of one is no longer refused here", capacity, evicted);
            }
        }
    }

    /** Drops the expired ids, at most once a district day and only when one can have expired. */
    private void sweepIfDue(long now) {
        if (now <= nextExpiry || now - lastSweep < SWEEP_EVERY_MS) {
            return;
        }
        lastSweep = now;
        long next = Long.MAX_VALUE;
        for (Iterator<Entry> it = byId.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (now > entry.forgetAt) {
                it.remove();
            } else {
                next = Math.min(next, entry.forgetAt);
            }
        }
        nextExpiry = next;
    }

    private static boolean stored(CompletableFuture<AcceptedEvent> promise) {
        return promise.isDone() && !promise.isCompletedExceptionally();
    }

    private long now() {
        return clock.millis();
    }
}
