package org.jingan.progress.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every number the benchmark measured, by metric, over the repeated runs; rows keep the order metrics were first
 * recorded in, so the table reads in the order the phases ran.
 */
public final class ResultTable {

    /** One metric over all runs: the median is what we report, min and max show the spread. */
    public record Row(String metric, String unit, List<Double> values, String note) {
        public double median() {
            return ResultTable.median(values);
        }

        public double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        public double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        public int runs() {
            return values.size();
        }
    }

    private final Map<String, String> units = new LinkedHashMap<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    /** Adds one run's value of {@code metric}; NaN and infinities are refused, they would hide a broken phase. */
    public synchronized void record(String metric, String unit, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Metric '" + metric + "' measured a non-finite value " + value
                    + ": the phase that produced it is broken");
        }
        String known = units.putIfAbsent(metric, unit);
        if (known != null && !known.equals(unit)) {
            throw new IllegalArgumentException("Metric '" + metric + "' recorded in " + unit + " after " + known);
        }
        values.computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
    }

    /** A remark shown next to the metric, e.g. how it was measured. */
    public synchronized void note(String metric, String note) {
        notes.put(metric, note);
    }

    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        values.forEach((metric, vs) -> rows.add(new Row(metric, units.get(metric), List.copyOf(vs), notes.getOrDefault(metric, ""))));
        return rows;
    }

    /** The latest value of a metric, for phases that depend on an earlier one (latency runs at half the rate). */
    public synchronized double last(String metric) {
        List<Double> vs = values.get(metric);
        if (vs == null || vs.isEmpty()) {
            throw new IllegalStateException("No value of '" + metric + "' was measured yet");
        }
        return vs.get(vs.size() - 1);
    }

    public synchronized double medianOf(String metric) {
        List<Double> vs = values.get(metric);
        return vs == null ? Double.NaN : median(vs);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
