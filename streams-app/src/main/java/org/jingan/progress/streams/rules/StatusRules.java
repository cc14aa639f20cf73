package org.jingan.progress.streams.rules;

import java.util.EnumSet;
import java.util.Set;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.TargetStatus;

/**
 * The status rules. For AT_LEAST and ABOUT targets, gap = completion - expected:
 * <ul>
 *   <li>PENDING_TARGET while the target has no value;</li>
 *   <li>COMPLETED once the actual reaches the target (ABOUT: within the tolerance below it);</li>
 *   <li>OVERDUE once the deadline day has ended without that;</li>
 *   <li>NOT_STARTED while nothing was reported and the gap is not yet below the at-risk threshold;</li>
 *   <li>BEHIND when gap &lt; behindGap, AT_RISK when gap &lt; atRiskGap, else ON_TRACK.</li>
 * </ul>
 * A ceiling (AT_MOST) is BREACHED once the actual exceeds it, COMPLETED when the deadline passed without that,
 * AT_RISK when less than ceilingAtRiskHeadroom of it is left, NOT_STARTED before any report, else ON_TRACK. A zero
 * ceiling (零增长) is never AT_RISK: any amount over zero breaches it, zero keeps it ON_TRACK ({@link CeilingUse}).
 * A milestone (DONE) is COMPLETED when reached, OVERDUE after the deadline, BEHIND once its plan expected it done,
 * NOT_STARTED while the plan expects nothing yet, else ON_TRACK.
 *
 * <p>Alert conditions: the status itself when it is AT_RISK, BEHIND, BREACHED or OVERDUE; FORECAST_MISS when the
 * forecast misses the target while the target is still open (not completed, breached, overdue or pending);
 * STALE_REPORT when a non-milestone target that is not completed or pending had no report for
 * {@link RuleConfig#staleAfter()} (counted from 1 January when it never had one).
 */
public final class StatusRules {

    private StatusRules() {
    }

    /**
     * The standing of a target at {@code asOf} (the district clock's day). The forecast is made at that time, not
     * at the last report: silence up to {@link RuleConfig#staleAfter()} is an ordinary reporting interval, but
     * silence beyond it counts as no progress (the velocity decays), so a target that went quiet is projected lower
     * the longer it stays quiet; and a projected completion date is never before {@code asOf} unless the target is
     * complete.
     */
    public static Evaluation evaluate(Terms terms, Progress progress, long asOf, RuleConfig config) {
        PacePlan plan = terms.plan();
        double expected = plan.expectedRatio(asOf);
        Velocity velocity = progress.velocity().until(asOf - config.staleAfter().toMillis(), plan,
                config.forecastHalfLife().toMillis());
        Forecast forecast = terms.kind() == TargetKind.MILESTONE ? null
                : Forecast.of(plan, terms.comparator(), terms.targetValue(), progress.actual(), velocity, asOf, config);
        Double perDay = terms.kind() == TargetKind.MILESTONE ? null : velocity.perDay();
        Double value = terms.targetValue();
        boolean pastDeadline = asOf >= plan.deadlineEnd();

        Double ratio = null;
        Double gap = null;
        Double headroom = null;
        TargetStatus status;
        if (value == null) {
            status = TargetStatus.PENDING_TARGET;
        } else if (terms.comparator() == Comparator.DONE) {
            ratio = progress.milestoneDone() ? 1.0 : 0.0;
            gap = ratio - expected;
            if (progress.milestoneDone()) {
                status = TargetStatus.COMPLETED;
            } else if (pastDeadline) {
                status = TargetStatus.OVERDUE;
            } else if (expected >= 1.0) {
                status = TargetStatus.BEHIND;
            } else {
                status = expected <= 0 ? TargetStatus.NOT_STARTED : TargetStatus.ON_TRACK;
            }
        } else if (terms.comparator() == Comparator.AT_MOST) {
            CeilingUse use = CeilingUse.of(value, progress.actual());
            ratio = use.shareUsed();
            gap = use.shareLeft();
            headroom = use.headroom();
            if (use.breached()) {
                status = TargetStatus.BREACHED;
            } else if (pastDeadline) {
                status = TargetStatus.COMPLETED;
            } else if (progress.eventCount() == 0) {
                status = TargetStatus.NOT_STARTED;
            } else if (use.nearlyFull(config.ceilingAtRiskHeadroom())) {
                status = TargetStatus.AT_RISK;
            } else {
                status = TargetStatus.ON_TRACK;
            }
        } else {
            ratio = progress.actual() / value;
            gap = ratio - expected;
            double metAt = terms.comparator() == Comparator.ABOUT ? 1 - config.aboutTolerance() : 1.0;
            if (ratio >= metAt) {
                status = TargetStatus.COMPLETED;
            } else if (pastDeadline) {
                status = TargetStatus.OVERDUE;
            } else if (progress.eventCount() == 0 && gap >= config.atRiskGap()) {
                status = TargetStatus.NOT_STARTED;
            } else if (gap < config.behindGap()) {
                status = TargetStatus.BEHIND;
            } else if (gap < config.atRiskGap()) {
                status = TargetStatus.AT_RISK;
            } else {
                status = TargetStatus.ON_TRACK;
            }
        }
        Set<AlertKind> conditions = conditions(terms, progress, status, forecast, asOf, config);
        return new Evaluation(asOf, ratio, expected, gap, headroom, status, forecast, perDay, conditions);
    }

    static Set<AlertKind> conditions(Terms terms, Progress progress, TargetStatus status, Forecast forecast, long asOf,
                                     RuleConfig config) {
        Set<AlertKind> conditions = EnumSet.noneOf(AlertKind.class);
        switch (status) {
            case AT_RISK -> conditions.add(AlertKind.AT_RISK);
            case BEHIND -> conditions.add(AlertKind.BEHIND);
            case BREACHED -> conditions.add(AlertKind.BREACHED);
            case OVERDUE -> conditions.add(AlertKind.OVERDUE);
            default -> {
            }
        }
        boolean open = status != TargetStatus.COMPLETED && status != TargetStatus.BREACHED
                && status != TargetStatus.OVERDUE && status != TargetStatus.PENDING_TARGET;
        if (open && forecast != null && forecast.misses(terms.comparator(), terms.targetValue(), config)) {
            conditions.add(AlertKind.FORECAST_MISS);
        }
        if (isStale(terms, progress, status, asOf, config)) {
            conditions.add(AlertKind.STALE_REPORT);
        }
        return conditions;
    }

    /** Silence is news: no report for longer than staleAfter (milestones report once, when reached: never stale). */
    static boolean isStale(Terms terms, Progress progress, TargetStatus status, long asOf, RuleConfig config) {
        if (terms.kind() == TargetKind.MILESTONE || status == TargetStatus.COMPLETED
                || status == TargetStatus.PENDING_TARGET) {
            return false;
        }
        long since = progress.lastReportAt() != null ? progress.lastReportAt() : terms.plan().start();
        return asOf - since > config.staleAfter().toMillis();
    }
}
