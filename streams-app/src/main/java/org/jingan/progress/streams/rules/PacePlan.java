package org.jingan.progress.streams.rules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The expected share of a target over time: linear between checkpoints, from 0 on 1 January of the target's year.
 * A checkpoint "by date D, ratio r" applies at the end of D. An empty plan is linear up to the end of the deadline
 * day; a plan that stops short of 1 before the deadline continues linearly to 1 at the deadline.
 * Immutable; built once per target revision, then cheap to query.
 */
public final class PacePlan {

    /** A checkpoint of the plan: by {@code date}, {@code ratio} of the target is expected. */
    public record Checkpoint(LocalDate date, double ratio) {
    }

    private final long[] times;
    private final double[] ratios;
    private final long deadlineEnd;

    private PacePlan(long[] times, double[] ratios, long deadlineEnd) {
        this.times = times;
        this.ratios = ratios;
        this.deadlineEnd = deadlineEnd;
    }

    public static PacePlan of(int year, LocalDate deadline, List<Checkpoint> checkpoints, ZoneId zone) {
        long start = Calendar.startOfYear(year, zone);
        long end = Math.max(start, Calendar.endOfDay(deadline, zone));
        List<Checkpoint> sorted = new ArrayList<>(checkpoints);
        sorted.sort(Comparator.comparing(Checkpoint::date));
        List<long[]> timesOut = new ArrayList<>();
        List<Double> ratiosOut = new ArrayList<>();
        timesOut.add(new long[]{start});
        ratiosOut.add(0.0);
        double last = 0;
        for (Checkpoint c : sorted) {
            long t = Calendar.endOfDay(c.date(), zone);
            if (t <= start) {
                continue;
            }
            // a plan never expects less later than earlier; clamp to [0, 1]
            last = Math.max(last, Math.min(1.0, Math.max(0.0, c.ratio())));
            timesOut.add(new long[]{t});
            ratiosOut.add(last);
        }
        long lastTime = timesOut.get(timesOut.size() - 1)[0];
        if (last < 1.0 && lastTime < end) {
            timesOut.add(new long[]{end});
            ratiosOut.add(1.0);
        }
        long[] t = new long[timesOut.size()];
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = timesOut.get(i)[0];
            r[i] = ratiosOut.get(i);
        }
        return new PacePlan(t, r, end);
    }

    /** The share of the target the plan expects by {@code epochMillis}, 0..1. */
    public double expectedRatio(long epochMillis) {
        if (epochMillis <= times[0]) {
            return 0.0;
        }
        int last = times.length - 1;
        if (epochMillis >= times[last]) {
            return ratios[last];
        }
        int i = 1;
        while (times[i] < epochMillis) {
            i++;
        }
        long t0 = times[i - 1];
        long t1 = times[i];
        if (t1 == t0) {
            return ratios[i];
        }
        return ratios[i - 1] + (ratios[i] - ratios[i - 1]) * ((epochMillis - t0) / (double) (t1 - t0));
    }

    /** The first time the plan expects {@code ratio}, or empty when it never does. */
    public OptionalLong timeAtRatio(double ratio) {
        if (ratio <= 0) {
            return OptionalLong.of(times[0]);
        }
        for (int i = 1; i < times.length; i++) {
            if (ratios[i] >= ratio) {
                double r0 = ratios[i - 1];
                double span = ratios[i] - r0;
                double f = span <= 0 ? 1.0 : (ratio - r0) / span;
                return OptionalLong.of(times[i - 1] + Math.round((times[i] - times[i - 1]) * f));
            }
        }
        return OptionalLong.empty();
    }

    /** 1 January 00:00 of the target's year. */
    public long start() {
        return times[0];
    }

    /** The end of the deadline day. */
    public long deadlineEnd() {
        return deadlineEnd;
    }

    /**
     * When the plan expects the whole target (the end of that checkpoint's day), or the end of the deadline day when
     * it never does or only after it: when a milestone is due.
     */
    public long fullBy() {
        OptionalLong full = timeAtRatio(1.0);
        return full.isPresent() ? Math.min(full.getAsLong(), deadlineEnd) : deadlineEnd;
    }

    /** What the plan finally expects (1 unless a plan stays below it). */
    public double finalRatio() {
        return ratios[ratios.length - 1];
    }
}
