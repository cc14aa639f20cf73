package org.jingan.progress.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The first ceiling: one plain consumer reading the event topic from the beginning, bytes only (no deserialisation,
 * no state, no commit). Nothing that reads the topic can be faster on this machine.
 */
public final class PlainConsumerCeiling {

    public record Result(long records, long bytes, double seconds) {
        public double rate() {
            return records / seconds;
        }

        public double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    private final Map<String, Object> kafka;

    /** {@code kafka}: bootstrap.servers and the security settings. */
    public PlainConsumerCeiling(Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    public Result read(String topic, Map<TopicPartition, Long> endOffsets) {
        long expected = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // as Streams under exactly-once reads
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(endOffsets.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long records = 0;
            long bytes = 0;
            long first = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (records < expected) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (records == 0 && !batch.isEmpty()) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    bytes += r.serializedKeySize() + Math.max(0, r.serializedValueSize());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The plain consumer read only " + records + " of " + expected
                            + " records of '" + topic + "' in 10 minutes");
                }
            }
            return new Result(records, bytes, (System.nanoTime() - first) / 1e9);
        }
    }
}
