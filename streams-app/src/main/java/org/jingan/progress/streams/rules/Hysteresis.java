package org.jingan.progress.streams.rules;

import org.jingan.progress.avro.TargetStatus;

/**
 * The thresholds a status is judged by, given the status the target had: a status is entered at its threshold and
 * left only once the gap (a ceiling's headroom) is back past it by {@link RuleConfig#statusClearMargin()}, so a gap
 * that wavers around a threshold keeps its status instead of firing and resolving an alert at every report. Entering
 * a worse status is never delayed.
 */
final class Hysteresis {

    private Hysteresis() {
    }

    /** Below this gap a target is (still) at least AT_RISK. */
    static double atRiskGap(TargetStatus previous, RuleConfig config) {
        boolean held = previous == TargetStatus.AT_RISK || previous == TargetStatus.BEHIND;
        return config.atRiskGap() + (held ? config.statusClearMargin() : 0);
    }

    /** Below this gap a target is (still) BEHIND. */
    static double behindGap(TargetStatus previous, RuleConfig config) {
        return config.behindGap() + (previous == TargetStatus.BEHIND ? config.statusClearMargin() : 0);
    }

    /** With less headroom (a share of the ceiling) than this a ceiling is (still) AT_RISK; a breach left counts too. */
    static double ceilingAtRiskHeadroom(TargetStatus previous, RuleConfig config) {
        boolean held = previous == TargetStatus.AT_RISK || previous == TargetStatus.BREACHED;
        return config.ceilingAtRiskHeadroom() + (held ? config.statusClearMargin() : 0);
    }
}
