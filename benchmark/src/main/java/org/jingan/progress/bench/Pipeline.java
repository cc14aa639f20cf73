package org.jingan.progress.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.Topology;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.query.QueryStores;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.topology.RejectionCounters;
import picocli.CommandLine;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;

/** The real progress topology with the streams app's own settings, pointed at one benchmark run's topics. */
final class Pipeline {

    /** The topics one pipeline application reads and writes. */
    record Topics(String targets, String events, String progress, String alerts, String deadLetters, String clock,
                  String cases) {
        static Topics of(String prefix, String targets, String events) {
            return new Topics(targets, events, prefix + "-progress", prefix + "-alerts", prefix + "-dead-letters",
                    prefix + "-clock", prefix + "-cases");
        }

        /** The output topics, created before the application starts (the broker does not auto-create). */
        List<NewTopic> outputs(int partitions) {
            return List.of(
                    BenchCluster.topic(progress, partitions, Map.of("cleanup.policy", "compact")),
                    BenchCluster.topic(alerts, partitions, Map.of()),
                    BenchCluster.topic(deadLetters, 1, Map.of()),
                    BenchCluster.topic(clock, 1, Map.of("cleanup.policy", "compact")),
                    // the supervision cases: read and written by the topology, co-partitioned with the events
                    BenchCluster.topic(cases, partitions, Map.of()));
        }
    }

    static final QueryStores QUERY_STORES = new QueryStores(ProgressStores.TARGET_STANDING, ProgressStores.TARGET_HISTORY,
            ProgressStores.ROLLUPS, ProgressStores.TARGET_DEFINITIONS, ProgressStores.FIRING_ALERTS);

    private Pipeline() {
    }

    /**
     * Where a replayed year's simulated district clock stands (no tick moves it): the last hour of the workload's
     * year, so every report of the year is in range and no target is overdue yet.
     */
    static final String REPLAY_CLOCK = "2020-12-31T23:00+08:00";

    /**
     * The streams app's own configuration ({@link StreamsAppConfig}, as its command line builds it) pointed at this
     * run's topics: its Kafka Streams settings and topology settings are what the benchmark measures. Live (reports
     * about now) it runs on the wall clock; replaying the 2020 workload, on a simulated clock at {@link #REPLAY_CLOCK}.
     */
    static StreamsAppConfig appConfig(String applicationId, String bootstrapServers, BenchRegistry registry, int threads,
                                      Path stateDir, Topics topics, String applicationServer, boolean liveMode) {
        return appConfig(applicationId, bootstrapServers, registry, threads, stateDir, topics, applicationServer,
                liveMode, List.of());
    }

    /** As above, with more of the app's own command-line options (e.g. {@code --instance-id}). */
    static StreamsAppConfig appConfig(String applicationId, String bootstrapServers, BenchRegistry registry, int threads,
                                      Path stateDir, Topics topics, String applicationServer, boolean liveMode,
                                      List<String> moreAppArgs) {
        List<String> args = new ArrayList<>(registry.args("--schema-registry-url", "--schema-registry-user-info"));
        args.addAll(List.of(
                "--bootstrap-servers", bootstrapServers,
                // the benchmark registers what it writes as it goes: it has no deploy step
                "--schema-registry-auto-register",
                "--application-id", applicationId, "--state-dir", stateDir.toString(),
                "--threads", String.valueOf(threads), "--replication-factor", "1",
                "--targets-topic", topics.targets(), "--events-topic", topics.events(),
                "--progress-topic", topics.progress(), "--alerts-topic", topics.alerts(),
                "--dead-letter-topic", topics.deadLetters(), "--cases-topic", topics.cases()));
        args.addAll(liveMode ? List.of("--clock", "wall")
                : List.of("--clock", "simulated", "--clock-start", REPLAY_CLOCK, "--clock-topic", topics.clock()));
        if (applicationServer != null) {
            args.addAll(List.of("--application-server", applicationServer));
        }
        args.addAll(moreAppArgs);
        StreamsAppConfig config = new StreamsAppConfig();
        new CommandLine(config).parseArgs(args.toArray(String[]::new));
        return config;
    }

    static ProgressTopologyConfig topologyConfig(Topics topics, boolean liveMode) {
        return appConfig("describe", "127.0.0.1:9", new BenchRegistry("mem://describe", null), 1, Path.of("."), topics, null, liveMode).topologyConfig();
    }

    /** The streams app's Kafka Streams settings for this run, with a fresh set of rejection counters. */
    static Properties streamsConfig(String applicationId, String bootstrapServers, Map<String, String> security,
                                    BenchRegistry registry, int threads, Path stateDir, Topics topics, String applicationServer) {
        List<String> securityArgs = new ArrayList<>();
        security.forEach((k, v) -> securityArgs.addAll(List.of("--streams-config", k + "=" + v)));
        return appConfig(applicationId, bootstrapServers, registry, threads, stateDir, topics, applicationServer, false,
                securityArgs).streamsProperties(new RejectionCounters());
    }

    static RejectionCounters counters(Properties streamsConfig) {
        return (RejectionCounters) streamsConfig.get(RejectionCounters.CONFIG_KEY);
    }

    static Topology topology(ProgressTopologyConfig config, Properties streamsConfig) {
        Map<String, Object> registry = new java.util.HashMap<>();
        registry.put("schema.registry.url", streamsConfig.getProperty("schema.registry.url"));
        if (streamsConfig.getProperty("basic.auth.user.info") != null) {
            registry.put("basic.auth.user.info", streamsConfig.getProperty("basic.auth.user.info"));
        }
        // as the streams app does at start: the placement of every input record is checked against the partitions
        ProgressTopologyConfig placed = config.inputPartitions() > 0 ? config : config.toBuilder().inputPartitions(
                org.jingan.progress.streams.app.InputPartitions.read(streamsConfig, config.targetsTopic(),
                        config.eventsTopic())).build();
        return ProgressTopology.build(placed, registry);
    }
}
