package org.jingan.progress.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.streams.query.QueryServer;
import org.jingan.progress.streams.query.QueryServerConfig;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.RejectionCounters;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;

/**
 * The pipeline application of one measurement: N instances in this JVM, each a KafkaStreams with its own state
 * directory and its own query server (HTTP API, as the streams app serves it), all in one consumer group.
 */
final class PipelineInstances implements AutoCloseable {

    record Instance(KafkaStreams streams, QueryServer server, HostInfo host) {
        String baseUrl() {
            return "http://" + host.host() + ":" + host.port();
        }
    }

    private final String applicationId;
    /** One config for all instances: they share its peer secret, so each may ask the others for their partitions. */
    private final QueryServerConfig queryConfig = QueryServerConfig.defaults(Pipeline.QUERY_STORES).withDashboard(false);
    private final List<Instance> instances = new ArrayList<>();
    private final List<RejectionCounters> counters = new ArrayList<>();
    private volatile Throwable failure;
    /** The topics each instance's dashboard feed follows; null: no dashboard (the throughput and query phases). */
    private org.jingan.progress.streams.dashboard.FeedSource feed;

    private PipelineInstances(String applicationId) {
        this.applicationId = applicationId;
    }

    static PipelineInstances start(String applicationId, BenchCluster cluster, Pipeline.Topics topics, int count,
                                   int threads, ProgressTopologyConfig topologyConfig, Path stateRoot,
                                   java.util.function.Consumer<Properties> tweak) {
        return start(applicationId, cluster, topics, count, threads, topologyConfig, stateRoot, tweak, false);
    }

    /** Like {@link #start}, but with {@code paused} the instances process nothing until {@link #resume()}. */
    static PipelineInstances start(String applicationId, BenchCluster cluster, Pipeline.Topics topics, int count,
                                   int threads, ProgressTopologyConfig topologyConfig, Path stateRoot,
                                   java.util.function.Consumer<Properties> tweak, boolean paused) {
        return start(applicationId, cluster, topics, count, threads, topologyConfig, stateRoot, tweak, paused, null);
    }

    /** Like {@link #start}, each instance serving its dashboard with the live feed following {@code feed}. */
    static PipelineInstances start(String applicationId, BenchCluster cluster, Pipeline.Topics topics, int count,
                                   int threads, ProgressTopologyConfig topologyConfig, Path stateRoot,
                                   java.util.function.Consumer<Properties> tweak, boolean paused,
                                   org.jingan.progress.streams.dashboard.FeedSource feed) {
        PipelineInstances apps = new PipelineInstances(applicationId);
        apps.feed = feed;
        try {
            for (int i = 0; i < count; i++) {
                apps.add(cluster, topics, threads, topologyConfig, stateRoot.resolve("instance-" + i), tweak, paused);
            }
            if (paused) {
                // a paused task is not initialised, so paused instances stay REBALANCING: wait for the group instead
                new GroupProgress(cluster.admin()).awaitStableGroup(applicationId, count * threads, Duration.ofMinutes(3));
            } else {
                apps.awaitRunning(Duration.ofMinutes(3));
            }
        } catch (RuntimeException e) {
            apps.close();
            throw e;
        }
        return apps;
    }

    /** Lets every instance process and waits until they are RUNNING. */
    void resume() {
        instances.forEach(i -> i.streams().resume());
        awaitRunning(Duration.ofMinutes(3));
    }

    /** Adds one more instance to the group (e.g. a second one for forwarded queries); call awaitRunning after. */
    void add(BenchCluster cluster, Pipeline.Topics topics, int threads, ProgressTopologyConfig topologyConfig, Path stateDir,
             java.util.function.Consumer<Properties> tweak) {
        add(cluster, topics, threads, topologyConfig, stateDir, tweak, false);
    }

    private void add(BenchCluster cluster, Pipeline.Topics topics, int threads, ProgressTopologyConfig topologyConfig,
                     Path stateDir, java.util.function.Consumer<Properties> tweak, boolean paused) {
        QueryServer server = QueryServer.create(feed == null ? queryConfig : queryConfig.withDashboard(true));
        if (feed != null) {
            server.followFeed(feed);
        }
        try {
            Properties config = Pipeline.streamsConfig(applicationId, cluster.bootstrapServers(), cluster.securityProperties(), cluster.registry(),
                    threads, stateDir, topics, server.applicationServer());
            tweak.accept(config);
            counters.add(Pipeline.counters(config));
            KafkaStreams streams = new KafkaStreams(Pipeline.topology(topologyConfig, config), config);
            streams.setUncaughtExceptionHandler(e -> {
                failure = e;
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            server.attach(streams);
            if (paused) {
                streams.pause();
            }
            streams.start();
            instances.add(new Instance(streams, server, new HostInfo("127.0.0.1", server.port())));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Waits until every instance is RUNNING (after the rebalance that follows a join). */
    void awaitRunning(Duration timeout) {
        StreamsApps.awaitAllRunning(streams(), () -> failure, timeout);
    }

    List<Instance> instances() {
        return instances;
    }

    List<KafkaStreams> streams() {
        return instances.stream().map(Instance::streams).toList();
    }

    String applicationId() {
        return applicationId;
    }

    /** Redelivered events the topology recognised and counted once, over all instances. */
    long duplicates() {
        return counters.stream().mapToLong(RejectionCounters::duplicateCount).sum();
    }

    boolean healthy() {
        return failure == null && instances.stream().allMatch(i -> i.streams().state().isRunningOrRebalancing());
    }

    /** The instance whose active task holds {@code targetId}'s partition. */
    Optional<Instance> ownerOf(String targetId) {
        if (instances.isEmpty()) {
            return Optional.empty();
        }
        KeyQueryMetadata md = instances.get(0).streams().queryMetadataForKey(ProgressStores.TARGET_STANDING, targetId,
                Serdes.String().serializer());
        return instances.stream().filter(i -> i.host().equals(md.activeHost())).findFirst();
    }

    /** Reads {@code targetId}'s standing straight from the store of the instance holding it (null if absent or moving). */
    ProgressSnapshot standing(String targetId) {
        Optional<Instance> owner = ownerOf(targetId);
        if (owner.isEmpty()) {
            return null;
        }
        try {
            ReadOnlyKeyValueStore<String, ProgressSnapshot> store = owner.get().streams().store(StoreQueryParameters
                    .fromNameAndType(ProgressStores.TARGET_STANDING, QueryableStoreTypes.<String, ProgressSnapshot>keyValueStore()));
            return store.get(targetId);
        } catch (InvalidStateStoreException e) {
            return null; // migrating: the caller retries
        }
    }

    @Override
    public void close() {
        CountDownLatch closed = new CountDownLatch(instances.size());
        for (Instance i : instances) {
            Thread t = new Thread(() -> {
                try {
                    i.server().close();
                    i.streams().close(Duration.ofSeconds(30));
                    i.streams().cleanUp();
                } finally {
                    closed.countDown();
                }
            }, "close-" + i.host().port());
            t.start();
        }
        try {
            closed.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
