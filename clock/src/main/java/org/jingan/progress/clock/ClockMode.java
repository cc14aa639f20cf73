package org.jingan.progress.clock;

import java.util.Locale;

/** Which clock a component runs on. */
public enum ClockMode {
    /** Live: now is the wall clock. */
    WALL,
    /** Replays and the demo year: now is the latest tick on the district-clock topic. */
    SIMULATED;

    /** {@code wall} or {@code simulated}, in any case. */
    public static ClockMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("the clock is 'wall' or 'simulated', not '" + text + "'", e);
        }
    }
}
