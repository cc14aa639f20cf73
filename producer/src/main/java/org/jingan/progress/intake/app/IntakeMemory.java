package org.jingan.progress.intake.app;

import java.time.Duration;
import java.util.Map;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.intake.delivery.EventLogFollower;
import org.jingan.progress.intake.service.DedupHorizon;
import org.jingan.progress.intake.service.DepartmentReports;
import org.jingan.progress.intake.service.KnownEvents;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's memory of stored events ({@link KnownEvents}), rebuilt at start from the progress-events topic and
 * kept current from it by an {@link EventLogFollower} that this object starts and closes. Until the events stored
 * before the start are read, the intake stores nothing (503) and is not ready.
 */
public final class IntakeMemory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntakeMemory.class);
    /** The longest a start waits for the rebuild (then it goes on, not ready, and becomes ready when done). */
    public static final Duration REBUILD_WAIT = Duration.ofMinutes(2);

    private final KnownEvents known;
    private final DepartmentReports reports = new DepartmentReports();
    private final EventLogFollower follower;
    private final String topic;

    private IntakeMemory(KnownEvents known, String topic, Map<String, Object> connection, Map<String, ?> registryConfig) {
        this.known = known;
        this.topic = topic;
        long started = System.nanoTime();
        this.follower = new EventLogFollower(topic, connection, registryConfig, stored -> {
            known.learn(stored);
            reports.learn(stored);
        }, () -> {
            known.markRebuilt();
            log.info("memory of event ids rebuilt from '{}': {} events read in {} ms, {} ids kept", topic,
                    follower().recordsRead(), Duration.ofNanos(System.nanoTime() - started).toMillis(), known.size());
        });
    }

    /**
     * Starts reading {@code topic}.
     *
     * @param clock      the district clock, by which ids expire
     * @param afterYear  how long after its target's year an id is kept ({@link DedupHorizon})
     * @param capacity   the most ids kept
     * @param connection bootstrap servers and the client's security settings (the principal needs READ on the topic)
     */
    public static IntakeMemory open(String topic, TargetDirectory targets, DistrictClock clock, Duration afterYear,
                                    int capacity, Map<String, Object> connection, Map<String, ?> registryConfig) {
        var known = new KnownEvents(clock, new DedupHorizon(afterYear, DistrictClock.ZONE, targets), capacity);
        var memory = new IntakeMemory(known, topic, connection, registryConfig);
        memory.follower.start();
        return memory;
    }

    private EventLogFollower follower() {
        return follower;
    }

    public KnownEvents known() {
        return known;
    }

    /** The departments' last reports, for the department page. */
    public DepartmentReports reports() {
        return reports;
    }

    /**
     * Waits up to {@code timeout} for the rebuild; false if it takes longer (it goes on). Throws when the topic
     * cannot be read at all (no READ right), which waiting would not mend.
     */
    public boolean awaitRebuilt(Duration timeout) {
        boolean done = follower.awaitCaughtUp(timeout);
        if (follower.failure() != null) {
            throw new IllegalStateException("cannot rebuild the memory of event ids from '" + topic + "': "
                    + follower.failure().getMessage(), follower.failure());
        }
        if (!done) {
            log.warn("the memory of event ids is not rebuilt after {} ({} events read from '{}'): the intake answers"
                    + " 503 and is not ready until it is", timeout, follower.recordsRead(), topic);
        }
        return done;
    }

    /** Rebuilt and still following the topic. */
    public boolean ready() {
        return known.rebuilt() && follower.healthy();
    }

    @Override
    public void close() {
        follower.close();
    }

    @Override
    public String toString() {
        return "memory of event ids from '" + topic + "' (" + known.size() + " ids"
                + (known.rebuilt() ? "" : ", rebuilding") + ")";
    }
}
