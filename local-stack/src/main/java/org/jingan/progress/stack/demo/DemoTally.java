package org.jingan.progress.stack.demo;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;

/**
 * Adds up reports the way the pipeline counts them: increments sum, year-to-date totals and levels take the latest
 * by event time, a milestone counts 1 once reached, a correction retracts the report it names, and a report id seen
 * twice counts once. It answers "what should the board say" for the demo's tests and the launcher's check.
 */
public final class DemoTally {
    /** Relative tolerance for ABOUT (左右) targets. */
    public static final double ABOUT_TOLERANCE = 0.05;

    private DemoTally() {
    }

    /** Each target's actual from the reports with event time up to {@code asOf} (inclusive). */
    public static Map<String, Double> actuals(List<Target> targets, List<DemoReport> reports, Instant asOf) {
        Map<String, Double> actuals = new LinkedHashMap<>();
        for (Target target : targets) {
            actuals.put(target.getId(), actual(target, reports, asOf));
        }
        return actuals;
    }

    public static double actual(Target target, List<DemoReport> reports, Instant asOf) {
        Set<String> seen = new HashSet<>();
        List<DemoReport> mine = reports.stream()
                .filter(r -> r.targetId().equals(target.getId()) && !r.eventTime().isAfter(asOf))
                .filter(r -> seen.add(r.eventId()))
                .sorted(Comparator.comparing(DemoReport::eventTime).thenComparing(DemoReport::eventId))
                .toList();
        Set<String> retracted = new HashSet<>();
        mine.stream().filter(r -> r.kind() == UpdateKind.CORRECTION).forEach(r -> retracted.add(r.correctsEventId()));
        double sumAfterTotal = 0;
        Double latest = null;
        boolean milestone = false;
        for (DemoReport r : mine) {
            if (retracted.contains(r.eventId())) {
                continue;
            }
            switch (r.kind()) {
                case INCREMENT -> sumAfterTotal += r.value();
                case CUMULATIVE_TO_DATE, LEVEL -> {
                    latest = r.value();
                    sumAfterTotal = 0; // increments before a total are included in it
                }
                case MILESTONE_REACHED -> milestone = true;
                case CORRECTION -> { }
            }
        }
        if (milestone) {
            return 1.0;
        }
        return (latest == null ? 0 : latest) + sumAfterTotal;
    }

    /** Whether {@code actual} meets the target (for a ceiling: stays within it). Null target value: not met. */
    public static boolean met(Target target, double actual) {
        Double goal = target.getTargetValue();
        if (goal == null) {
            return false;
        }
        double eps = 1e-9 * Math.max(1, Math.abs(goal));
        return switch (target.getComparator()) {
            case AT_LEAST -> actual >= goal - eps;
            case ABOUT -> Math.abs(actual - goal) <= ABOUT_TOLERANCE * goal + eps;
            case AT_MOST -> actual <= goal + eps;
            case DONE -> actual >= 1 - eps;
        };
    }
}
