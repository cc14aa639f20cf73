package org.jingan.progress.bench;

import java.util.concurrent.locks.LockSupport;

/** Spaces out work at a steady rate: the i-th call returns no earlier than start + i / rate. */
final class Pacer {
    private final long start = System.nanoTime();
    private final double nanosPerItem;
    private long items;
    private long lastDue;

    Pacer(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("A rate must be positive, got " + perSecond);
        }
        this.nanosPerItem = 1e9 / perSecond;
    }

    /** Waits for the next slot; returns false once {@code deadlineNanos} (System.nanoTime) has passed. */
    boolean next(long deadlineNanos) {
        long due = start + (long) (items++ * nanosPerItem);
        lastDue = due;
        long now;
        while ((now = System.nanoTime()) < due) {
            LockSupport.parkNanos(Math.min(due - now, 1_000_000));
        }
        return now < deadlineNanos;
    }

    /**
     * When the slot {@link #next} last waited for was due: a latency measured from here, not from when the work could
     * start, includes the wait a slow answer imposed on the ones scheduled after it (no coordinated omission).
     */
    long lastDue() {
        return lastDue;
    }

    long items() {
        return items;
    }
}
