package org.jingan.progress.streams.rules;

import java.time.LocalDate;
import java.util.OptionalLong;

import org.jingan.progress.avro.Comparator;

/**
 * Projection of a target to its deadline from its recent velocity.
 *
 * <p>The recent pace is compared with what the pace plan asked for over the same (exponentially weighted) recent
 * intervals; the projection assumes that ratio holds for the rest of the plan. With a linear plan this is plain
 * linear extrapolation of the recent velocity; with a back-loaded plan (most of the work in the fourth quarter) a
 * target on plan is projected to meet it. When the plan asked for nothing recently, the velocity per day is
 * extrapolated instead.
 *
 * @param yearEnd        projected value at the deadline
 * @param completionDate projected date the target is met, or null when not projected to be met (within two years
 *                       after the deadline) or for ceilings; never before the day it is made for unless the target
 *                       is met already
 */
public record Forecast(double yearEnd, LocalDate completionDate) {

    private static final double PLANNED_EPSILON = 1e-6;
    private static final long HORIZON_AFTER_DEADLINE_MS = 2 * 366 * Calendar.DAY_MS;

    /**
     * The forecast, or null when there is too little to go on: no report yet, or the reports span less than
     * {@link RuleConfig#forecastMinSpan()}.
     */
    public static Forecast of(PacePlan plan, Comparator comparator, Double targetValue, double actual, Velocity velocity,
                              long asOf, RuleConfig config) {
        if (comparator == Comparator.DONE || !velocity.started()
                || velocity.spanMillis() < config.forecastMinSpan().toMillis()) {
            return null;
        }
        long from = velocity.anchorTime();
        long deadline = plan.deadlineEnd();
        Double perDay = velocity.perDay();
        boolean planShaped = velocity.planned() > PLANNED_EPSILON;
        if (!planShaped && perDay == null) {
            return null;
        }
        double yearEnd;
        if (from >= deadline) {
            yearEnd = actual;
        } else if (planShaped) {
            yearEnd = actual + velocity.amount() / velocity.planned() * (plan.finalRatio() - plan.expectedRatio(from));
        } else {
            yearEnd = actual + perDay * Calendar.days(deadline - from);
        }
        LocalDate completion = null;
        if (targetValue != null && comparator != Comparator.AT_MOST) {
            double goal = comparator == Comparator.ABOUT ? targetValue * (1 - config.aboutTolerance()) : targetValue;
            OptionalLong when = completionTime(plan, goal, actual, velocity, planShaped, perDay, from);
            if (when.isPresent() && when.getAsLong() < asOf && actual < goal) {
                // the pace said it would be met by now, and it is not: from now on at that pace
                when = completionTime(plan, goal, actual, velocity, planShaped, perDay, asOf);
            }
            if (when.isPresent() && when.getAsLong() <= deadline + HORIZON_AFTER_DEADLINE_MS) {
                completion = Calendar.dateOf(when.getAsLong(), config.zone());
            }
        }
        return new Forecast(yearEnd, completion);
    }

    private static OptionalLong completionTime(PacePlan plan, double goal, double actual, Velocity velocity,
                                               boolean planShaped, Double perDay, long from) {
        if (actual >= goal) {
            return OptionalLong.of(from);
        }
        double need = goal - actual;
        if (planShaped && velocity.amount() > 0 && from < plan.deadlineEnd()) {
            double unitsPerRatio = velocity.amount() / velocity.planned();
            double ratioAtFrom = plan.expectedRatio(from);
            OptionalLong within = plan.timeAtRatio(ratioAtFrom + need / unitsPerRatio);
            if (within.isPresent()) {
                return OptionalLong.of(Math.max(from, within.getAsLong()));
            }
            // beyond the end of the plan: the rest at the recent velocity per day
            double left = need - unitsPerRatio * (plan.finalRatio() - ratioAtFrom);
            return perDay != null && perDay > 0
                    ? OptionalLong.of(plan.deadlineEnd() + (long) (left / perDay * Calendar.DAY_MS))
                    : OptionalLong.empty();
        }
        if (perDay != null && perDay > 0) {
            return OptionalLong.of(from + (long) (need / perDay * Calendar.DAY_MS));
        }
        return OptionalLong.empty();
    }

    /** Whether this projection misses the target (or, for a ceiling, exceeds it). */
    public boolean misses(Comparator comparator, double targetValue, RuleConfig config) {
        return switch (comparator) {
            case AT_LEAST -> yearEnd < targetValue * (1 - config.forecastMissTolerance());
            case ABOUT -> yearEnd < targetValue * (1 - config.aboutTolerance());
            case AT_MOST -> yearEnd > targetValue;
            case DONE -> false;
        };
    }
}
