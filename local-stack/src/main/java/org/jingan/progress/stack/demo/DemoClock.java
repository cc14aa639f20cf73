package org.jingan.progress.stack.demo;

import java.time.Instant;

import org.jingan.progress.stack.demo.DemoSink.SinkUnavailableException;

/**
 * The district clock as the demo replay sees and moves it. On the simulated clock ({@link DistrictDemoClock}) the
 * replay moves it through the year, ahead of the reports it posts; {@link #NONE} is a replay with no simulated clock
 * to move (the wall clock, or a sink that needs none).
 */
public interface DemoClock {

    /** No simulated clock: the replay paces itself from its first step and moves nothing. */
    DemoClock NONE = new DemoClock() {
        @Override
        public boolean simulated() {
            return false;
        }

        @Override
        public Instant now() {
            throw new IllegalStateException("The demo runs without a simulated clock");
        }

        @Override
        public void advanceTo(Instant instant) {
        }

        @Override
        public String describe() {
            return "no simulated clock";
        }
    };

    /** Whether there is a simulated clock to move. */
    boolean simulated();

    /** Where the district clock stands: its latest tick (whoever wrote it), or its start before the first. */
    Instant now();

    /**
     * Moves the district clock to {@code instant} and returns once the tick is acknowledged; does nothing when the
     * clock already stands there or later (it never runs backwards).
     *
     * @throws SinkUnavailableException the clock's topic did not take the tick (worth retrying)
     */
    void advanceTo(Instant instant) throws SinkUnavailableException;

    /** Where the clock lives, for messages. */
    String describe();
}
