package org.jingan.progress.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;

/**
 * The throughput workload: {@code count} reports spread uniformly over the given targets, in event-time order over
 * a span of the year, with the awkward cases a real intake delivers: about 1% redeliveries of a recent event (same id, must
 * count once) and 0.1% corrections retracting a recent one.
 */
public final class ThroughputMix implements EventSource {
    static final double DUPLICATE_SHARE = 0.01;
    static final double CORRECTION_SHARE = 0.001;
    private static final int RECENT = 1024;

    private final List<Target> targets;
    private final long count;
    private final long from;
    private final long to;
    private final long seed;
    private final String idPrefix;

    /** {@code count} events with event times spread evenly over [{@code from}, {@code to}) (epoch millis). */
    public ThroughputMix(List<Target> targets, long count, long from, long to, long seed, String idPrefix) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("The throughput mix needs at least one target");
        }
        this.targets = targets;
        this.count = count;
        this.from = from;
        this.to = to;
        this.seed = seed;
        this.idPrefix = idPrefix;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void forEach(Consumer<ProgressEvent> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        ProgressEvent[] recent = new ProgressEvent[RECENT];
        long start = from;
        double step = (double) (to - from) / Math.max(1, count);
        double reportsPerTarget = Math.max(1.0, (double) count / targets.size());
        for (long i = 0; i < count; i++) {
            long eventTime = start + (long) (i * step);
            double dice = random.nextDouble();
            int slot = random.nextInt(RECENT);
            ProgressEvent previous = recent[slot];
            ProgressEvent event;
            if (previous != null && dice < DUPLICATE_SHARE) {
                event = previous; // redelivered as is: the same event id must count once
            } else if (previous != null && previous.getKind() == UpdateKind.INCREMENT && dice < DUPLICATE_SHARE + CORRECTION_SHARE) {
                event = Reports.correction(idPrefix + i, previous, eventTime);
                recent[slot] = null; // a report is retracted once
            } else {
                Target t = targets.get(random.nextInt(targets.size()));
                UpdateKind kind = Reports.kindFor(t);
                event = Reports.report(idPrefix + i, t, kind, Reports.amount(t, reportsPerTarget, 0.5 + random.nextDouble()),
                        eventTime, "DEMO");
                recent[(int) (i % RECENT)] = event;
            }
            sink.accept(event);
        }
    }
}
