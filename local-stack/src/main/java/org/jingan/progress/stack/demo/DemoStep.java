package org.jingan.progress.stack.demo;

import java.time.Instant;

/** One step of the demo year, replayed in {@link #eventTime()} order: a department's report or a target revision. */
public sealed interface DemoStep permits DemoReport, DemoRevision {
    /** Position of the step in the script, 0-based; the replay position counts steps. */
    int index();

    Instant eventTime();
}
