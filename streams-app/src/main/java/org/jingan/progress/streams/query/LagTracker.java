package org.jingan.progress.streams.query;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind this instance's copies of each store partition are: offset lag from
 * {@link KafkaStreams#allLocalStorePartitionLags()} (one list-offsets call to the broker, hence sampled, not asked
 * per request) and a time lag derived from it: how long since the copy was last seen caught up.
 *
 * <p>"Caught up" allows one offset of lag: under exactly-once every transaction ends with a commit marker that takes
 * an offset of the changelog but is never applied, so a standby holding every committed record is one short of the
 * end offset. The offset lag itself is reported as Kafka measures it.
 */
final class LagTracker {
    private static final Logger log = LoggerFactory.getLogger(LagTracker.class);
    private static final long CAUGHT_UP_SLACK = 1;

    /** One store partition's last sample. */
    record Sample(long offsetLag, long sampledAt, Long lastCaughtUpAt) {
    }

    private final KafkaStreams streams;
    private final Clock clock;
    private final Map<String, Map<Integer, Sample>> samples = new ConcurrentHashMap<>();
    private volatile long lastRefresh;

    LagTracker(KafkaStreams streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    /** Takes a new sample of every local store partition; failures keep the old samples (they age, so time lag grows). */
    synchronized void refresh() {
        Map<String, Map<Integer, LagInfo>> lags;
        try {
            lags = streams.allLocalStorePartitionLags();
        } catch (RuntimeException e) {
            log.debug("Could not sample store lags: {}", e.toString());
            return;
        }
        long now = clock.millis();
        Map<String, Map<Integer, Sample>> fresh = new ConcurrentHashMap<>();
        lags.forEach((store, partitions) -> {
            if (store == null) {
                return; // a changelog Kafka could not map to a store name
            }
            Map<Integer, Sample> previous = samples.getOrDefault(store, Map.of());
            Map<Integer, Sample> next = new ConcurrentHashMap<>();
            partitions.forEach((partition, lag) -> {
                Sample before = previous.get(partition);
                Long caughtUpAt = lag.offsetLag() <= CAUGHT_UP_SLACK ? Long.valueOf(now)
                        : before == null ? null : before.lastCaughtUpAt();
                next.put(partition, new Sample(lag.offsetLag(), now, caughtUpAt));
            });
            fresh.put(store, next);
        });
        samples.clear();
        samples.putAll(fresh);
        lastRefresh = now;
    }

    /** Refreshes if the last sample is older than {@code maxAgeMs}. */
    void refreshIfOlderThan(long maxAgeMs) {
        if (clock.millis() - lastRefresh > maxAgeMs) {
            refresh();
        }
    }

    /**
     * Freshness of a local copy: offset lag and time since last caught up; null parts when this instance has no
     * sample of that partition yet.
     */
    Freshness.Copy copy(String store, int partition, String self, Freshness.Role role, boolean runningActive) {
        if (runningActive) {
            // a running active task is the writer of its changelog: it is the reference point, lag 0 by definition
            return new Freshness.Copy(store, partition, self, role, 0L, 0L);
        }
        Sample sample = samples.getOrDefault(store, Map.of()).get(partition);
        if (sample == null) {
            return new Freshness.Copy(store, partition, self, role, null, null);
        }
        long now = clock.millis();
        Long timeLag = sample.lastCaughtUpAt() == null ? null : Math.max(0, now - sample.lastCaughtUpAt());
        return new Freshness.Copy(store, partition, self, role, sample.offsetLag(), timeLag);
    }
}
