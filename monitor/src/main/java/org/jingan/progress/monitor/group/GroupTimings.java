package org.jingan.progress.monitor.group;

import java.time.Duration;

/**
 * When grouped notifications go out, as Alertmanager's timers.
 *
 * @param groupWait      how long after a group's first member the first notice waits, so members that fire
 *                       together (a day close judges every target at once) go out as one notice (district clock)
 * @param groupInterval  at least this long between two notices of one group (district clock): the default, one
 *                       day, means at most one notice per department, kind and district day
 * @param repeatInterval an unchanged group is notified again when one of its members is re-sent on the topic and
 *                       this long passed since its last notice (wall clock: how often an operator is reminded)
 */
public record GroupTimings(Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    public static final GroupTimings DEFAULT = new GroupTimings(Duration.ofSeconds(30), Duration.ofDays(1),
            Duration.ofHours(4));

    public GroupTimings {
        for (Duration d : new Duration[] {groupWait, groupInterval, repeatInterval}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("group wait, group interval and repeat interval must not be"
                        + " negative, were " + groupWait + ", " + groupInterval + ", " + repeatInterval);
            }
        }
    }

    /** Every change notified at once: for tests that look at one notice at a time. */
    public static GroupTimings immediate(Duration repeatInterval) {
        return new GroupTimings(Duration.ZERO, Duration.ZERO, repeatInterval);
    }
}
