package org.jingan.progress.streams.rules;

/**
 * What was reached: the actual so far, how many reports were counted, when the latest happened (event time) and
 * arrived (stream time), whether a milestone is done, and the recent velocity.
 */
public record Progress(double actual, long eventCount, Long lastEventTime, Long lastReportAt, boolean milestoneDone,
                       Velocity velocity) {

    public static Progress none() {
        return new Progress(0, 0, null, null, false, Velocity.NONE);
    }
}
