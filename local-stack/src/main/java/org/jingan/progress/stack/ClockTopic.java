package org.jingan.progress.stack;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroDeserializer;

/**
 * The district-clock topic as operators and the launcher look at it: every tick in the order written, and where the
 * clock stands (the latest time, as every follower reads it: an earlier tick is ignored).
 */
public final class ClockTopic {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ClockTopic() {
    }

    /**
     * Every tick on {@code topic}, in the order written (compaction may have removed all but the last).
     *
     * @throws StackException when the topic does not exist or cannot be read within {@code timeout}
     */
    public static List<ClockTick> ticks(String topic, Map<String, ?> clientConfig, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "district-clock-reader");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        SpecificAvroDeserializer<ClockTick> values = new SpecificAvroDeserializer<>(ClockTick.class);
        values.configure(clientConfig, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, ClockTick> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            if (!consumer.listTopics(timeout).containsKey(topic)) {
                throw new StackException("There is no topic '" + topic + "' at " + clientConfig.get("bootstrap.servers")
                        + ": is this the pipeline's cluster? (bin/local-stack and ClusterInit create it)");
            }
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(Set.of(partition), timeout).get(partition);
            List<ClockTick> ticks = new ArrayList<>();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new StackException("The district clock on topic '" + topic + "' was not read within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, ClockTick> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && Topics.CLOCK_KEY.equals(r.key())) {
                        ticks.add(r.value());
                    }
                }
            }
            return ticks;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new StackException("Kafka at " + clientConfig.get("bootstrap.servers") + " did not answer within "
                    + timeout.toSeconds() + " s: check --bootstrap-servers and --kafka-property", e);
        } catch (KafkaException e) {
            throw new StackException("Cannot read the district clock on topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    /** Where the clock stands: the tick with the latest time, or empty before the first tick. */
    public static Optional<ClockTick> latest(String topic, Map<String, ?> clientConfig, Duration timeout) {
        return latest(ticks(topic, clientConfig, timeout));
    }

    static Optional<ClockTick> latest(List<ClockTick> ticks) {
        return ticks.stream().max(Comparator.comparing(ClockTick::getNow));
    }

    /** {@code 2020-03-05 18:00:00 Asia/Shanghai}: how the tools show the clock. */
    public static String show(Instant instant) {
        return SHOWN.format(instant.atZone(DistrictClock.ZONE)) + " " + DistrictClock.ZONE.getId();
    }
}
