package org.jingan.progress.stack.demo;

import java.time.Instant;

/** Told how the replay advances; the terminal progress bar ({@link ReplayProgressBar}) is one. */
public interface ReplayListener {
    ReplayListener NONE = new ReplayListener() {
    };

    /** The replay starts (or resumes) at step {@code position} of {@code total}, before it sends anything. */
    default void started(int position, int total) {
    }

    /** {@code position} of {@code total} steps acknowledged, the last at {@code eventTime}. */
    default void progress(int position, int total, Instant eventTime, int rejected) {
    }

    /** The replay moved the simulated district clock to {@code now} (acknowledged). */
    default void clockMoved(Instant now) {
    }

    default void finished(int total, int rejected) {
    }

    default void failed(String reason) {
    }
}
