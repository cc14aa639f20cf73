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
        return millis > before;
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
