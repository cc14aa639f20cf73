package org.jingan.progress.clock;

/** Which clock a component runs on. */
public enum ClockMode {
    /** Live: now is the wall clock. */
    WALL,
    /** Replays and the demo year: now is the latest tick on the district-clock topic. */
    SIMULATED
}
