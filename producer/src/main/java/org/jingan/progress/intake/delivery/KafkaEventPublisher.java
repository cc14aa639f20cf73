package org.jingan.progress.intake.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events as Avro (through the schema registry) keyed by target id, with an idempotent producer and
 * {@code acks=all}: an acknowledged event is on every in-sync replica and a retry inside the producer never
 * duplicates it. Every wait is bounded: {@code max.block.ms} for metadata, {@code delivery.timeout.ms} for the
 * acknowledgement, so a caller hears "not stored" within {@link #answerBound()} when the broker is gone.
 */
public final class KafkaEventPublisher implements EventPublisher {
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final Duration REACHABILITY_CACHE = Duration.ofSeconds(3);

    private final String topic;
    private final Producer<String, ProgressEvent> producer;
    private final Map<String, Object> connection;
    private final Duration deliveryTimeout;
    private final Duration maxBlock;
    private volatile Admin admin;
    private volatile Instant reachabilityCheckedAt = Instant.EPOCH;
    private volatile boolean reachable;

    /**
     * @param connection      bootstrap servers and any client security settings ({@code security.protocol}, SASL…)
     * @param registryConfig  {@code schema.registry.url} and optional {@code basic.auth.user.info}
     * @param deliveryTimeout the longest an event may wait for its acknowledgement
     */
    public KafkaEventPublisher(String topic, Map<String, Object> connection, Map<String, ?> registryConfig, Duration deliveryTimeout) {
        this.topic = topic;
        this.connection = Map.copyOf(connection);
        this.deliveryTimeout = deliveryTimeout;
        this.maxBlock = deliveryTimeout.dividedBy(2);
        var valueSerializer = new SpecificAvroSerializer<ProgressEvent>();
        valueSerializer.configure(registryConfig, false);
        this.producer = new KafkaProducer<>(producerConfig(connection, deliveryTimeout), new StringSerializer(), valueSerializer);
    }

    static Map<String, Object> producerConfig(Map<String, Object> connection, Duration deliveryTimeout) {
        long delivery = deliveryTimeout.toMillis();
        var config = new HashMap<String, Object>(connection);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE); // bounded by delivery.timeout.ms instead
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // delivery.timeout.ms >= linger.ms + request.timeout.ms, or the producer refuses the config
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, delivery / 2 - 10));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery / 2);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "progress-intake");
        return config;
    }

    /** The longest {@link #publish} futures take to complete, whatever the broker does. */
    public Duration answerBound() {
        return maxBlock.plus(deliveryTimeout).plusSeconds(1);
    }

    @Override
    public List<CompletableFuture<Delivery>> publish(List<ProgressEvent> events) {
        var futures = new ArrayList<CompletableFuture<Delivery>>(events.size());
        RuntimeException sendFailure = null;
        for (ProgressEvent event : events) {
            var future = new CompletableFuture<Delivery>();
            futures.add(future);
            if (sendFailure != null) {
                // The broker (metadata) or registry did not answer for an earlier event: do not wait max.block.ms again.
                future.completeExceptionally(new DeliveryException("not sent: " + sendFailure.getMessage(), sendFailure));
                continue;
            }
            try {
                producer.send(new ProducerRecord<>(topic, event.getTargetId(), event), (metadata, error) -> {
                    if (error != null) {
                        future.completeExceptionally(new DeliveryException("not acknowledged: " + error.getMessage(), error));
                    } else {
                        reachable = true;
                        future.complete(new Delivery(metadata.topic(), metadata.partition(), metadata.offset(),
                                Instant.ofEpochMilli(metadata.timestamp())));
                    }
                });
            } catch (RuntimeException e) {
                // Metadata timeout (broker unreachable), registry unreachable or refusing, or producer closed.
                sendFailure = e;
                future.completeExceptionally(new DeliveryException("not sent: " + e.getMessage(), e));
            }
        }
        return futures;
    }

    @Override
    public boolean brokerReachable() {
        Instant now = Instant.now();
        if (now.isBefore(reachabilityCheckedAt.plus(REACHABILITY_CACHE))) {
            return reachable;
        }
        reachabilityCheckedAt = now;
        try {
            admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId().get(2500, TimeUnit.MILLISECONDS);
            reachable = true;
        } catch (Exception e) {
            reachable = false;
        }
        return reachable;
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    var config = new HashMap<String, Object>(connection);
                    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "progress-intake-health");
                    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2000);
                    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 2500);
                    config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
                    admin = Admin.create(config);
                }
            }
        }
        return admin;
    }

    /** The producer, for client metrics. */
    public Producer<String, ProgressEvent> producer() {
        return producer;
    }

    @Override
    public void close() {
        // Flush what is in flight: an event handed to send() before shutdown still gets its acknowledgement.
        producer.close(deliveryTimeout);
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        log.info("progress event producer closed");
    }
}
