package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * The follower every reader of a topic from its beginning shares (catalog, event log), on the real broker and registry: what
 * was there at the start, then what comes later, tombstones included; undecodable and unkeyed records skipped.
 */
class TopicFollowerIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestCluster cluster = TestCluster.get();

    record Seen(String key, Instant now) {
    }

    @Test
    void shouldHandOverWhatWasThereThenWhatComesLaterAndSkipWhatCannotBeRead() throws Exception {
        String topic = cluster.createTopicLike(cluster.uniqueName("followed"), Topics.PROGRESS_EVENTS).name();
        send(topic, List.of(record(topic, "a", tick(1)), raw(topic, "b", new byte[] {0, 0, 0, 0, 1, 2}),
                raw(topic, null, serialized(topic, tick(2))), record(topic, "c", tick(3)), record(topic, "a", null)));

        List<Seen> seen = new CopyOnWriteArrayList<>();
        AtomicInteger caughtUpCalls = new AtomicInteger();
        try (var follower = new TopicFollower<>(topic, ClockTick.class, cluster.clientConfig(), cluster.registryConfig(),
                (key, tick, record) -> seen.add(new Seen(key, tick == null ? null : tick.getNow())),
                caughtUpCalls::incrementAndGet).start()) {
            assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
            assertThat(caughtUpCalls).hasValue(1);
            assertThat(seen).as("the undecodable and the unkeyed record skipped, the tombstone handed over")
                    .containsExactly(new Seen("a", at(1)), new Seen("c", at(3)), new Seen("a", null));

            send(topic, List.of(record(topic, "d", tick(4))));
            await().atMost(WAIT).until(() -> seen.size() == 4);
            assertThat(seen.get(3)).isEqualTo(new Seen("d", at(4)));
            assertThat(follower.recordsRead()).isEqualTo(4);
            assertThat(follower.healthy()).isTrue();
            assertThat(caughtUpCalls).as("once").hasValue(1);
        }
    }

    @Test
    void shouldBeCaughtUpAtOnceOnATopicThatDoesNotExist() {
        try (var follower = new TopicFollower<>(cluster.uniqueName("missing"), ClockTick.class, cluster.clientConfig(),
                cluster.registryConfig(), (key, tick, record) -> { }, () -> { }).start()) {
            assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
            assertThat(follower.recordsRead()).isZero();
        }
    }

    private static ClockTick tick(int day) {
        return ClockTick.newBuilder().setNow(at(day)).setSetBy("test").build();
    }

    private static Instant at(int day) {
        return Instant.parse("2020-01-01T00:00:00Z").plus(Duration.ofDays(day));
    }

    private ProducerRecord<byte[], byte[]> record(String topic, String key, ClockTick tick) {
        return raw(topic, key, tick == null ? null : serialized(topic, tick));
    }

    private static ProducerRecord<byte[], byte[]> raw(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, 0, key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                value);
    }

    private byte[] serialized(String topic, ClockTick tick) {
        Map<String, Object> config = new HashMap<>(cluster.registryConfig());
        config.put("auto.register.schemas", true);
        try (Serializer<ClockTick> values = new SpecificAvroSerializer<>()) {
            values.configure(config, false);
            return values.serialize(topic, tick);
        }
    }

    private void send(String topic, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (var producer = new KafkaProducer<>(cluster.kafkaConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (var r : records) {
                producer.send(r).get();
            }
        }
    }
}
