package org.jingan.progress.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.jingan.progress.streams.query.QueryStores;
import org.jingan.progress.streams.topology.DeadLetterDeserializationHandler;
import org.jingan.progress.streams.topology.DeadLetterProcessingHandler;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.topology.RejectionCounters;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;

/** The real progress topology as the streams app runs it, pointed at one benchmark run's topics. */
final class Pipeline {

    /** The topics one pipeline application reads and writes. */
    record Topics(String targets, String events, String progress, String alerts, String deadLetters) {
        static Topics of(String prefix, String targets, String events) {
            return new Topics(targets, events, prefix + "-progress", prefix + "-alerts", prefix + "-dead-letters");
        }

        /** The output topics, created before the application starts (the broker does not auto-create). */
        List<NewTopic> outputs(int partitions) {
            return List.of(
                    BenchCluster.topic(progress, partitions, Map.of("cleanup.policy", "compact")),
                    BenchCluster.topic(alerts, partitions, Map.of()),
                    BenchCluster.topic(deadLetters, 1, Map.of()));
        }
    }

    static final QueryStores QUERY_STORES = new QueryStores(ProgressStores.TARGET_STANDING, ProgressStores.TARGET_HISTORY,
            ProgressStores.ROLLUPS, ProgressStores.TARGET_DEFINITIONS, ProgressStores.FIRING_ALERTS);

    private Pipeline() {
    }

    static ProgressTopologyConfig topologyConfig(Topics topics, boolean liveMode) {
        return ProgressTopologyConfig.builder()
                .topics(topics.targets(), topics.events(), topics.progress(), topics.alerts())
                .liveMode(liveMode)
                .build();
    }

    /** The streams app's settings for this run: exactly-once v2, commit 100 ms, the dead-letter topic, registry. */
    static Properties streamsConfig(String applicationId, String bootstrapServers, String registryUrl, int threads,
                                    Path stateDir, Topics topics, String applicationServer) {
        Properties p = StreamsApps.baseConfig(applicationId, bootstrapServers, threads, stateDir);
        p.put("schema.registry.url", registryUrl);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(RejectionCounters.CONFIG_KEY, new RejectionCounters());
        if (applicationServer != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        return p;
    }

    static Topology topology(ProgressTopologyConfig config, Properties streamsConfig) {
        return ProgressTopology.build(config, Map.of("schema.registry.url", streamsConfig.getProperty("schema.registry.url")));
    }
}
