package org.jingan.progress.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counts the committed records of a topic (transaction markers take offsets but are not records). */
final class TopicCounter {
    private TopicCounter() {
    }

    static long committedRecords(Map<String, Object> kafka, GroupProgress offsets, String topic) {
        Map<TopicPartition, Long> end = offsets.endOffsets(topic);
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(end.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                count += consumer.poll(Duration.ofMillis(200)).count();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read '" + topic + "' to its end within 2 minutes");
                }
            }
        }
        return count;
    }
}
