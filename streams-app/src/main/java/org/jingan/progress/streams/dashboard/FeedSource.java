package org.jingan.progress.streams.dashboard;

import java.util.Map;
import java.util.Objects;

/**
 * Where the live feed reads the board: the topology's output topics (standings, alerts) and its catalog topic (the
 * names pages show), with the settings of a Kafka client (bootstrap servers, login: the streams app's principal,
 * which needs READ and DESCRIBE on the three topics; no group) and of the registry serdes.
 */
public record FeedSource(String targetsTopic, String standingsTopic, String alertsTopic, int standingsPartitions,
                         int alertsPartitions, Map<String, Object> kafkaConfig, Map<String, Object> registryConfig) {
    public FeedSource {
        Objects.requireNonNull(targetsTopic, "targetsTopic");
        Objects.requireNonNull(standingsTopic, "standingsTopic");
        Objects.requireNonNull(alertsTopic, "alertsTopic");
        kafkaConfig = Map.copyOf(kafkaConfig);
        registryConfig = Map.copyOf(registryConfig);
    }

    /**
     * The connection settings among a Kafka Streams app's ({@code bootstrap.servers}, {@code security.protocol},
     * {@code sasl.*}, {@code ssl.*}, {@code client.dns.lookup}): the feed logs in as the app does, however its login
     * was given (a Kafka config file, {@code --kafka-property} or {@code --streams-config}).
     */
    public static Map<String, Object> connection(java.util.Properties streamsProperties) {
        Map<String, Object> connection = new java.util.HashMap<>();
        streamsProperties.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.equals("bootstrap.servers") || key.equals("security.protocol") || key.equals("client.dns.lookup")
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                connection.put(key, v);
            }
        });
        return connection;
    }

    /** The topics of {@code Topics} (6 partitions each) under the names given. */
    public static FeedSource of(String targetsTopic, String standingsTopic, String alertsTopic,
                                Map<String, Object> kafkaConfig, Map<String, Object> registryConfig) {
        return new FeedSource(targetsTopic, standingsTopic, alertsTopic,
                org.jingan.progress.contract.Topics.TARGET_PROGRESS.partitions(),
                org.jingan.progress.contract.Topics.ALERTS.partitions(), kafkaConfig, registryConfig);
    }
}
