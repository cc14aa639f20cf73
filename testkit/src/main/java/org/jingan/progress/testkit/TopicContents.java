package org.jingan.progress.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What a topic holds now, as a {@code read_committed} consumer without a group sees it: every partition read from its
 * beginning up to its end offset as of the call. The end is reached by position, not by counting records, because
 * end offsets also count transaction markers, which are never delivered.
 */
public final class TopicContents {

    private TopicContents() {
    }

    /** The committed records of {@code topic}; fails if they cannot be read within {@code timeout}. */
    public static <K, V> List<ConsumerRecord<K, V>> readCommitted(Map<String, ?> clientConfig, String topic,
                                                                  Deserializer<K> keys, Deserializer<V> values,
                                                                  Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end offsets " + ends
                            + " within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The values of the committed records of {@code topic}, in each partition's order. */
    public static <K, V> List<V> values(Map<String, ?> clientConfig, String topic, Deserializer<K> keys,
                                        Deserializer<V> values, Duration timeout) {
        return readCommitted(clientConfig, topic, keys, values, timeout).stream().map(ConsumerRecord::value).toList();
    }
}
