package org.jingan.progress.clock;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated district clock: it stands where the last tick put it and never runs backwards (an earlier tick is
 * ignored, so a tick delivered twice or out of order changes nothing). Thread-safe: one thread feeds it the ticks it
 * reads, any number read it.
 */
public final class SimulatedClock implements DistrictClock {
    private final AtomicLong now;

    /** A clock that stands at {@code start} until the first later tick. */
    public SimulatedClock(Instant start) {
        this.now = new AtomicLong(start.toEpochMilli());
    }

    /** Moves the clock to {@code millis} if that is later than now; true if it moved. */
    public boolean advanceTo(long millis) {
        long before = now.getAndAccumulate(millis, Math::max);
        if (millis > before) {
            synchronized (this) {
                notifyAll();
            }
            return true;
        }
        return false;
    }

    /**
     * Waits (at most {@code timeout}) until the clock reads {@code millis} or later, and returns where it stands:
     * for a reader that knows a tick is on its way (a report accepted at that time) and would otherwise judge by a
     * clock a moment behind.
     */
    public long awaitAtLeast(long millis, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (now.get() < millis) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return now.get();
    }

    @Override
    public long millis() {
        return now.get();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public String toString() {
        return "simulated clock (" + now() + ")";
    }
}
