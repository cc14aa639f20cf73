package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.clock.SimulatedClock;
import org.jingan.progress.streams.avro.ScopeChange;
import org.jingan.progress.streams.avro.SeenEvent;
import org.jingan.progress.streams.rules.EventTimeRange;
import org.jingan.progress.streams.rules.Evaluation;
import org.jingan.progress.streams.rules.Ledger;
import org.jingan.progress.streams.rules.Rejection;
import org.jingan.progress.streams.rules.RejectionReason;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.rules.StatusRules;
import org.jingan.progress.streams.rules.TargetRules;
import org.jingan.progress.streams.topology.TrackedTargets.Tracked;

/**
 * The one stateful step: targets and progress events of one partition (co-partitioned by target id) in, snapshots
 * and alerts out. It dispatches; each concern is a collaborator that owns its stores: {@link TrackedTargets}
 * (definitions and working state), {@link DedupMemory} (event ids seen), {@link HeldReports} (reports waiting for
 * their target), {@link DistrictDays} (the day on the district clock, history), {@link Publisher} (alerts,
 * snapshots) and {@link RollupPartials} (the department and section roll-ups).
 *
 * <p>Time: "now" is the district clock ({@link TaskClock}), the same for every task; a report's event time only
 * places its value (and is checked against {@link EventTimeRange}). Standings are evaluated as of the start of the
 * clock's day. When the clock's date changes (checked on every record and at every publish punctuation, at least
 * every {@code clockCheckInterval} of wall time, so a task without records moves on too) every target is re-evaluated and published, and its history gets a
 * point for each day that ended.
 *
 * <p>Per report it does one dedup write (and a dedup lookup only when the in-memory filter says the id may have been
 * seen before) and one write of the target's working state; evaluation, snapshot, roll-ups and alerts happen when the
 * target is published: at once for the first fresh report after a quiet spell, then at most once per
 * {@code publishInterval} (wall clock) while reports keep coming, at once for a target revision, and at each day
 * close. While the task works through a backlog (it reads records written more than {@code backlogLag} ago) changed
 * targets are published together every {@code backlogPublishInterval} instead. Every change is put to the changelogged
 * stores, which write it down before the commit, in the same transaction, so a crash loses nothing (unpublished
 * targets carry a dirty flag and are published after the restart).
 */
final class ProgressProcessor implements Processor<String, Object, String, Object> {
    private final ProgressTopologyConfig config;
    private final RuleConfig rules;
    /** This instance's simulated clock, or null on the wall clock. */
    private final SimulatedClock simulated;

    private ProcessorContext<String, Object> context;
    private TaskClock clock;
    private TrackedTargets targets;
    private DedupMemory dedup;
    private HeldReports held;
    private DistrictDays days;
    private RollupPartials rollups;
    private Publisher publisher;
    private RejectionCounters counters;
    /** Timestamp of the record being processed (when it was written: it says how far behind the task reads). */
    private long recordTime;
    /** How long before it was read the last record was written (an idle task is not behind). */
    private long lastRecordLag;
    /** Wall-clock time of the last publication of the dirty targets while in a backlog. */
    private long lastBacklogPublish = Long.MIN_VALUE / 2;
    /** Wall-clock time of the last day close. */
    private long lastDayCloseWallClock = Long.MIN_VALUE / 2;

    ProgressProcessor(ProgressTopologyConfig config, SimulatedClock simulated) {
        this.config = config;
        this.rules = config.rules();
        this.simulated = simulated;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.clock = TaskClock.of(simulated, context);
        this.counters = RejectionCounters.from(context.appConfigs());
        this.targets = new TrackedTargets(context.getStateStore(ProgressStores.TARGET_DEFINITIONS),
                context.getStateStore(ProgressStores.TARGET_STATE), rules);
        this.dedup = new DedupMemory(context.getStateStore(ProgressStores.SEEN_EVENTS),
                context.getStateStore(ProgressStores.META), config);
        this.rollups = new RollupPartials(context.getStateStore(ProgressStores.ROLLUPS), context.taskId().partition());
        this.publisher = new Publisher(context, context.getStateStore(ProgressStores.TARGET_STANDING),
                context.getStateStore(ProgressStores.FIRING_ALERTS), targets, rollups, rules);
        this.days = new DistrictDays(context.getStateStore(ProgressStores.META),
                context.getStateStore(ProgressStores.TARGET_HISTORY), config);
        this.held = new HeldReports(context, context.getStateStore(ProgressStores.HELD_REPORTS), config, counters,
                targets::contains, (key, event) -> {
                    onEvent(key, event);
                    rollups.flush();
                });
        load();
        days.load(clock.now());
        // one punctuation for both: the clock is read as often as dirty targets are published (a demo moves the
        // clock days per second), and a task pays for one punctuation, not two
        boolean publishing = !config.publishInterval().isZero();
        Duration tick = publishing && config.publishInterval().compareTo(config.clockCheckInterval()) < 0
                ? config.publishInterval() : config.clockCheckInterval();
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, ts -> {
            closeDayIfEnded();
            if (publishing && (!inBacklog() || ts - lastBacklogPublish >= config.backlogPublishInterval().toMillis())) {
                lastBacklogPublish = ts;
                publishDirty();
            }
        });
    }

    /** Mirrors the task's stores in memory; the processor may be re-initialized after a failure, so start clean. */
    private void load() {
        targets.load();
        rollups.load();
        dedup.load();
        held.load();
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
        held.close();
    }

    private void dispatch(Record<String, Object> record) {
        recordTime = record.timestamp();
        lastRecordLag = context.currentSystemTimeMs() - recordTime;
        closeDayIfEnded();
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
        rollups.flush();
    }

    // ---------------------------------------------------------------- progress events

    private void onEvent(String key, ProgressEvent event) {
        if (!event.getTargetId().equals(key)) {
            throw new RejectedRecordException(RejectionReason.INVALID_EVENT, "Record key '" + key
                    + "' differs from the event's targetId '" + event.getTargetId() + "': key events by targetId");
        }
        Tracked t = targets.get(key);
        if (t == null) {
            if (config.unknownTargetGrace().isZero()) {
                throw unknownTarget(config, key, "");
            }
            held.hold(key, event);
            return;
        }
        String eventId = event.getEventId();
        long fingerprint = SeenIdFilter.fingerprint(eventId);
        SeenEvent prior = dedup.get(eventId, fingerprint);
        if (prior != null) {
            if (sameReport(prior, event)) {
                counters.duplicate();
                return;
            }
            throw eventIdReused(eventId, prior.getTargetId());
        }
        SeenEvent corrected = null;
        if (event.getKind() == UpdateKind.CORRECTION && event.getCorrectsEventId() != null) {
            corrected = dedup.get(event.getCorrectsEventId());
        }
        long ahead = config.maxEventTimeAhead().toMillis();
        long now = clock.now();
        long eventTime = event.getEventTime().toEpochMilli();
        if (eventTime > now + ahead) {
            now = clock.nowFor(eventTime - ahead); // a tick may reach this instance a moment after the report it allowed
        }
        EventTimeRange range = EventTimeRange.of(t.terms.plan(), now, ahead, config.reportingGrace().toMillis(),
                rules.zone());
        Rejection rejection = Ledger.check(t.target, t.state, key, event, corrected, range,
                config.maxEventTimeAfterReport().toMillis());
        if (rejection != null) {
            throw new RejectedRecordException(rejection);
        }
        Ledger.apply(t.state, t.terms, event, corrected, now, config.totalsKept(), rules);
        dedup.remember(eventId, fingerprint, new SeenEvent(key, event.getKind().name(), event.getValue(),
                event.getEventTime().toEpochMilli(), event.getCorrectsEventId(), t.target.getYear(), now, false));
        if (corrected != null) {
            corrected.setRetracted(true);
            dedup.update(event.getCorrectsEventId(), corrected);
        }
        publishOrDefer(t);
    }

    /**
     * Publishes a target at once if it was not published within the last {@code publishInterval} (wall clock) and the
     * report is fresh (written within that interval), else leaves it to the next publish punctuation: the first live
     * report after a quiet spell shows at once, a burst of reports costs one publication per interval, not one per
     * report, and so does everything a task that fell behind works through.
     */
    private void publishOrDefer(Tracked t) {
        long wall = context.currentSystemTimeMs();
        long interval = config.publishInterval().toMillis();
        boolean fresh = wall - recordTime <= interval;
        if (fresh && !inBacklog() && wall - t.publishedWallClock >= interval) {
            publisher.publish(t, evaluate(t));
        } else {
            targets.markDirty(t);
        }
    }

    static RejectedRecordException eventIdReused(String eventId, String targetId) {
        return new RejectedRecordException(RejectionReason.EVENT_ID_REUSED, "Event id '" + eventId
                + "' was already used for a different report on target '" + targetId
                + "': give every report its own eventId");
    }

    static RejectedRecordException unknownTarget(ProgressTopologyConfig config, String key, String held) {
        return new RejectedRecordException(RejectionReason.UNKNOWN_TARGET, "No target '" + key + "' is known" + held
                + ": publish it to the " + config.targetsTopic() + " topic first (or fix the targetId)");
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
        Tracked existing = targets.get(key);
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
        boolean scopeChanged = existing == null || existing.target.getRevision() != target.getRevision()
                || !Objects.equals(existing.target.getTargetValue(), target.getTargetValue());
        Tracked t = targets.define(target);
        if (scopeChanged) {
            t.state.getScopeHistory().add(new ScopeChange(target.getRevision(), target.getTargetValue(), clock.now(),
                    target.getRevisionNote()));
        }
        // a revision re-evaluates at once; its scope shows in the history from the current bucket on
        Evaluation ev = evaluate(t);
        publisher.publish(t, ev);
        days.recordToday(t, ev);
        held.release(key);
    }

    /** A tombstone on the targets topic withdraws the target: its alerts resolve and its standing is deleted. */
    private void retire(String key) {
        Tracked t = targets.remove(key);
        if (t != null) {
            publisher.withdraw(t, evaluate(t));
        }
    }

    // ---------------------------------------------------------------- publishing

    private Evaluation evaluate(Tracked t) {
        return StatusRules.evaluate(t.terms, Ledger.progress(t.state), t.lastPublished(), days.asOf(), rules);
    }

    private void publishDirty() {
        for (Tracked t : targets.takeDirty()) {
            publisher.publish(t, evaluate(t));
        }
        rollups.flush();
    }

    /** Whether the last record the task read was written so long before that it is working through a backlog. */
    private boolean inBacklog() {
        long lag = config.backlogLag().toMillis();
        return lag > 0 && lastRecordLag > lag;
    }

    // ---------------------------------------------------------------- the day

    /**
     * When the district clock has left the current day: history points for the day(s) that ended, then every target
     * re-evaluated as of the new day and published (the pace moves on, deadlines pass, silence turns stale), so
     * every target on every task shows the same date. When days close faster than the publish interval (a replay
     * moving the clock fast) or the task is in a backlog, the targets are published by the next publish punctuation,
     * once, not once per day.
     */
    private void closeDayIfEnded() {
        long now = clock.now();
        if (!days.advance(now, targets.all())) {
            return;
        }
        long wall = context.currentSystemTimeMs();
        boolean coalesce = !config.publishInterval().isZero()
                && (inBacklog() || wall - lastDayCloseWallClock < config.publishInterval().toMillis());
        lastDayCloseWallClock = wall;
        for (Tracked t : targets.all()) {
            if (coalesce) {
                targets.markDirty(t);
            } else {
                publisher.publish(t, evaluate(t));
            }
        }
        rollups.flush();
        dedup.purge(now);
    }
}
