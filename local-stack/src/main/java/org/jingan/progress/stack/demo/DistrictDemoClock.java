package org.jingan.progress.stack.demo;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.stack.demo.DemoSink.SinkUnavailableException;

/**
 * The simulated district clock moved by the demo: ticks go to the district-clock topic through a {@link ClockSetter}
 * (set by {@value #SET_BY}); where the clock stands is read from a view that follows the topic (a
 * {@link org.jingan.progress.clock.ClockFollower}), so a tick an operator wrote meanwhile is seen and the demo never
 * writes one earlier than it. That matters beyond the followers, which ignore an earlier tick anyway: the topic is
 * compacted, so the last tick written is the one a component that starts later reads.
 */
public final class DistrictDemoClock implements DemoClock, AutoCloseable {
    /** The {@code setBy} of the demo's ticks. */
    public static final String SET_BY = "demo";

    private final ClockSetter setter;
    private final DistrictClock follower;
    private final String topic;
    private volatile long lastSet = Long.MIN_VALUE;

    /**
     * @param setter   writes the ticks (closed with this clock)
     * @param follower follows the same topic (its owner closes it)
     * @param topic    the topic's name, for messages
     */
    public DistrictDemoClock(ClockSetter setter, DistrictClock follower, String topic) {
        if (follower.live()) {
            throw new IllegalArgumentException("The demo moves a simulated clock, not the wall clock");
        }
        this.setter = setter;
        this.follower = follower;
        this.topic = topic;
    }

    /**
     * The producer settings of the demo's setter: a tick is sent alone and waited for, so it should not linger, and
     * a broker that is away is reported within seconds (the replay retries) rather than minutes.
     */
    public static Map<String, Object> setterConfig(Map<String, ?> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(Math.max(follower.millis(), lastSet));
    }

    @Override
    public void advanceTo(Instant instant) throws SinkUnavailableException {
        long target = instant.toEpochMilli();
        if (target <= Math.max(follower.millis(), lastSet)) {
            return;
        }
        try {
            setter.set(instant);
        } catch (IllegalStateException e) {
            throw new SinkUnavailableException("the district clock on topic '" + topic + "' did not take the tick "
                    + instant + ": " + e.getMessage(), e);
        }
        lastSet = target;
    }

    @Override
    public String describe() {
        return "the district clock on topic '" + topic + "'";
    }

    @Override
    public void close() {
        setter.close();
    }
}
