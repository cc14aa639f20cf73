package org.jingan.progress.bulletins.data;

import java.time.LocalDate;

import org.jingan.progress.contract.PlanSource;

/**
 * A target's standing at the end of one history bucket (the store {@code target-history}): the day, or for monthly
 * buckets the month's last day.
 */
public record HistoryPoint(LocalDate date, Double targetValue, double actual, double expectedRatio,
                           Double expectedValue, Double completionRatio, Double forecastYearEnd, String status,
                           PlanSource plan) {

    /** A point judged by 时序进度 (or written before points named their plan). */
    public HistoryPoint(LocalDate date, Double targetValue, double actual, double expectedRatio, Double expectedValue,
                        Double completionRatio, Double forecastYearEnd, String status) {
        this(date, targetValue, actual, expectedRatio, expectedValue, completionRatio, forecastYearEnd, status,
                PlanSource.LINEAR);
    }

    /** completion - expected; for a ceiling the headroom's share, as the streams app computes it for standings. */
    public Double gap(boolean ceiling) {
        if (ceiling) {
            return targetValue == null || targetValue == 0 ? null : (targetValue - actual) / targetValue;
        }
        return completionRatio == null ? null : completionRatio - expectedRatio;
    }
}
