package org.jingan.progress.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jingan.progress.clock.ClockFollower;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.stack.demo.DistrictDemoClock;

/** The stack's view of the simulated district clock: a follower of the clock's topic, moved at start if asked. */
final class StackClock {
    /** The {@code setBy} of the tick {@code --clock-date} writes. */
    static final String CLOCK_DATE_SET_BY = "local-stack --clock-date";

    private StackClock() {
    }

    /**
     * Follows the clock on {@code topic} (standing at {@code start} until its first tick) and, with {@code moveTo},
     * moves it there first. The clock never runs backwards: a {@code moveTo} before where it stands is refused.
     *
     * @throws StackException when the topic cannot be read or written, or {@code moveTo} is in the clock's past
     */
    static ClockFollower follow(String topic, Instant start, Instant moveTo, Map<String, Object> clientConfig,
                                Duration timeout) {
        ClockFollower follower = new ClockFollower(topic, start, clientConfig, clientConfig);
        try {
            follower.start(timeout);
            if (!follower.catchUp(timeout)) {
                throw new StackException("The district clock on topic '" + topic + "' could not be read within "
                        + timeout.toSeconds() + " s (details in the log).");
            }
            if (moveTo != null && moveTo.isBefore(follower.now())) {
                throw new StackException("The district clock already stands at " + ClockTopic.show(follower.now())
                        + " and never runs backwards: --clock-date " + ClockTopic.show(moveTo) + " is before that."
                        + " Choose a later date, or start over with --fresh.");
            }
            if (moveTo != null && moveTo.isAfter(follower.now())) {
                try (ClockSetter setter = new ClockSetter(topic, DistrictDemoClock.setterConfig(clientConfig),
                        clientConfig, CLOCK_DATE_SET_BY)) {
                    setter.set(moveTo);
                } catch (IllegalStateException e) {
                    throw new StackException("Cannot move the district clock to " + ClockTopic.show(moveTo) + ": "
                            + e.getMessage(), e);
                }
                if (!follower.catchUp(timeout)) {
                    throw new StackException("The district clock was moved to " + ClockTopic.show(moveTo)
                            + " but not read back within " + timeout.toSeconds() + " s (details in the log).");
                }
            }
            return follower;
        } catch (RuntimeException e) {
            follower.close();
            throw e;
        }
    }
}
