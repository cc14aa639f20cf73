package org.jingan.progress.streams.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The event times a target accepts at the district clock's {@code now}: from 1 January of its year, to the earlier of
 * now plus a small skew (a sender's clock runs a little fast) and the end of its deadline day plus the reporting
 * grace (late reports about the year are welcome; a value "as of" long after the deadline says nothing about it).
 * A report's event time only places its value in time: it is checked here and never moves the clock.
 */
public record EventTimeRange(long earliest, long latestByClock, long latestByDeadline, ZoneId zone) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public static EventTimeRange of(PacePlan plan, long now, long aheadMillis, long graceMillis, ZoneId zone) {
        return new EventTimeRange(plan.start(), now + aheadMillis, plan.deadlineEnd() + graceMillis, zone);
    }

    public long latest() {
        return Math.min(latestByClock, latestByDeadline);
    }

    /** Why {@code eventTime} is out of range for target {@code targetId}, or null when it is in range. */
    public Rejection check(String targetId, long eventTime) {
        if (eventTime >= earliest && eventTime <= latest()) {
            return null;
        }
        String why = eventTime < earliest ? "before the target's year"
                : latestByClock <= latestByDeadline ? "after the district clock's now" : "after the deadline plus the reporting grace";
        return new Rejection(RejectionReason.EVENT_TIME_OUT_OF_RANGE, "eventTime " + shown(eventTime) + " is " + why
                + ": target '" + targetId + "' accepts event times from " + shown(earliest) + " to " + shown(latest())
                + " (" + zone + "); fix the event time");
    }

    private String shown(long millis) {
        return SHOWN.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
