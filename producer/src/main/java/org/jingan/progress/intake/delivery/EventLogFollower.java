package org.jingan.progress.intake.delivery;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.registry.FollowedTopic;
import org.jingan.progress.registry.TopicFollower;

/**
 * Reads the progress-events topic from its beginning, {@code read_committed}, and keeps reading: every stored event
 * goes to the listener, in each partition's order. This is the log the streams app deduplicates on, so the intake
 * learns from it which event ids are taken, after a restart and from other intake instances.
 *
 * <p>{@link #awaitCaughtUp} says when every event stored before {@link #start} was handed over. No consumer group:
 * every intake instance reads the whole topic. A record that cannot be decoded is skipped, as the streams app dead-letters it; a
 * fault of the schema registry is waited out, since skipping a readable event would forget its id.
 */
public final class EventLogFollower extends FollowedTopic<ProgressEvent> {
    /**
     * @param connection     bootstrap servers and the client's security settings
     * @param registryConfig {@code schema.registry.url} and the registry's settings
     * @param listener       called on the follower's thread for every stored event
     * @param onCaughtUp     called on the follower's thread once every event stored before {@link #start} was handed
     *                       to the listener
     */
    public EventLogFollower(String topic, Map<String, Object> connection, Map<String, ?> registryConfig,
                            Consumer<StoredEvent> listener, Runnable onCaughtUp) {
        super(new TopicFollower<>(topic, ProgressEvent.class, consumerConfig(connection), registryConfig,
                (key, event, record) -> handOver(key, event, record, listener), onCaughtUp));
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> connection) {
        var config = new HashMap<String, Object>(connection);
        // another instance's event is seen within about this long: the window in which two instances can both
        // accept one id for different reports
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "progress-intake-event-log");
        return config;
    }

    private static void handOver(String key, ProgressEvent event, ConsumerRecord<byte[], byte[]> record,
                                 Consumer<StoredEvent> listener) {
        // a tombstone, or an event not keyed by its target: the streams app refuses it, there is nothing to remember
        if (event != null && event.getTargetId().equals(key)) {
            listener.accept(new StoredEvent(event, new Delivery(record.topic(), record.partition(), record.offset(),
                    Instant.ofEpochMilli(record.timestamp()))));
        }
    }

    public EventLogFollower start() {
        startFollowing();
        return this;
    }
}
