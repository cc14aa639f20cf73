package org.jingan.progress.streams.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.jingan.progress.streams.topology.RejectionCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and runs the progress topology in Kafka Streams, with the hooks around it. {@link #start()} returns once
 * Streams is started; {@link #awaitStop()} blocks until it stops (closed, or failed).
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    /** application.id/group.instance.id of the instances running in this JVM. */
    private static final Set<String> INSTANCE_IDS_IN_USE = ConcurrentHashMap.newKeySet();

    private final Properties streamsProperties;
    private volatile ProgressTopologyConfig topologyConfig;
    private final Map<String, Object> registryConfig;
    private final RejectionCounters rejections;
    private final List<StreamsAppHook> hooks;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaStreams streams;
    private volatile boolean failed;
    private String claimedInstanceId;

    public StreamsRunner(Properties streamsProperties, ProgressTopologyConfig topologyConfig,
                         Map<String, Object> registryConfig, RejectionCounters rejections, List<StreamsAppHook> hooks) {
        this.streamsProperties = streamsProperties;
        this.topologyConfig = topologyConfig;
        this.registryConfig = Map.copyOf(registryConfig);
        this.rejections = rejections;
        this.hooks = List.copyOf(hooks);
    }

    /** A runner for the app's configuration; hooks may still change the Streams settings before start. */
    public static StreamsRunner of(StreamsAppConfig config, List<StreamsAppHook> hooks) {
        GroupMembership membership = config.membership();
        LOG.info("Group membership of this instance: {}{}", membership.reason(),
                membership.isStatic() ? " (group.instance.id " + membership.instanceId() + ")" : "");
        RejectionCounters counters = new RejectionCounters();
        Properties props = config.streamsProperties(counters);
        for (StreamsAppHook hook : hooks) {
            hook.configure(config, props);
        }
        return new StreamsRunner(props, config.topologyConfig(), config.registryConfig(), counters, hooks);
    }

    /**
     * Supervision cases need their topic: a cluster without it (one set up before cases existed, a test's own topics)
     * runs the topology without them and says so, rather than failing on a missing source topic.
     */
    private ProgressTopologyConfig withoutMissingCasesTopic(ProgressTopologyConfig config) {
        String topic = config.supervisionTopic();
        if (topic == null) {
            return config;
        }
        Properties adminProps = new Properties();
        for (String name : org.apache.kafka.clients.admin.AdminClientConfig.configNames()) {
            if (streamsProperties.containsKey(name)) {
                adminProps.put(name, streamsProperties.get(name));
            }
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(adminProps)) {
            admin.describeTopics(List.of(topic), new org.apache.kafka.clients.admin.DescribeTopicsOptions()
                    .timeoutMs(CASES_TOPIC_CHECK_MS)).allTopicNames().get(CASES_TOPIC_CHECK_MS + 1_000,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return config;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                LOG.warn("No topic '{}': supervision cases are off (create it, e.g. with ClusterInit, and restart)", topic);
                return config.toBuilder().supervisionTopic(null).build();
            }
            // not reachable or not allowed to look: start as configured (a missing topic then fails the app, says why)
            LOG.warn("Could not check topic '{}' ({}): starting with supervision cases", topic, e.getCause().toString());
            return config;
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Could not check topic '{}' within {} ms: starting with supervision cases", topic, CASES_TOPIC_CHECK_MS);
            return config;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** How long the start looks for the supervision-cases topic (a broker that is not up yet is not waited for). */
    private static final int CASES_TOPIC_CHECK_MS = 3_000;

    /** Builds Kafka Streams, lets the hooks see it, and starts it. */
    public synchronized KafkaStreams start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        claimInstanceId();
        try {
            return buildAndStart();
        } catch (RuntimeException e) {
            releaseInstanceId();
            throw e;
        }
    }

    private KafkaStreams buildAndStart() {
        if (topologyConfig.inputPartitions() == 0) {
            topologyConfig = topologyConfig.toBuilder().inputPartitions(InputPartitions.read(streamsProperties,
                    topologyConfig.targetsTopic(), topologyConfig.eventsTopic())).build();
        }
        ProgressTopologyConfig topologyConfig = withoutMissingCasesTopic(this.topologyConfig);
        Topology topology = ProgressTopology.build(topologyConfig, registryConfig);
        LOG.info("Starting {} with {}\n{}", streamsProperties.get("application.id"), topologyConfig, topology.describe());
        KafkaStreams ks = new KafkaStreams(topology, streamsProperties);
        ks.setUncaughtExceptionHandler(e -> {
            if (causedBy(e, FencedInstanceIdException.class)) {
                // a new thread would fence the other instance in turn, and so on: stop and say why
                LOG.error("Another running instance uses this instance's group.instance.id ({}): each instance needs"
                        + " its own --instance-id or --application-server. Stopping this one.",
                        streamsProperties.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            // e.g. the registry is unreachable or does not know a record's schema id (DeadLetterDeserializationHandler
            // waits, then fails the thread): a new thread picks the same records up again, none is skipped
            LOG.error("Stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        ks.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
                failed = true;
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                releaseInstanceId();
                stopped.countDown();
            }
        });
        this.streams = ks;
        for (StreamsAppHook hook : hooks) {
            hook.created(this);
        }
        ks.start();
        return ks;
    }

    /** Waits until Kafka Streams stopped; true if it stopped by failing. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return failed;
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The running Kafka Streams (null before {@link #start()}): for interactive queries and metrics. */
    public KafkaStreams streams() {
        return streams;
    }

    public Properties streamsProperties() {
        return streamsProperties;
    }

    public ProgressTopologyConfig topologyConfig() {
        return topologyConfig;
    }

    public Map<String, Object> registryConfig() {
        return registryConfig;
    }

    /** Dead-letter and duplicate counts (bind to Micrometer with {@code rejections().bindTo(registry)}). */
    public RejectionCounters rejections() {
        return rejections;
    }

    /** Stops the hooks, then Kafka Streams (committing what was processed). */
    public void close(Duration timeout) {
        for (StreamsAppHook hook : hooks) {
            try {
                hook.close();
            } catch (RuntimeException e) {
                LOG.warn("Hook {} failed to close", hook, e);
            }
        }
        KafkaStreams ks = streams;
        if (ks != null) {
            ks.close(CloseOptions.timeout(timeout));
        }
        releaseInstanceId();
        stopped.countDown();
    }

    /**
     * Two running instances with one group.instance.id fence each other; in one JVM (tests, local stack) that is
     * caught here, with a message saying what to change.
     */
    private void claimInstanceId() {
        Object id = streamsProperties.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (id == null) {
            return;
        }
        String key = streamsProperties.get(StreamsConfig.APPLICATION_ID_CONFIG) + "/" + id;
        if (!INSTANCE_IDS_IN_USE.add(key)) {
            throw new IllegalStateException("group.instance.id " + id + " of application "
                    + streamsProperties.get(StreamsConfig.APPLICATION_ID_CONFIG) + " is already used by a running"
                    + " instance in this JVM: give each instance its own --instance-id or --application-server");
        }
        claimedInstanceId = key;
    }

    private synchronized void releaseInstanceId() {
        if (claimedInstanceId != null) {
            INSTANCE_IDS_IN_USE.remove(claimedInstanceId);
            claimedInstanceId = null;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
