package org.jingan.progress.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of the catalog's writers (revisions, plan submissions): idempotent, fully acknowledged
 * writes that give up within {@code timeout}, so a retried send neither duplicates nor loses a record.
 */
public final class AcknowledgedWrites {
    private AcknowledgedWrites() {
    }

    /** {@code clientConfig} (connection, security, registry) with these settings, and {@code clientId} unless set. */
    public static Map<String, Object> producerConfig(Map<String, ?> clientConfig, Duration timeout, String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        int requestTimeout = (int) Math.min(timeout.toMillis(), 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (requestTimeout + timeout.toMillis()));
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
