package org.jingan.progress.clock;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroSerializer;

/**
 * Moves the simulated district clock: writes a tick to the district-clock topic and waits for the broker's
 * acknowledgement, so whatever the caller sends after it (the demo's reports of that day) is written after the
 * tick. Only the demo, a replay tool or an operator moves the clock; readers ignore a tick earlier than the last.
 */
public final class ClockSetter implements AutoCloseable {
    private final KafkaProducer<String, ClockTick> producer;
    private final String topic;
    private final String setBy;

    public ClockSetter(Map<String, ?> clientConfig, Map<String, ?> registryConfig, String setBy) {
        this(Topics.CLOCK.name(), clientConfig, registryConfig, setBy);
    }

    public ClockSetter(String topic, Map<String, ?> clientConfig, Map<String, ?> registryConfig, String setBy) {
        this.topic = topic;
        this.setBy = setBy;
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "district-clock-" + setBy);
        props.remove("group.id");
        SpecificAvroSerializer<ClockTick> values = new SpecificAvroSerializer<>();
        values.configure(registryConfig, false);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** Sets the district's now to {@code now} and waits until the tick is written. */
    public void set(Instant now) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, Topics.CLOCK_KEY, new ClockTick(now, setBy))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while moving the district clock to " + now, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot move the district clock to " + now + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
