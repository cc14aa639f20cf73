package org.jingan.progress.stack.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.Target;

/**
 * How the demo's department works on a target, as a function of the date: the share of the target done by then,
 * interpolated linearly from 0 on 1 January through the target's plan, or the department's own work pattern
 * ({@link DemoWorkPatterns}) when the target has no plan (linear to the deadline when it has neither).
 */
public final class PaceCurve {
    private final List<LocalDate> dates = new ArrayList<>();
    private final List<Double> ratios = new ArrayList<>();

    private PaceCurve(Target target) {
        LocalDate start = LocalDate.of(target.getYear(), 1, 1);
        dates.add(start);
        ratios.add(0.0);
        List<PacePoint> given = target.getPacePlan().isEmpty() ? DemoWorkPatterns.of(target.getId(), target.getYear())
                : target.getPacePlan();
        List<PacePoint> plan = given.stream().sorted(Comparator.comparing(PacePoint::getDate)).toList();
        if (plan.isEmpty()) {
            dates.add(target.getDeadline());
            ratios.add(1.0);
        }
        for (PacePoint point : plan) {
            if (point.getDate().isAfter(start)) {
                dates.add(point.getDate());
                ratios.add(point.getExpectedRatio());
            }
        }
    }

    public static PaceCurve of(Target target) {
        return new PaceCurve(target);
    }

    /** The share of the target expected by {@code date}, 0..1. */
    public double expectedRatio(LocalDate date) {
        if (!date.isAfter(dates.get(0))) {
            return 0.0;
        }
        for (int i = 1; i < dates.size(); i++) {
            if (!date.isAfter(dates.get(i))) {
                double span = ChronoUnit.DAYS.between(dates.get(i - 1), dates.get(i));
                double into = ChronoUnit.DAYS.between(dates.get(i - 1), date);
                return ratios.get(i - 1) + (ratios.get(i) - ratios.get(i - 1)) * into / span;
            }
        }
        return ratios.get(ratios.size() - 1);
    }
}
