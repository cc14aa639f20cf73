package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.avro.FiringCondition;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.avro.RollupContribution;
import org.jingan.progress.streams.avro.RollupPartial;
import org.jingan.progress.streams.avro.ScopeChange;
import org.jingan.progress.streams.avro.SeenEvent;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.rules.AlertTransitions;
import org.jingan.progress.streams.rules.Calendar;
import org.jingan.progress.streams.rules.Evaluation;
import org.jingan.progress.streams.rules.Ledger;
import org.jingan.progress.streams.rules.Progress;
import org.jingan.progress.streams.rules.Rejection;
import org.jingan.progress.streams.rules.RejectionReason;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.rules.Rollups;
import org.jingan.progress.streams.rules.StatusRules;
import org.jingan.progress.streams.rules.TargetRules;
import org.jingan.progress.streams.rules.Terms;

/**
 * The one stateful step: targets and progress events of one partition (co-partitioned by target id) in, snapshots
 * and alerts out.
 *
 * <p>Per report it does one dedup write (and a dedup lookup only when the in-memory {@link SeenIdFilter} says the
 * id may have been seen before), and one write of the target's working state; evaluation,
 * snapshot, roll-ups and alerts happen when the target is published: at once for the first fresh report after a
 * quiet spell, then at most once per {@code publishInterval} (wall clock) while reports keep coming, at once for a target
 * revision, and once a day of stream time when the passing time changed the target's standing. While the task works
 * through a backlog (stream time far behind the wall clock) changed targets are published together every
 * {@code backlogPublishInterval} instead. The task's targets are mirrored in memory (loaded from the stores at init),
 * so reads cost no deserialization; every change is put to the changelogged stores, which write it down (serialized
 * once per key) before the commit, in the same transaction, so a crash loses nothing (unpublished targets carry a
 * dirty flag and are published after the restart).
 *
 * <p>A report for a target the task does not know is held (in a store, so a crash loses nothing) for
 * {@code unknownTargetGrace}: when the target's definition arrives the report is counted as if it had come after it;
 * when the grace runs out it goes to the dead-letter topic as UNKNOWN_TARGET. So a report that overtakes its target
 * (the inputs are not read in lock step) or comes just before a catalog revision is not lost.
 */
final class ProgressProcessor implements Processor<String, Object, String, Object> {
    static final String LAST_DAY = "lastDay";
    static final String LAST_PURGE = "lastPurge";
    /** The earliest time an entry of the dedup memory expires (absent: unknown, scan at the next purge). */
    static final String NEXT_PURGE = "nextPurge";
    /** A quiet target is published again once its expected pace moved this much (one percentage point)... */
    static final double REPUBLISH_EXPECTED_STEP = 0.01;
    /** ... or this long after its last publication. */
    static final long REPUBLISH_AFTER_MS = 7 * Calendar.DAY_MS;
    /** How often held reports are checked for an expired grace (or the grace, if shorter). */
    static final Duration HELD_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final ProgressTopologyConfig config;
    private final RuleConfig rules;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Target> definitions;
    private KeyValueStore<String, TargetState> states;
    private KeyValueStore<String, ProgressSnapshot> standing;
    private KeyValueStore<String, SeenEvent> seen;
    private KeyValueStore<String, HistoryPoint> history;
    private KeyValueStore<String, RollupPartial> rollups;
    private KeyValueStore<String, Alert> firingAlerts;
    private KeyValueStore<String, Long> meta;
    private KeyValueStore<String, ProgressEvent> heldReports;
    private RejectionCounters counters;
    private int partition;
    private long wallClock = -1;
    /** Start of the day after the last one handled: a record at or after it first closes the day(s) before. */
    private long nextDayStart = Long.MIN_VALUE;
    /** Timestamp of the record being processed. */
    private long recordTime;
    /** Wall-clock time of the last publication of the dirty targets while in a backlog. */
    private long lastBacklogPublish = Long.MIN_VALUE / 2;
    /** Wall-clock time of the last day close. */
    private long lastDayCloseWallClock = Long.MIN_VALUE / 2;
    /** Mirrors {@link #NEXT_PURGE}. */
    private long nextPurgeAt = Long.MIN_VALUE;
    private final Map<Integer, Long> yearEnds = new HashMap<>();

    private final Map<String, Tracked> tracked = new HashMap<>();
    /** The ids in {@link #seen}, so that a new one needs no store lookup. */
    private final SeenIdFilter seenIds = new SeenIdFilter();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, RollupPartial> partials = new HashMap<>();
    private final Set<String> dirtyPartials = new LinkedHashSet<>();
    /** Reports held for targets not known yet: target id -> held-store key -> report (mirrors the store). */
    private final Map<String, Map<String, Held>> held = new HashMap<>();
    /** The held-report check, scheduled while reports are held. */
    private Cancellable heldChecks;
    /** How many reports this task holds, as last added to the gauge. */
    private int heldCount;

    /**
     * A held report, since when (wall clock; the grace restarts after a restart) and where it came from (in memory
     * only: unknown, {@code topic} null, after a restart).
     */
    private record Held(ProgressEvent event, long since, String topic, int partition, long offset) {
    }

    /** A target of this task: its definition, prepared terms and working state (the same objects as in the stores). */
    private static final class Tracked {
        Target target;
        Terms terms;
        final TargetState state;
        /** Wall-clock time of the last publication (in memory only: it paces publishing, it is not state). */
        long publishedWallClock = Long.MIN_VALUE / 2;

        Tracked(Target target, Terms terms, TargetState state) {
            this.target = target;
            this.terms = terms;
            this.state = state;
        }
    }

    ProgressProcessor(ProgressTopologyConfig config) {
        this.config = config;
        this.rules = config.rules();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.definitions = context.getStateStore(ProgressStores.TARGET_DEFINITIONS);
        this.states = context.getStateStore(ProgressStores.TARGET_STATE);
        this.standing = context.getStateStore(ProgressStores.TARGET_STANDING);
        this.seen = context.getStateStore(ProgressStores.SEEN_EVENTS);
        this.history = context.getStateStore(ProgressStores.TARGET_HISTORY);
        this.rollups = context.getStateStore(ProgressStores.ROLLUPS);
        this.firingAlerts = context.getStateStore(ProgressStores.FIRING_ALERTS);
        this.meta = context.getStateStore(ProgressStores.META);
        this.heldReports = context.getStateStore(ProgressStores.HELD_REPORTS);
        this.counters = RejectionCounters.from(context.appConfigs());
        this.partition = context.taskId().partition();
        load();
        Long lastDay = meta.get(LAST_DAY);
        this.nextDayStart = lastDay == null ? Long.MIN_VALUE
                : Calendar.startOfDay(LocalDate.ofEpochDay(lastDay + 1), rules.zone());
        Long nextPurge = meta.get(NEXT_PURGE);
        this.nextPurgeAt = nextPurge == null ? Long.MIN_VALUE : nextPurge;
        if (!config.publishInterval().isZero()) {
            context.schedule(config.publishInterval(), PunctuationType.WALL_CLOCK_TIME, ts -> {
                wallClock = ts;
                if (!inBacklog() || ts - lastBacklogPublish >= config.backlogPublishInterval().toMillis()) {
                    lastBacklogPublish = ts;
                    publishDirty();
                }
            });
        }
        if (config.liveMode()) {
            context.schedule(config.liveTickInterval(), PunctuationType.WALL_CLOCK_TIME, ts -> {
                wallClock = ts;
                liveTick(now());
            });
        }
    }

    /**
     * Keeps the held-reports gauge and the held-report check in step with {@link #held}. The check is scheduled only
     * while reports are held: Kafka Streams halves a task's processing batch after every punctuation that runs, so an
     * idle one is not free.
     */
    private void heldChanged() {
        int count = 0;
        for (Map<String, Held> forTarget : held.values()) {
            count += forTarget.size();
        }
        counters.heldChanged(count - heldCount);
        heldCount = count;
        if (held.isEmpty() && heldChecks != null) {
            heldChecks.cancel();
            heldChecks = null;
        } else if (!held.isEmpty() && heldChecks == null) {
            Duration every = config.unknownTargetGrace().compareTo(HELD_CHECK_INTERVAL) < 0
                    ? config.unknownTargetGrace() : HELD_CHECK_INTERVAL;
            heldChecks = context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::checkHeld);
        }
    }

    /** Mirrors the task's stores in memory; the processor may be re-initialized after a failure, so start clean. */
    private void load() {
        tracked.clear();
        dirty.clear();
        partials.clear();
        dirtyPartials.clear();
        held.clear();
        try (KeyValueIterator<String, Target> it = definitions.all()) {
            while (it.hasNext()) {
                KeyValue<String, Target> kv = it.next();
                tracked.put(kv.key, new Tracked(kv.value, Terms.of(kv.value, rules), newState(kv.key)));
            }
        }
        try (KeyValueIterator<String, TargetState> it = states.all()) {
            while (it.hasNext()) {
                KeyValue<String, TargetState> kv = it.next();
                Tracked t = tracked.get(kv.key);
                if (t != null) {
                    tracked.put(kv.key, new Tracked(t.target, t.terms, kv.value));
                    if (kv.value.getDirty()) {
                        dirty.add(kv.key);
                    }
                }
            }
        }
        try (KeyValueIterator<String, RollupPartial> it = rollups.all()) {
            while (it.hasNext()) {
                KeyValue<String, RollupPartial> kv = it.next();
                partials.put(kv.key, kv.value);
            }
        }
        seenIds.clear();
        try (KeyValueIterator<String, SeenEvent> it = seen.all()) {
            while (it.hasNext()) {
                seenIds.add(it.next().key);
            }
        }
        long wall = context.currentSystemTimeMs();
        try (KeyValueIterator<String, ProgressEvent> it = heldReports.all()) {
            while (it.hasNext()) {
                KeyValue<String, ProgressEvent> kv = it.next();
                held.computeIfAbsent(kv.value.getTargetId(), k -> new LinkedHashMap<>())
                        .put(kv.key, new Held(kv.value, wall, null, -1, -1));
            }
        }
        heldChanged();
    }

    /** Whether stream time is so far behind the wall clock that the task is working through a backlog. */
    private boolean inBacklog() {
        long lag = config.backlogLag().toMillis();
        return lag > 0 && context.currentStreamTimeMs() < context.currentSystemTimeMs() - lag;
    }

    private long now() {
        long streamTime = context.currentStreamTimeMs();
        return config.liveMode() ? Math.max(streamTime, wallClock) : streamTime;
    }

    @Override
    public void process(Record<String, Object> record) {
        try {
            dispatch(record);
        } catch (RejectedRecordException e) {
            throw e; // refused before anything changed
        } catch (RuntimeException e) {
            // a bug may have left the in-memory mirror half-changed: start again from what the stores hold
            load();
            throw e;
        }
    }

    @Override
    public void close() {
        // the task leaves this instance (a rebalance, a shutdown): its held reports leave the gauge with it
        counters.heldChanged(-heldCount);
        heldCount = 0;
    }

    private void dispatch(Record<String, Object> record) {
        recordTime = record.timestamp();
        if (record.timestamp() >= nextDayStart) {
            newDay(record.timestamp());
        }
        Object value = record.value();
        if (value instanceof ProgressEvent event) {
            onEvent(record.key(), event);
        } else if (value instanceof Target target) {
            onTarget(record.key(), target);
        } else if (value == null) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
            if (topic.equals(config.targetsTopic())) {
                retire(record.key());
            } else {
                throw new RejectedRecordException(RejectionReason.INVALID_EVENT, "A progress event without a value"
                        + " (tombstone) for key '" + record.key() + "': reports cannot be deleted, send a CORRECTION");
            }
        } else {
            throw new IllegalStateException("Unexpected record value type " + value.getClass().getName());
        }
        flushPartials();
    }

    // ---------------------------------------------------------------- progress events

    private void onEvent(String key, ProgressEvent event) {
        if (!event.getTargetId().equals(key)) {
            throw new RejectedRecordException(RejectionReason.INVALID_EVENT, "Record key '" + key
                    + "' differs from the event's targetId '" + event.getTargetId() + "': key events by targetId");
        }
        Tracked t = tracked.get(key);
        if (t == null) {
            if (config.unknownTargetGrace().isZero()) {
                throw unknownTarget(key, "");
            }
            hold(key, event);
            return;
        }
        String eventId = event.getEventId();
        long fingerprint = SeenIdFilter.fingerprint(eventId);
        SeenEvent prior = seenIds.mightContain(fingerprint) ? seen.get(eventId) : null;
        if (prior != null) {
            if (sameReport(prior, event)) {
                counters.duplicate();
                return;
            }
            throw eventIdReused(eventId, prior.getTargetId());
        }
        SeenEvent corrected = null;
        if (event.getKind() == UpdateKind.CORRECTION && event.getCorrectsEventId() != null) {
            corrected = seen.get(event.getCorrectsEventId());
        }
        Rejection rejection = Ledger.check(t.target, t.state, key, event, corrected, t.terms.plan().start(),
                config.maxEventTimeAfterReport().toMillis());
        if (rejection != null) {
            throw new RejectedRecordException(rejection);
        }
        long now = now();
        Ledger.apply(t.state, t.terms, event, corrected, now, config.totalsKept(), rules);
        seen.put(eventId, new SeenEvent(key, event.getKind().name(), event.getValue(), event.getEventTime().toEpochMilli(),
                event.getCorrectsEventId(), t.target.getYear(), now, false));
        seenIds.add(fingerprint);
        noteExpiry(t.target.getYear(), now);
        if (corrected != null) {
            corrected.setRetracted(true);
            seen.put(event.getCorrectsEventId(), corrected);
        }
        t.state.setDirty(true);
        publishOrDefer(t);
    }

    /**
     * Publishes a target at once if it was not published within the last {@code publishInterval} (wall clock) and the
     * report is fresh (its time within that interval of the wall clock), else leaves it to the next publish
     * punctuation: the first live report after a quiet spell shows at once, a burst of reports costs one publication
     * per interval, not one per report, and so does everything a task that fell behind works through.
     */
    private void publishOrDefer(Tracked t) {
        long wall = context.currentSystemTimeMs();
        long interval = config.publishInterval().toMillis();
        // a report that waited longer than the interval (the task is behind) or that is about an earlier time waits
        // for the punctuation too: coalescing is how a busy task catches up
        boolean fresh = wall - recordTime <= interval;
        if (fresh && !inBacklog() && wall - t.publishedWallClock >= interval) {
            publish(t, evaluate(t, now())); // writes the state too
        } else {
            states.put(t.target.getId(), t.state);
            dirty.add(t.target.getId());
        }
    }

    private static RejectedRecordException eventIdReused(String eventId, String targetId) {
        return new RejectedRecordException(RejectionReason.EVENT_ID_REUSED, "Event id '" + eventId
                + "' was already used for a different report on target '" + targetId
                + "': give every report its own eventId");
    }

    private RejectedRecordException unknownTarget(String key, String held) {
        return new RejectedRecordException(RejectionReason.UNKNOWN_TARGET, "No target '" + key + "' is known" + held
                + ": publish it to the " + config.targetsTopic() + " topic first (or fix the targetId)");
    }

    // ---------------------------------------------------------------- reports held for their target

    /** Holds a report for an unknown target; the same report again is a redelivery, counted as a duplicate. */
    private void hold(String key, ProgressEvent event) {
        String heldKey = ProgressStores.heldReportKey(key, event.getEventId());
        Map<String, Held> forTarget = held.get(key);
        Held prior = forTarget == null ? null : forTarget.get(heldKey);
        if (prior != null) {
            if (prior.event().equals(event)) {
                counters.duplicate();
                return;
            }
            throw eventIdReused(event.getEventId(), key);
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        held.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(heldKey, new Held(event,
                context.currentSystemTimeMs(), source == null ? null : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset()));
        heldReports.put(heldKey, event);
        heldChanged();
    }

    /** The target arrived: its held reports are counted now, in the order they came (or refused, with the reason). */
    private void releaseHeld(String key) {
        Map<String, Held> waiting = held.remove(key);
        if (waiting == null) {
            return;
        }
        for (Map.Entry<String, Held> e : waiting.entrySet()) {
            heldReports.delete(e.getKey());
            try {
                onEvent(key, e.getValue().event());
            } catch (RejectedRecordException refused) {
                refuse(e.getValue(), refused);
            }
        }
        heldChanged();
    }

    /** Wall-clock check: held reports whose grace ran out are dead-lettered; those whose target came are counted. */
    private void checkHeld(long wall) {
        if (held.isEmpty()) {
            return;
        }
        long grace = config.unknownTargetGrace().toMillis();
        List<String> arrived = new ArrayList<>();
        Iterator<Map.Entry<String, Map<String, Held>>> targets = held.entrySet().iterator();
        while (targets.hasNext()) {
            Map.Entry<String, Map<String, Held>> target = targets.next();
            if (tracked.containsKey(target.getKey())) {
                arrived.add(target.getKey()); // e.g. held across a restart
                continue;
            }
            Iterator<Map.Entry<String, Held>> reports = target.getValue().entrySet().iterator();
            while (reports.hasNext()) {
                Map.Entry<String, Held> report = reports.next();
                if (wall - report.getValue().since() >= grace) {
                    reports.remove();
                    heldReports.delete(report.getKey());
                    refuse(report.getValue(), unknownTarget(target.getKey(), " (the report was held "
                            + config.unknownTargetGrace() + " for it)"));
                }
            }
            if (target.getValue().isEmpty()) {
                targets.remove();
            }
        }
        arrived.forEach(this::releaseHeld);
        flushPartials();
        heldChanged();
    }

    /** A held report refused: to the dead-letter topic with the reason, counted as the error handlers count. */
    private void refuse(Held report, RejectedRecordException refused) {
        counters.rejected(refused.reason());
        Headers headers = DeadLetters.headers(refused, report.topic(), report.partition(), report.offset());
        context.forward(new Record<>(report.event().getTargetId(), new RefusedReport(report.event()),
                Math.max(0, context.currentStreamTimeMs()), headers));
    }

    private static boolean sameReport(SeenEvent prior, ProgressEvent event) {
        return prior.getTargetId().equals(event.getTargetId())
                && prior.getKind().equals(event.getKind().name())
                && Objects.equals(prior.getValue(), event.getValue())
                && prior.getEventTime() == event.getEventTime().toEpochMilli()
                && Objects.equals(prior.getCorrectsEventId(), event.getCorrectsEventId());
    }

    // ---------------------------------------------------------------- targets

    private void onTarget(String key, Target target) {
        Rejection invalid = TargetRules.check(key, target);
        if (invalid != null) {
            throw new RejectedRecordException(invalid);
        }
        Tracked existing = tracked.get(key);
        if (existing != null) {
            if (target.getRevision() < existing.target.getRevision()) {
                throw new RejectedRecordException(RejectionReason.STALE_TARGET_REVISION, "Target '" + key
                        + "' revision " + target.getRevision() + " is older than revision "
                        + existing.target.getRevision() + " in force: publish changes with a higher revision");
            }
            if (target.equals(existing.target)) {
                return; // the same definition published again (e.g. the catalog re-published): nothing changes
            }
        }
        long now = now();
        TargetState state = existing != null ? existing.state : newState(key);
        boolean scopeChanged = existing == null || existing.target.getRevision() != target.getRevision()
                || !Objects.equals(existing.target.getTargetValue(), target.getTargetValue());
        if (scopeChanged) {
            state.getScopeHistory().add(new ScopeChange(target.getRevision(), target.getTargetValue(), now,
                    target.getRevisionNote()));
        }
        Tracked t = new Tracked(target, Terms.of(target, rules), state);
        tracked.put(key, t);
        definitions.put(key, target);
        // a revision re-evaluates at once; its scope shows in the history from the current bucket on
        Evaluation ev = evaluate(t, now);
        publish(t, ev);
        history.put(ProgressStores.historyKey(key, bucketOf(Calendar.dateOf(now, rules.zone()))),
                Publications.historyPoint(target, t.terms.targetValue(), bucketOf(Calendar.dateOf(now, rules.zone())),
                        Ledger.progress(state), ev));
        releaseHeld(key);
    }

    /** A tombstone on the targets topic withdraws the target: its alerts resolve and its standing is deleted. */
    private void retire(String key) {
        Tracked t = tracked.remove(key);
        if (t == null) {
            return;
        }
        long now = now();
        Evaluation ev = evaluate(t, now);
        Progress progress = Ledger.progress(t.state);
        TargetStatus last = t.state.getLastStatus() == null ? null : TargetStatus.valueOf(t.state.getLastStatus());
        for (FiringCondition f : t.state.getFiring()) {
            AlertKind kind = AlertKind.valueOf(f.getKind());
            Alert resolved = Publications.alert(t.target, t.terms.targetValue(), kind, AlertState.RESOLVED, f.getSince(),
                    ev, last, progress, rules);
            firingAlerts.delete(resolved.getDedupKey());
            context.forward(new Record<>(resolved.getDedupKey(), resolved, now));
        }
        contribute(t.state.getContribution(), null, now);
        definitions.delete(key);
        states.delete(key);
        standing.delete(key);
        dirty.remove(key);
        context.forward(new Record<>(key, null, now));
    }

    private TargetState newState(String targetId) {
        return TargetState.newBuilder().setTargetId(targetId).build();
    }

    // ---------------------------------------------------------------- publishing

    private Evaluation evaluate(Tracked t, long now) {
        return StatusRules.evaluate(t.terms, Ledger.progress(t.state), now, rules);
    }

    /** Publishes a target's standing: alert transitions, snapshot, roll-ups; then clears its dirty flag. */
    private void publish(Tracked t, Evaluation ev) {
        TargetState state = t.state;
        String id = t.target.getId();
        Progress progress = Ledger.progress(state);
        Double targetValue = t.terms.targetValue();
        long now = ev.asOf();

        Map<AlertKind, Long> firing = firingOf(state);
        List<AlertTransitions.Transition> transitions = AlertTransitions.between(firing, ev.conditions(), now);
        if (!transitions.isEmpty()) {
            TargetStatus previous = state.getLastStatus() == null ? null : TargetStatus.valueOf(state.getLastStatus());
            for (AlertTransitions.Transition tr : transitions) {
                Alert alert = Publications.alert(t.target, targetValue, tr.kind(), tr.state(), tr.since(), ev, previous,
                        progress, rules);
                if (tr.state() == AlertState.FIRING) {
                    firingAlerts.put(alert.getDedupKey(), alert);
                    firing.put(tr.kind(), tr.since());
                } else {
                    firingAlerts.delete(alert.getDedupKey());
                    firing.remove(tr.kind());
                }
                context.forward(new Record<>(alert.getDedupKey(), alert, now));
            }
            List<FiringCondition> list = new ArrayList<>(firing.size());
            firing.forEach((k, since) -> list.add(new FiringCondition(k.name(), since)));
            state.setFiring(list);
        }

        ProgressSnapshot snapshot = Publications.snapshot(t.target, targetValue, progress, ev);
        standing.put(id, snapshot);
        context.forward(new Record<>(id, snapshot, now));

        RollupContribution contribution = Rollups.contribution(t.target, t.terms, ev);
        contribute(state.getContribution(), contribution, now);
        state.setContribution(contribution);
        state.setLastStatus(ev.status().name());
        state.setPublishedAt(now);
        state.setPublishedExpected(ev.expectedRatio());
        state.setDirty(false);
        states.put(id, state);
        dirty.remove(id);
        t.publishedWallClock = context.currentSystemTimeMs();
    }

    private static Map<AlertKind, Long> firingOf(TargetState state) {
        Map<AlertKind, Long> firing = new EnumMap<>(AlertKind.class);
        for (FiringCondition f : state.getFiring()) {
            firing.put(AlertKind.valueOf(f.getKind()), f.getSince());
        }
        return firing;
    }

    private void publishDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        long now = now();
        for (String id : new ArrayList<>(dirty)) {
            Tracked t = tracked.get(id);
            if (t != null) {
                publish(t, evaluate(t, now));
            }
        }
        dirty.clear();
        flushPartials();
    }

    // ---------------------------------------------------------------- roll-ups

    private void contribute(RollupContribution before, RollupContribution after, long now) {
        if (before != null && before.equals(after)) {
            return;
        }
        if (before != null) {
            partial(Rollups.DEPARTMENT, before.getDepartmentId(), c -> Rollups.apply(c, before, -1, now));
            partial(Rollups.SECTION, before.getSectionId(), c -> Rollups.apply(c, before, -1, now));
        }
        if (after != null) {
            partial(Rollups.DEPARTMENT, after.getDepartmentId(), c -> Rollups.apply(c, after, 1, now));
            partial(Rollups.SECTION, after.getSectionId(), c -> Rollups.apply(c, after, 1, now));
        }
    }

    private void partial(String scope, String scopeId, java.util.function.Consumer<RollupPartial> change) {
        String key = ProgressStores.rollupKey(scope, scopeId, partition);
        RollupPartial p = partials.computeIfAbsent(key, k -> Rollups.emptyPartial(scope, scopeId, partition));
        change.accept(p);
        dirtyPartials.add(key);
    }

    private void flushPartials() {
        if (dirtyPartials.isEmpty()) {
            return;
        }
        for (String key : dirtyPartials) {
            RollupPartial p = partials.get(key);
            if (p.getTopLevelTargets() == 0 && p.getSubTargets() == 0) {
                partials.remove(key);
                rollups.delete(key);
            } else {
                rollups.put(key, p);
            }
        }
        dirtyPartials.clear();
    }

    // ---------------------------------------------------------------- the day

    /**
     * Once a day: when the first record of a new day (stream time; wall-clock time too in live mode) arrives, before
     * it is counted, the day that ended is closed: every target's history bucket gets its standing at the end of that
     * day, and every target is re-evaluated and published as of the start of the new day (the pace moves on,
     * deadlines pass, silence turns stale).
     */
    private void newDay(long time) {
        LocalDate today = Calendar.dateOf(time, rules.zone());
        Long lastDay = meta.get(LAST_DAY);
        if (lastDay != null && today.toEpochDay() > lastDay) {
            LocalDate ended = LocalDate.ofEpochDay(lastDay);
            long endOfEnded = Calendar.endOfDay(ended, rules.zone());
            long startOfToday = Calendar.startOfDay(today, rules.zone());
            boolean writeHistory = config.historyBucket() == ProgressTopologyConfig.HistoryBucket.DAY
                    || ended.getMonthValue() != today.getMonthValue() || ended.getYear() != today.getYear();
            String bucket = bucketOf(ended);
            // in a backlog, or when days close faster than the publish interval (wall clock), the targets the new
            // day changed are published by the next publish punctuation, once, not once per day
            long wall = context.currentSystemTimeMs();
            boolean replaying = inBacklog() || wall - lastDayCloseWallClock < config.publishInterval().toMillis();
            lastDayCloseWallClock = wall;
            for (Tracked t : tracked.values()) {
                Evaluation atEnd = evaluate(t, endOfEnded);
                if (writeHistory) {
                    history.put(ProgressStores.historyKey(t.target.getId(), bucket), Publications.historyPoint(t.target,
                            t.terms.targetValue(), bucket, Ledger.progress(t.state), atEnd));
                }
                Evaluation atStart = startOfToday == endOfEnded ? atEnd : evaluate(t, startOfToday);
                if (changed(t.state, atStart)) {
                    if (replaying) {
                        dirty.add(t.target.getId());
                    } else {
                        publish(t, atStart);
                    }
                }
            }
            flushPartials();
            maybePurge(startOfToday);
        }
        if (lastDay == null || today.toEpochDay() > lastDay) {
            meta.put(LAST_DAY, today.toEpochDay());
            nextDayStart = Calendar.endOfDay(today, rules.zone());
        }
    }

    /** Live mode, between days: publish targets whose status or alert conditions changed with the passing time. */
    private void liveTick(long now) {
        if (now >= nextDayStart) {
            newDay(now);
        }
        for (Tracked t : tracked.values()) {
            Evaluation ev = evaluate(t, now);
            if (changed(t.state, ev)) {
                publish(t, ev);
            }
        }
        flushPartials();
    }

    private static Set<AlertKind> conditionsOf(TargetState state) {
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        for (FiringCondition f : state.getFiring()) {
            kinds.add(AlertKind.valueOf(f.getKind()));
        }
        return kinds;
    }

    /**
     * Whether the passing of time changed a target enough to publish it again: counted reports not yet published, a
     * new status or alert condition, the expected pace moved by a percentage point, or a week without publication.
     * (Quiet targets are not re-published every day; their history still gets a point every day.)
     */
    private static boolean changed(TargetState state, Evaluation ev) {
        return state.getDirty() || state.getPublishedAt() == null
                || !ev.status().name().equals(state.getLastStatus())
                || !conditionsOf(state).equals(ev.conditions())
                || Math.abs(ev.expectedRatio() - state.getPublishedExpected()) >= REPUBLISH_EXPECTED_STEP
                || ev.asOf() - state.getPublishedAt() >= REPUBLISH_AFTER_MS;
    }

    private String bucketOf(LocalDate date) {
        return config.historyBucket() == ProgressTopologyConfig.HistoryBucket.DAY ? date.toString()
                : date.toString().substring(0, 7);
    }

    /**
     * The dedup memory of an event is dropped once its target's year ended {@code dedupRetentionAfterYear} ago and
     * it arrived at least that long ago; checked every {@code dedupPurgeInterval} of stream time.
     */
    private void maybePurge(long now) {
        Long last = meta.get(LAST_PURGE);
        if (last != null && now - last < config.dedupPurgeInterval().toMillis()) {
            return;
        }
        if (now <= nextPurgeAt) {
            return; // nothing expired yet: a scan of the whole dedup memory would find nothing
        }
        List<String> expired = new ArrayList<>();
        long next = Long.MAX_VALUE;
        seenIds.clear(); // rebuilt from the ids kept, so the dropped ones no longer cost a lookup
        try (KeyValueIterator<String, SeenEvent> it = seen.all()) {
            while (it.hasNext()) {
                KeyValue<String, SeenEvent> kv = it.next();
                long expiry = expiryOf(kv.value.getYear(), kv.value.getSeenAt());
                if (now > expiry) {
                    expired.add(kv.key);
                } else {
                    seenIds.add(kv.key);
                    next = Math.min(next, expiry);
                }
            }
        }
        for (String key : expired) {
            seen.delete(key);
        }
        meta.put(LAST_PURGE, now);
        nextPurgeAt = next;
        meta.put(NEXT_PURGE, next);
    }

    /** When the dedup memory of an event of {@code year} accepted at {@code seenAt} may be dropped. */
    private long expiryOf(int year, long seenAt) {
        long yearEnd = yearEnds.computeIfAbsent(year, y -> Calendar.startOfYear(y + 1, rules.zone()));
        return Math.max(yearEnd, seenAt) + config.dedupRetentionAfterYear().toMillis();
    }

    /** Remembers an accepted event's expiry if it is the earliest, so the purge knows when a scan can find something. */
    private void noteExpiry(int year, long seenAt) {
        long expiry = expiryOf(year, seenAt);
        if (expiry < nextPurgeAt) {
            nextPurgeAt = expiry;
            meta.put(NEXT_PURGE, expiry);
        }
    }
}
