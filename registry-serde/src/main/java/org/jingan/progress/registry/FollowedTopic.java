package org.jingan.progress.registry;

import java.time.Duration;

import org.apache.avro.specific.SpecificRecord;

/**
 * A reader of one topic through a {@link TopicFollower} that hands its records over as its own domain's (the catalog's
 * targets, the intake's stored events): where its reading stands, said once for all of them.
 */
public abstract class FollowedTopic<V extends SpecificRecord> implements AutoCloseable {
    private final TopicFollower<V> follower;

    protected FollowedTopic(TopicFollower<V> follower) {
        this.follower = follower;
    }

    protected void startFollowing() {
        follower.start();
    }

    /** True once everything on the topic when it started was handed over; false after {@code timeout} or a failure. */
    public boolean awaitCaughtUp(Duration timeout) {
        return follower.awaitCaughtUp(timeout);
    }

    public boolean caughtUp() {
        return follower.caughtUp();
    }

    /** Still reading: false after a failure it cannot get past (no right to read the topic) or once closed. */
    public boolean healthy() {
        return follower.healthy();
    }

    /** What stopped it, or null. */
    public RuntimeException failure() {
        return follower.failure();
    }

    /** Records read so far (tombstones and records it did not hand over included). */
    public long recordsRead() {
        return follower.recordsRead();
    }

    @Override
    public void close() {
        follower.close();
    }
}
