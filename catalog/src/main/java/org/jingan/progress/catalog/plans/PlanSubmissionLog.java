package org.jingan.progress.catalog.plans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.PlanSubmission;
import org.jingan.progress.catalog.AcknowledgedWrites;
import org.jingan.progress.registry.RegistryConfig;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.SpecificAvroSerializer;

/**
 * The plan-submissions topic: {@link #append} writes one act (idempotent, {@code acks=all}, waited for), {@link #readAll}
 * reads every act from the beginning to the current end. The intake only appends (its ACL: WRITE); the monitor reads
 * and appends its decisions.
 *
 * @param clientConfig bootstrap servers, security settings, {@code schema.registry.url} (and its login)
 */
public final class PlanSubmissionLog implements AutoCloseable {
    private final String topic;
    private final Map<String, Object> clientConfig;
    private final Duration timeout;
    private KafkaProducer<String, PlanSubmission> producer;

    public PlanSubmissionLog(Map<String, ?> clientConfig, String topic, Duration timeout) {
        this.topic = topic;
        this.clientConfig = new HashMap<>(clientConfig);
        this.timeout = timeout;
        // schemas are registered by the deployer; a writer only looks its id up (mem:// in tests registers)
        Object url = this.clientConfig.get(RegistryConfig.SCHEMA_REGISTRY_URL);
        this.clientConfig.putIfAbsent(RegistryConfig.AUTO_REGISTER_SCHEMAS, url != null && url.toString().startsWith("mem://"));
    }

    public String topic() {
        return topic;
    }

    /** Writes {@code act} keyed by its target and returns once every in-sync replica has it. */
    public synchronized void append(PlanSubmission act) {
        try {
            producer().send(new ProducerRecord<>(topic, act.getTargetId(), act)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("'" + topic + "' did not acknowledge within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing to '" + topic + "'", e);
        }
    }

    /** Every act on the topic, in the order written per target (targets interleaved by partition). */
    public List<PlanSubmission> readAll() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "plan-submissions-reader");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        SpecificAvroDeserializer<PlanSubmission> values = new SpecificAvroDeserializer<>(PlanSubmission.class);
        values.configure(clientConfig, false);
        List<PlanSubmission> all = new ArrayList<>();
        try (KafkaConsumer<String, PlanSubmission> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new KafkaException("The topic '" + topic + "' does not exist: create it with the others (ClusterInit)");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant giveUp = Instant.now().plus(timeout);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new org.apache.kafka.common.errors.TimeoutException("Reading '" + topic + "' took longer than " + timeout);
                }
                for (ConsumerRecord<String, PlanSubmission> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        all.add(record.value());
                    }
                }
            }
        }
        return all;
    }

    private KafkaProducer<String, PlanSubmission> producer() {
        if (producer == null) {
            Map<String, Object> config = AcknowledgedWrites.producerConfig(clientConfig, timeout, "plan-submissions-writer");
            SpecificAvroSerializer<PlanSubmission> values = new SpecificAvroSerializer<>();
            values.configure(clientConfig, false);
            producer = new KafkaProducer<>(config, new StringSerializer(), values);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
