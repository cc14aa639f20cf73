package org.jingan.progress.streams.rules;

import java.util.List;

import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.avro.SeenEvent;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.avro.TotalReport;
import org.jingan.progress.streams.avro.VelocityState;

/**
 * How reports make up a target's actual, per update kind:
 * <ul>
 *   <li>INCREMENT adds;</li>
 *   <li>CUMULATIVE_TO_DATE and LEVEL replace: the latest by event time wins, whatever the arrival order (the
 *       {@code totalsKept} latest are kept, so retracting the latest falls back to the one before);</li>
 *   <li>MILESTONE_REACHED marks a milestone done;</li>
 *   <li>CORRECTION retracts the event it names: an increment is subtracted, a total or level is dropped (falling
 *       back to the previous latest by event time), a milestone report is withdrawn.</li>
 * </ul>
 * A target keeps its actual one way (increments, or totals/levels), fixed by its first value report.
 * {@link #check} says why a report cannot be counted; {@link #apply} counts it. Both work on the target's state
 * in place; {@code check} changes nothing.
 */
public final class Ledger {

    public static final String INCREMENTS = "INCREMENTS";
    public static final String TOTALS = "TOTALS";
    public static final String MILESTONE = "MILESTONE";

    private Ledger() {
    }

    /** The actual of {@code state}: sum of increments, latest total or level, or 1/0 for a milestone. */
    public static double actual(TargetState state) {
        String mode = state.getMode();
        if (mode == null) {
            return 0.0;
        }
        return switch (mode) {
            case INCREMENTS -> state.getIncrementSum();
            case TOTALS -> state.getTotals().isEmpty() ? 0.0 : state.getTotals().get(state.getTotals().size() - 1).getValue();
            default -> state.getMilestonesReached() > 0 ? 1.0 : 0.0;
        };
    }

    public static Progress progress(TargetState state) {
        VelocityState v = state.getVelocity();
        return new Progress(actual(state), state.getEventCount(), state.getLastEventTime(), state.getLastReportAt(),
                state.getMilestonesReached() > 0,
                new Velocity(v.getAnchorTime(), v.getFirstTime(), v.getAmount(), v.getPlanned(), v.getDays()));
    }

    /**
     * Why {@code event} (key {@code key}) cannot be counted on {@code target}, or null when it can.
     * {@code corrected} is the remembered event a CORRECTION names (null if unknown).
     */
    public static Rejection check(Target target, TargetState state, String key, ProgressEvent event, SeenEvent corrected,
                                  EventTimeRange range, long maxEventTimeAfterReportMs) {
        String id = target.getId();
        if (!target.getDepartmentId().equals(event.getDepartmentId())) {
            return new Rejection(RejectionReason.DEPARTMENT_MISMATCH, "Department '" + event.getDepartmentId()
                    + "' reported on target '" + id + "', which belongs to '" + target.getDepartmentId()
                    + "': only the owning department may report on it");
        }
        UpdateKind kind = event.getKind();
        if (kind == UpdateKind.CORRECTION) {
            return checkCorrection(id, event, corrected);
        }
        if (!target.getUnit().equals(event.getUnit())) {
            return new Rejection(RejectionReason.UNIT_MISMATCH, "Unit '" + event.getUnit() + "' does not match target '"
                    + id + "' unit '" + target.getUnit() + "': convert the value to " + target.getUnit() + " and resend");
        }
        if (!fits(target.getKind(), kind)) {
            return new Rejection(RejectionReason.KIND_MISMATCH, kind + " does not fit target '" + id + "' of kind "
                    + target.getKind() + ": send " + allowed(target.getKind()));
        }
        String mode = modeOf(kind);
        if (state.getMode() != null && !state.getMode().equals(mode)) {
            return new Rejection(RejectionReason.MODE_CONFLICT, "Target '" + id + "' is tracked by "
                    + (INCREMENTS.equals(state.getMode()) ? "INCREMENT reports" : "totals/levels (CUMULATIVE_TO_DATE or LEVEL)")
                    + " and cannot mix in a " + kind + ": send the same kind as before, or CORRECTION the earlier reports first");
        }
        long eventTime = event.getEventTime().toEpochMilli();
        long reportedAt = event.getReportedAt().toEpochMilli();
        if (eventTime > reportedAt + maxEventTimeAfterReportMs) {
            return new Rejection(RejectionReason.IMPOSSIBLE_TIME, "eventTime " + event.getEventTime()
                    + " is after reportedAt " + event.getReportedAt() + ": a report cannot describe progress made after"
                    + " it was sent; fix the event time");
        }
        Rejection outOfRange = range.check(id, eventTime);
        if (outOfRange != null) {
            return outOfRange;
        }
        if (kind == UpdateKind.MILESTONE_REACHED) {
            return null;
        }
        Double value = event.getValue();
        if (value == null) {
            return new Rejection(RejectionReason.IMPOSSIBLE_VALUE, kind + " without a value: set value to the amount,"
                    + " total or level in " + target.getUnit());
        }
        if (value.isNaN() || value.isInfinite()) {
            return new Rejection(RejectionReason.IMPOSSIBLE_VALUE, kind + " with value " + value
                    + ": a progress value must be a finite number");
        }
        if (value < 0 && (kind == UpdateKind.INCREMENT || kind == UpdateKind.CUMULATIVE_TO_DATE)) {
            return new Rejection(RejectionReason.IMPOSSIBLE_VALUE, "Negative " + kind + " " + value + " on target '" + id
                    + "': a count does not go down; to undo a wrong report send a CORRECTION naming its eventId");
        }
        return null;
    }

    private static Rejection checkCorrection(String id, ProgressEvent event, SeenEvent corrected) {
        String named = event.getCorrectsEventId();
        if (named == null || named.isBlank()) {
            return new Rejection(RejectionReason.INVALID_EVENT, "CORRECTION " + event.getEventId()
                    + " without correctsEventId: name the eventId of the report to retract");
        }
        if (corrected == null) {
            return new Rejection(RejectionReason.UNKNOWN_CORRECTED_EVENT, "CORRECTION " + event.getEventId()
                    + " names event '" + named + "', which was never counted (or is older than the dedup retention)");
        }
        if (!corrected.getTargetId().equals(id)) {
            return new Rejection(RejectionReason.UNKNOWN_CORRECTED_EVENT, "CORRECTION " + event.getEventId()
                    + " on target '" + id + "' names event '" + named + "' of target '" + corrected.getTargetId() + "'");
        }
        if (corrected.getRetracted()) {
            return new Rejection(RejectionReason.UNKNOWN_CORRECTED_EVENT, "Event '" + named
                    + "' was already retracted: a report is retracted once");
        }
        if (UpdateKind.CORRECTION.name().equals(corrected.getKind())) {
            return new Rejection(RejectionReason.UNKNOWN_CORRECTED_EVENT, "Event '" + named
                    + "' is itself a CORRECTION: to restore the report it retracted, send that report again under a new eventId");
        }
        return null;
    }

    static boolean fits(TargetKind target, UpdateKind update) {
        return switch (target) {
            case CUMULATIVE -> update == UpdateKind.INCREMENT || update == UpdateKind.CUMULATIVE_TO_DATE;
            case LEVEL -> update == UpdateKind.LEVEL;
            case CEILING -> update == UpdateKind.INCREMENT || update == UpdateKind.CUMULATIVE_TO_DATE
                    || update == UpdateKind.LEVEL;
            case MILESTONE -> update == UpdateKind.MILESTONE_REACHED;
        };
    }

    private static String allowed(TargetKind target) {
        return switch (target) {
            case CUMULATIVE -> "INCREMENT or CUMULATIVE_TO_DATE";
            case LEVEL -> "LEVEL";
            case CEILING -> "INCREMENT, CUMULATIVE_TO_DATE or LEVEL";
            case MILESTONE -> "MILESTONE_REACHED";
        };
    }

    static String modeOf(UpdateKind kind) {
        return switch (kind) {
            case INCREMENT -> INCREMENTS;
            case CUMULATIVE_TO_DATE, LEVEL -> TOTALS;
            case MILESTONE_REACHED -> MILESTONE;
            case CORRECTION -> null;
        };
    }

    /**
     * Counts a checked {@code event} into {@code state}, arrived at stream time {@code timestamp}. For a CORRECTION,
     * {@code corrected} is the retracted event (the caller marks it retracted in the dedup memory).
     */
    public static void apply(TargetState state, Terms terms, ProgressEvent event, SeenEvent corrected, long timestamp,
                             int totalsKept, RuleConfig config) {
        long t = event.getEventTime().toEpochMilli();
        long halfLife = config.forecastHalfLife().toMillis();
        PacePlan plan = terms.plan();
        Velocity velocity = velocityOf(state);
        switch (event.getKind()) {
            case INCREMENT -> {
                state.setMode(INCREMENTS);
                double v = event.getValue();
                state.setIncrementSum(state.getIncrementSum() + v);
                velocity = (velocity.started() ? velocity : Velocity.startingAt(plan.start())).observe(t, v, plan, halfLife);
            }
            case CUMULATIVE_TO_DATE, LEVEL -> {
                state.setMode(TOTALS);
                double before = actual(state);
                boolean latest = insertTotal(state.getTotals(), new TotalReport(event.getEventId(), t, event.getValue()), totalsKept);
                if (latest) {
                    if (!velocity.started()) {
                        // a year-to-date total grows from 0 on 1 January; a level has no known start: it anchors here
                        velocity = event.getKind() == UpdateKind.CUMULATIVE_TO_DATE
                                ? Velocity.startingAt(plan.start()).observe(t, event.getValue(), plan, halfLife)
                                : Velocity.startingAt(t);
                    } else {
                        velocity = velocity.observe(t, actual(state) - before, plan, halfLife);
                    }
                }
            }
            case MILESTONE_REACHED -> {
                state.setMode(MILESTONE);
                state.setMilestonesReached(state.getMilestonesReached() + 1);
            }
            case CORRECTION -> velocity = retract(state, event.getCorrectsEventId(), corrected, velocity, plan, halfLife);
        }
        state.setVelocity(velocityState(velocity));
        state.setEventCount(state.getEventCount() + 1);
        if (event.getKind() != UpdateKind.CORRECTION
                && (state.getLastEventTime() == null || t > state.getLastEventTime())) {
            state.setLastEventTime(t);
        }
        if (state.getLastReportAt() == null || timestamp > state.getLastReportAt()) {
            state.setLastReportAt(timestamp);
        }
    }

    private static Velocity retract(TargetState state, String correctedId, SeenEvent corrected, Velocity velocity, PacePlan plan, long halfLife) {
        long t = corrected.getEventTime();
        switch (UpdateKind.valueOf(corrected.getKind())) {
            case INCREMENT -> {
                state.setIncrementSum(state.getIncrementSum() - corrected.getValue());
                return velocity.started() ? velocity.observe(Math.min(t, velocity.anchorTime()), -corrected.getValue(), plan, halfLife)
                        : velocity;
            }
            case CUMULATIVE_TO_DATE, LEVEL -> {
                double before = actual(state);
                List<TotalReport> totals = state.getTotals();
                boolean removed = false;
                for (int i = totals.size() - 1; i >= 0 && !removed; i--) {
                    if (totals.get(i).getEventId().equals(correctedId)) {
                        totals.remove(i); // by index: Avro's list iterators do not remove
                        removed = true;
                    }
                }
                double delta = actual(state) - before;
                if (removed && delta != 0 && velocity.started()) {
                    return velocity.observe(Math.min(t, velocity.anchorTime()), delta, plan, halfLife);
                }
                return velocity;
            }
            case MILESTONE_REACHED -> {
                state.setMilestonesReached(Math.max(0, state.getMilestonesReached() - 1));
                return velocity;
            }
            default -> {
                return velocity;
            }
        }
    }

    /** Inserts by event time (a tie goes after: the later arrival wins); keeps the latest {@code kept}. True if it is now the latest. */
    static boolean insertTotal(List<TotalReport> totals, TotalReport report, int kept) {
        int i = totals.size();
        while (i > 0 && totals.get(i - 1).getEventTime() > report.getEventTime()) {
            i--;
        }
        if (totals.size() >= kept && i == 0) {
            return false; // older than every kept total: it can never be the latest, only remembered for dedup
        }
        totals.add(i, report);
        while (totals.size() > kept) {
            totals.remove(0);
        }
        return totals.get(totals.size() - 1) == report;
    }

    static Velocity velocityOf(TargetState state) {
        VelocityState v = state.getVelocity();
        return new Velocity(v.getAnchorTime(), v.getFirstTime(), v.getAmount(), v.getPlanned(), v.getDays());
    }

    static VelocityState velocityState(Velocity v) {
        return new VelocityState(v.anchorTime(), v.firstTime(), v.amount(), v.planned(), v.days());
    }
}
