package org.jingan.progress.streams.rules;

import java.util.Set;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.TargetStatus;

/**
 * A target's standing at {@code asOf}.
 *
 * @param completionRatio actual / target (for a ceiling the share used); null while pending, and for a zero ceiling
 *                        once breached (no finite share: see headroom)
 * @param expectedRatio   share the pace plan expects by asOf
 * @param gap             completion - expected (for a ceiling: the headroom left as a share); null while pending
 *                        and for a zero ceiling (no share of zero)
 * @param headroom        ceiling only: target - actual in units (negative when breached)
 * @param forecast        projection to the deadline, or null when there is too little to go on
 * @param velocityPerDay  recent velocity, units per day
 * @param conditions      the alert conditions that hold now
 */
public record Evaluation(long asOf, Double completionRatio, double expectedRatio, Double gap, Double headroom,
                         TargetStatus status, Forecast forecast, Double velocityPerDay, Set<AlertKind> conditions) {

    /** Expected value in the target's unit, or null while pending. */
    public Double expectedValue(Double targetValue) {
        return targetValue == null ? null : expectedRatio * targetValue;
    }
}
