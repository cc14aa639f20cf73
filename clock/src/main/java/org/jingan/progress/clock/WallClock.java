package org.jingan.progress.clock;

import java.time.Clock;
import java.util.Objects;

/** The live district clock: the wall clock. */
public final class WallClock implements DistrictClock {
    private final Clock clock;

    public WallClock() {
        this(Clock.systemUTC());
    }

    /** A wall clock read from {@code clock} (tests pass a fixed or offset one). */
    public WallClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long millis() {
        return clock.millis();
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public String toString() {
        return "wall clock (" + now() + ")";
    }
}
