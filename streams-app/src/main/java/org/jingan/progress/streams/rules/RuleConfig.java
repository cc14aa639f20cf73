package org.jingan.progress.streams.rules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Thresholds and parameters of the status, forecast and alert rules. {@link #defaults()} documents the defaults.
 *
 * @param atRiskGap             a target is AT_RISK when its gap (completion - expected) is below this (default -0.05)
 * @param behindGap             ... and BEHIND when the gap is below this (default -0.15); must be <= atRiskGap
 * @param aboutTolerance        an ABOUT (左右) target counts as met at (1 - this) of its value (default 0.05)
 * @param ceilingAtRiskHeadroom a ceiling is AT_RISK when less than this share of it is left (default 0.10)
 * @param forecastMissTolerance FORECAST_MISS when the projected value falls short of an AT_LEAST target by more
 *                              than this share (default 0.03; ABOUT targets use aboutTolerance)
 * @param staleAfter            STALE_REPORT when a (non-milestone) target had no report for this long (default 30 days)
 * @param forecastHalfLife      half-life of the exponential weighting of recent progress (default 14 days)
 * @param forecastMinSpan       no forecast before reports cover this span (default 14 days)
 * @param zone                  the zone of dates: deadlines, day buckets, 1 January (default Asia/Shanghai)
 * @param statusClearMargin     hysteresis: an AT_RISK or BEHIND status (a ceiling's AT_RISK) clears only when the
 *                              gap (the headroom) is back past its threshold by this share (default 0.02)
 * @param milestoneLastStretch  a milestone not done is AT_RISK this long before it is due (default 30 days; 0 turns
 *                              it off)
 */
public record RuleConfig(double atRiskGap, double behindGap, double aboutTolerance, double ceilingAtRiskHeadroom,
                         double forecastMissTolerance, Duration staleAfter, Duration forecastHalfLife,
                         Duration forecastMinSpan, ZoneId zone, double statusClearMargin,
                         Duration milestoneLastStretch) {

    public static final double DEFAULT_AT_RISK_GAP = -0.05;
    public static final double DEFAULT_BEHIND_GAP = -0.15;
    public static final double DEFAULT_ABOUT_TOLERANCE = 0.05;
    public static final double DEFAULT_CEILING_AT_RISK_HEADROOM = 0.10;
    public static final double DEFAULT_FORECAST_MISS_TOLERANCE = 0.03;
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(30);
    public static final Duration DEFAULT_FORECAST_HALF_LIFE = Duration.ofDays(14);
    public static final Duration DEFAULT_FORECAST_MIN_SPAN = Duration.ofDays(14);
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final double DEFAULT_STATUS_CLEAR_MARGIN = 0.02;
    public static final Duration DEFAULT_MILESTONE_LAST_STRETCH = Duration.ofDays(30);

    public RuleConfig {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(forecastHalfLife, "forecastHalfLife");
        Objects.requireNonNull(forecastMinSpan, "forecastMinSpan");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(milestoneLastStretch, "milestoneLastStretch");
        if (!(atRiskGap <= 0) || !(behindGap <= atRiskGap)) {
            throw new IllegalArgumentException("Gap thresholds must satisfy behindGap <= atRiskGap <= 0 (they are"
                    + " negative shares of the target, e.g. -0.15 and -0.05), got behindGap=" + behindGap
                    + ", atRiskGap=" + atRiskGap);
        }
        requireShare("aboutTolerance", aboutTolerance);
        requireShare("ceilingAtRiskHeadroom", ceilingAtRiskHeadroom);
        requireShare("forecastMissTolerance", forecastMissTolerance);
        requireShare("statusClearMargin", statusClearMargin);
        if (milestoneLastStretch.isNegative()) {
            throw new IllegalArgumentException("milestoneLastStretch must not be negative (0 turns the rule off), got "
                    + milestoneLastStretch);
        }
        if (staleAfter.isNegative() || staleAfter.isZero() || forecastHalfLife.isNegative() || forecastHalfLife.isZero()
                || forecastMinSpan.isNegative()) {
            throw new IllegalArgumentException("staleAfter and forecastHalfLife must be positive and forecastMinSpan"
                    + " not negative, got " + staleAfter + ", " + forecastHalfLife + ", " + forecastMinSpan);
        }
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be a share in [0, 1), e.g. 0.05 for 5%, got " + value);
        }
    }

    /** The documented defaults. */
    public static RuleConfig defaults() {
        return new RuleConfig(DEFAULT_AT_RISK_GAP, DEFAULT_BEHIND_GAP, DEFAULT_ABOUT_TOLERANCE,
                DEFAULT_CEILING_AT_RISK_HEADROOM, DEFAULT_FORECAST_MISS_TOLERANCE, DEFAULT_STALE_AFTER,
                DEFAULT_FORECAST_HALF_LIFE, DEFAULT_FORECAST_MIN_SPAN, DEFAULT_ZONE, DEFAULT_STATUS_CLEAR_MARGIN,
                DEFAULT_MILESTONE_LAST_STRETCH);
    }

    public RuleConfig withGaps(double atRisk, double behind) {
        return new RuleConfig(atRisk, behind, aboutTolerance, ceilingAtRiskHeadroom, forecastMissTolerance, staleAfter,
                forecastHalfLife, forecastMinSpan, zone, statusClearMargin, milestoneLastStretch);
    }

    public RuleConfig withStaleAfter(Duration value) {
        return new RuleConfig(atRiskGap, behindGap, aboutTolerance, ceilingAtRiskHeadroom, forecastMissTolerance, value,
                forecastHalfLife, forecastMinSpan, zone, statusClearMargin, milestoneLastStretch);
    }

    public RuleConfig withForecast(Duration halfLife, Duration minSpan, double missTolerance) {
        return new RuleConfig(atRiskGap, behindGap, aboutTolerance, ceilingAtRiskHeadroom, missTolerance, staleAfter,
                halfLife, minSpan, zone, statusClearMargin, milestoneLastStretch);
    }

    public RuleConfig withTolerances(double about, double ceilingHeadroom) {
        return new RuleConfig(atRiskGap, behindGap, about, ceilingHeadroom, forecastMissTolerance, staleAfter,
                forecastHalfLife, forecastMinSpan, zone, statusClearMargin, milestoneLastStretch);
    }

    public RuleConfig withZone(ZoneId value) {
        return new RuleConfig(atRiskGap, behindGap, aboutTolerance, ceilingAtRiskHeadroom, forecastMissTolerance,
                staleAfter, forecastHalfLife, forecastMinSpan, value, statusClearMargin, milestoneLastStretch);
    }

    public RuleConfig withStatusClearMargin(double value) {
        return new RuleConfig(atRiskGap, behindGap, aboutTolerance, ceilingAtRiskHeadroom, forecastMissTolerance,
                staleAfter, forecastHalfLife, forecastMinSpan, zone, value, milestoneLastStretch);
    }

    public RuleConfig withMilestoneLastStretch(Duration value) {
        return new RuleConfig(atRiskGap, behindGap, aboutTolerance, ceilingAtRiskHeadroom, forecastMissTolerance,
                staleAfter, forecastHalfLife, forecastMinSpan, zone, statusClearMargin, value);
    }
}
