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

    /** The topics of {@code Topics} (6 partitions each) under the names given. */
    public static FeedSource of(String targetsTopic, String standingsTopic, String alertsTopic,
                                Map<String, Object> kafkaConfig, Map<String, Object> registryConfig) {
        return new FeedSource(targetsTopic, standingsTopic, alertsTopic,
                org.jingan.progress.contract.Topics.TARGET_PROGRESS.partitions(),
                org.jingan.progress.contract.Topics.ALERTS.partitions(), kafkaConfig, registryConfig);
    }
}
