package org.jingan.progress.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies recorded from many threads, read as percentiles in milliseconds. */
public final class Latencies {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private Histogram total;

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000)));
    }

    /** Everything recorded so far (interval histograms accumulate). */
    public synchronized Histogram histogram() {
        Histogram interval = recorder.getIntervalHistogram();
        if (total == null) {
            total = interval.copy();
        } else {
            total.add(interval);
        }
        return total;
    }

    public long count() {
        return histogram().getTotalCount();
    }

    public double percentileMillis(double percentile) {
        Histogram h = histogram();
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        Histogram h = histogram();
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }
}
