package org.jingan.progress.supervision;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.registry.SpecificAvroSerializer;

/**
 * Writes a step of a supervision case to the topic, keyed by its target, and waits for the broker's acknowledgement
 * (acks=all, idempotent): a step answered as written is stored.
 */
public final class CaseWriter implements AutoCloseable {
    private final String topic;
    private final KafkaProducer<String, SupervisionCaseEvent> producer;
    private final Duration timeout;

    public CaseWriter(String topic, Map<String, ?> clientConfig, Map<String, ?> registryConfig, String clientId,
                      Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0); // one step at a time, waited for: nothing to batch
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.remove("group.id");
        props.remove("isolation.level");
        // the deploy step registers the schema; a writer only looks its id up (unless told otherwise)
        Map<String, Object> registry = new HashMap<>(registryConfig);
        registry.putIfAbsent("auto.register.schemas", false);
        SpecificAvroSerializer<SupervisionCaseEvent> values = new SpecificAvroSerializer<>();
        values.configure(registry, false);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** Writes the step; throws {@link CaseWriteException} if the broker did not acknowledge it in time. */
    public void write(SupervisionCaseEvent step) {
        try {
            producer.send(new ProducerRecord<>(topic, step.getTargetId(), step))
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseWriteException("interrupted while writing the step", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CaseWriteException("the broker did not acknowledge the step: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A step that was not stored. */
    public static final class CaseWriteException extends RuntimeException {
        public CaseWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
