package org.jingan.progress.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.registry.SpecificAvroSerializer;

/** Sends events and targets as the departments' producers do: String keys, Avro values through the registry. */
public final class EventLoader {

    /** What one load sent and how fast. */
    public record Loaded(long events, double seconds) {
        public double rate() {
            return events / seconds;
        }
    }

    private final Map<String, Object> kafka;
    private final BenchRegistry registry;

    /** {@code kafka}: bootstrap.servers and the security settings. */
    EventLoader(Map<String, Object> kafka, BenchRegistry registry) {
        this.kafka = Map.copyOf(kafka);
        this.registry = registry;
    }

    /** Producer settings for bulk loading: larger batches, a little linger, every record acknowledged by the broker. */
    Map<String, Object> bulkProducerConfig() {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"); // broker on the same host: CPU is scarcer than bandwidth
        p.putAll(registry.serdeConfig());
        return p;
    }

    <T extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, T> producer(Map<String, Object> config) {
        SpecificAvroSerializer<T> values = new SpecificAvroSerializer<>();
        values.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    public Loaded sendEvents(String topic, EventSource source) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong sent = new AtomicLong();
        long started = System.nanoTime();
        try (KafkaProducer<String, ProgressEvent> producer = producer(bulkProducerConfig())) {
            source.forEach(event -> {
                if (failure.get() != null) {
                    return;
                }
                producer.send(new ProducerRecord<>(topic, event.getTargetId(), event), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent.incrementAndGet();
            });
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("Sending events to '" + topic + "' failed: " + failure.get().getMessage(), failure.get());
        }
        return new Loaded(sent.get(), seconds);
    }

    /**
     * Publishes the catalog; tried up to three times with a fresh producer, since re-publishing the same revisions
     * changes nothing (the topic is compacted and the topology ignores an unchanged definition).
     */
    public void sendTargets(String topic, Iterable<Target> targets) {
        for (int attempt = 1; ; attempt++) {
            try {
                sendTargetsOnce(topic, targets);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                org.slf4j.LoggerFactory.getLogger(EventLoader.class).warn("{}; publishing again", e.getMessage());
            }
        }
    }

    private void sendTargetsOnce(String topic, Iterable<Target> targets) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, Target> producer = producer(bulkProducerConfig())) {
            for (Target t : targets) {
                producer.send(new ProducerRecord<>(topic, t.getId(), t), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Publishing the catalog to '" + topic + "' failed: " + failure.get().getMessage(), failure.get());
        }
    }
}
