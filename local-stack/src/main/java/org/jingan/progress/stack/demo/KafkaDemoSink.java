package org.jingan.progress.stack.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroSerializer;

/**
 * Writes the demo reports straight to the progress-events topic, bypassing the intake: for benchmarks and for runs
 * without the intake API. Keys are target ids, values Avro through the registry, as the intake writes them.
 */
public final class KafkaDemoSink implements DemoSink {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final KafkaProducer<String, ProgressEvent> events;
    private final RevisionPublisher revisions;

    /**
     * @param clientConfig at least bootstrap.servers and schema.registry.url (+ any security settings)
     * @param revisions    where target revisions go (the catalog publisher)
     */
    public KafkaDemoSink(Map<String, Object> clientConfig, RevisionPublisher revisions) {
        this.revisions = revisions;
        this.bootstrapServers = String.valueOf(clientConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-replay");
        SpecificAvroSerializer<ProgressEvent> eventSerializer = new SpecificAvroSerializer<>();
        eventSerializer.configure(config, false);
        this.events = new KafkaProducer<>(config, new StringSerializer(), eventSerializer);
    }

    @Override
    public List<Rejection> send(List<DemoReport> reports) throws SinkUnavailableException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(reports.size());
        List<Rejection> refused = new ArrayList<>();
        try {
            for (DemoReport report : reports) {
                try {
                    acks.add(events.send(new ProducerRecord<>(Topics.PROGRESS_EVENTS.name(), report.targetId(),
                            report.toProgressEvent())));
                } catch (SerializationException e) {
                    refused.add(new Rejection(report, "cannot be serialized: " + e.getMessage()));
                    acks.add(null);
                }
            }
            for (Future<RecordMetadata> ack : acks) {
                if (ack != null) {
                    ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            return refused;
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException("interrupted", e);
        }
    }

    @Override
    public void revise(Target revised) throws SinkUnavailableException {
        revisions.publish(revised);
    }

    private SinkUnavailableException unavailable(Throwable cause) {
        String kind = cause instanceof RetriableException ? "retriable" : "failed";
        return new SinkUnavailableException("Kafka at " + bootstrapServers + " " + kind + ": " + cause.getMessage(), cause);
    }

    @Override
    public String describe() {
        return "Kafka topic " + Topics.PROGRESS_EVENTS.name() + " at " + bootstrapServers;
    }

    @Override
    public void close() {
        events.close(Duration.ofSeconds(5));
    }
}
