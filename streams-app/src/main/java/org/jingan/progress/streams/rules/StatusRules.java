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
 *   <li>while nothing was reported: NO_REPORT_YET once a report is due ({@link #reportDue}), else NOT_STARTED;</li>
 *   <li>BEHIND when gap &lt; behindGap, AT_RISK when gap &lt; atRiskGap, else ON_TRACK.</li>
 * </ul>
 * A ceiling (AT_MOST) is BREACHED once the actual exceeds it, COMPLETED when the deadline passed without that,
 * NOT_STARTED or NO_REPORT_YET before any report, AT_RISK when less than ceilingAtRiskHeadroom of it is left, else
 * ON_TRACK. A zero ceiling (零增长) is never AT_RISK: any amount over zero breaches it, zero keeps it ON_TRACK
 * ({@link CeilingUse}). A milestone (DONE) is COMPLETED when reached, OVERDUE after the deadline, BEHIND once its plan
 * expected it done, AT_RISK within {@link RuleConfig#milestoneLastStretch()} before that, NOT_STARTED while the plan
 * expects nothing yet, else ON_TRACK. A status left clears only past its threshold by a margin ({@link Hysteresis}).
 *
 * <p>Alert conditions: the status itself when it is AT_RISK, BEHIND, BREACHED, OVERDUE or NO_REPORT_YET;
 * FORECAST_MISS when the forecast misses the target while the target is still open (not completed, breached, overdue
 * or pending), an early warning: it starts only while the target is on pace (ON_TRACK, NOT_STARTED) and, once
 * raised, holds through AT_RISK; STALE_REPORT when a non-milestone target that is not completed or pending had no
 * report for {@link RuleConfig#staleAfter()} since its last one; then {@link AlertInhibition} (BEHIND and BREACHED
 * inhibit FORECAST_MISS).
 */
public final class StatusRules {

    private StatusRules() {
    }

    /**
     * The standing of a target at {@code asOf} (the district clock's day), {@code last} being what it was last
     * published with: it decides whether a status or an early warning is kept ({@link Hysteresis}). The forecast is
     * made at that time, not at the last report: silence up to {@link RuleConfig#staleAfter()} is an ordinary
     * reporting interval, but silence beyond it counts as no progress (the velocity decays), so a target that went
     * quiet is projected lower the longer it stays quiet; and a projected completion date is never before
     * {@code asOf} unless the target is complete.
     */
    public static Evaluation evaluate(Terms terms, Progress progress, LastPublished last, long asOf,
                                      RuleConfig config) {
        TargetStatus previous = last.status();
        PacePlan plan = terms.plan();
        double expected = plan.expectedRatio(asOf);
        Velocity velocity = progress.velocity().until(asOf - config.staleAfter().toMillis(), plan,
                config.forecastHalfLife().toMillis());
        Forecast forecast = terms.kind() == TargetKind.MILESTONE ? null
                : Forecast.of(plan, terms.comparator(), terms.targetValue(), progress.actual(), velocity, asOf, config);
        Double perDay = terms.kind() == TargetKind.MILESTONE ? null : velocity.perDay();
        Double value = terms.targetValue();
        boolean pastDeadline = asOf >= plan.deadlineEnd();
        TargetStatus unreported = reportDue(terms, expected, asOf, config) ? TargetStatus.NO_REPORT_YET
                : TargetStatus.NOT_STARTED;

        Double ratio = null;
        Double gap = null;
        Double headroom = null;
        TargetStatus status;
        if (value == null) {
            status = TargetStatus.PENDING_TARGET;
        } else if (terms.comparator() == Comparator.DONE) {
            ratio = progress.milestoneDone() ? 1.0 : 0.0;
            gap = ratio - expected;
            status = milestoneStatus(plan, progress, expected, pastDeadline, asOf, config);
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
                status = unreported;
            } else if (use.nearlyFull(Hysteresis.ceilingAtRiskHeadroom(previous, config))) {
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
            } else if (progress.eventCount() == 0) {
                status = unreported;
            } else if (gap < Hysteresis.behindGap(previous, config)) {
                status = TargetStatus.BEHIND;
            } else if (gap < Hysteresis.atRiskGap(previous, config)) {
                status = TargetStatus.AT_RISK;
            } else {
                status = TargetStatus.ON_TRACK;
            }
        }
        Set<AlertKind> conditions = conditions(terms, progress, status, forecast, last, asOf, config);
        return new Evaluation(asOf, ratio, expected, gap, headroom, status, forecast, perDay, conditions);
    }

    /** A milestone is reported once, when reached: until then its plan and its due date say how it stands. */
    private static TargetStatus milestoneStatus(PacePlan plan, Progress progress, double expected,
                                                boolean pastDeadline, long asOf, RuleConfig config) {
        if (progress.milestoneDone()) {
            return TargetStatus.COMPLETED;
        }
        if (pastDeadline) {
            return TargetStatus.OVERDUE;
        }
        if (expected >= 1.0) {
            return TargetStatus.BEHIND;
        }
        if (inLastStretch(plan, asOf, config)) {
            return TargetStatus.AT_RISK;
        }
        return expected <= 0 ? TargetStatus.NOT_STARTED : TargetStatus.ON_TRACK;
    }

    /** Whether {@code asOf} is within the milestone's last stretch before it is due ({@link PacePlan#fullBy()}). */
    static boolean inLastStretch(PacePlan plan, long asOf, RuleConfig config) {
        long stretch = config.milestoneLastStretch().toMillis();
        return stretch > 0 && asOf >= plan.fullBy() - stretch;
    }

    /**
     * Whether a target nothing was reported for should have had a report by now: its plan expects more than the
     * at-risk band (it would be AT_RISK with what it reached known to be nothing), or the year is older than
     * {@link RuleConfig#staleAfter()} (a reported target would be stale). Milestones report once, when reached: a
     * milestone is never NO_REPORT_YET.
     */
    static boolean reportDue(Terms terms, double expected, long asOf, RuleConfig config) {
        if (terms.kind() == TargetKind.MILESTONE) {
            return false;
        }
        boolean paceExpects = terms.comparator() != Comparator.AT_MOST && -expected < config.atRiskGap();
        return paceExpects || asOf - terms.plan().start() > config.staleAfter().toMillis();
    }

    static Set<AlertKind> conditions(Terms terms, Progress progress, TargetStatus status, Forecast forecast,
                                     LastPublished last, long asOf, RuleConfig config) {
        Set<AlertKind> conditions = EnumSet.noneOf(AlertKind.class);
        switch (status) {
            case AT_RISK -> conditions.add(AlertKind.AT_RISK);
            case BEHIND -> conditions.add(AlertKind.BEHIND);
            case BREACHED -> conditions.add(AlertKind.BREACHED);
            case OVERDUE -> conditions.add(AlertKind.OVERDUE);
            case NO_REPORT_YET -> conditions.add(AlertKind.NO_REPORT_YET);
            default -> {
            }
        }
        boolean open = status != TargetStatus.COMPLETED && status != TargetStatus.BREACHED
                && status != TargetStatus.OVERDUE && status != TargetStatus.PENDING_TARGET;
        // an early warning for a target on pace; below pace the pace alerts say more (and would make it flap with them)
        boolean onPace = status == TargetStatus.ON_TRACK || status == TargetStatus.NOT_STARTED;
        if (open && forecast != null && forecast.misses(terms.comparator(), terms.targetValue(), config)
                && (onPace || last.firing().contains(AlertKind.FORECAST_MISS))) {
            conditions.add(AlertKind.FORECAST_MISS);
        }
        if (isStale(terms, progress, status, asOf, config)) {
            conditions.add(AlertKind.STALE_REPORT);
        }
        AlertInhibition.apply(conditions);
        return conditions;
    }

    /**
     * Silence is news: no report for longer than staleAfter since the last one. Milestones report once, when reached:
     * never stale; a target never reported is NO_REPORT_YET instead.
     */
    static boolean isStale(Terms terms, Progress progress, TargetStatus status, long asOf, RuleConfig config) {
        if (terms.kind() == TargetKind.MILESTONE || status == TargetStatus.COMPLETED
                || status == TargetStatus.PENDING_TARGET || progress.lastReportAt() == null) {
            return false;
        }
        return asOf - progress.lastReportAt() > config.staleAfter().toMillis();
    }
}
