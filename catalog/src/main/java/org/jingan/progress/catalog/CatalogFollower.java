package org.jingan.progress.catalog;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jingan.progress.avro.Target;
import org.jingan.progress.registry.FollowedTopic;
import org.jingan.progress.registry.TopicFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted targets topic, the catalog's truth, for a reader that must see revisions as they are
 * published (the intake): reads it from the beginning, {@code read_committed}, with no consumer group (every instance
 * reads the whole catalog), and keeps reading. Each record goes to the {@link Listener} in its partition's order: a
 * target replaces the one with its id, a tombstone removes it. {@link #awaitCaughtUp} says when everything on the topic
 * at the start was handed over. A record that cannot be decoded is skipped (the streams app refuses it too); a fault
 * of the schema registry is waited out, since skipping a readable revision would keep an old one in force.
 */
public final class CatalogFollower extends FollowedTopic<Target> {
    private static final Logger log = LoggerFactory.getLogger(CatalogFollower.class);

    /** What the follower hands over, on its own thread. */
    public interface Listener {
        /** The latest revision of a target. */
        void put(Target target);

        /** A tombstone: the target was withdrawn. */
        void remove(String targetId);
    }

    /**
     * @param clientConfig bootstrap servers, the client's security settings (its principal needs READ and DESCRIBE on
     *                     the topic) and the registry's settings
     */
    public CatalogFollower(String topic, Map<String, ?> clientConfig, Listener listener) {
        super(new TopicFollower<>(topic, Target.class, clientConfig, clientConfig,
                (key, target, record) -> handOver(key, target, record, listener), () -> { }));
    }

    private static void handOver(String key, Target target, ConsumerRecord<byte[], byte[]> record, Listener listener) {
        if (target == null) {
            listener.remove(key);
        } else if (!target.getId().equals(key)) {
            log.warn("skipped {}[{}]@{}: keyed '{}' but holds target '{}'", record.topic(), record.partition(),
                    record.offset(), key, target.getId());
        } else {
            listener.put(target);
        }
    }

    public CatalogFollower start() {
        startFollowing();
        return this;
    }
}
