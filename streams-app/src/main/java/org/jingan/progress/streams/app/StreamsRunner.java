package org.jingan.progress.streams.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
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

    private final Properties streamsProperties;
    private final ProgressTopologyConfig topologyConfig;
    private final Map<String, Object> registryConfig;
    private final RejectionCounters rejections;
    private final List<StreamsAppHook> hooks;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaStreams streams;
    private volatile boolean failed;

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
        RejectionCounters counters = new RejectionCounters();
        Properties props = config.streamsProperties(counters);
        for (StreamsAppHook hook : hooks) {
            hook.configure(config, props);
        }
        return new StreamsRunner(props, config.topologyConfig(), config.registryConfig(), counters, hooks);
    }

    /** Builds Kafka Streams, lets the hooks see it, and starts it. */
    public synchronized KafkaStreams start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        Topology topology = ProgressTopology.build(topologyConfig, registryConfig);
        LOG.info("Starting {} with {}\n{}", streamsProperties.get("application.id"), topologyConfig, topology.describe());
        KafkaStreams ks = new KafkaStreams(topology, streamsProperties);
        ks.setUncaughtExceptionHandler(e -> {
            // e.g. the registry is unreachable: a new thread picks the same records up again
            LOG.error("Stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        ks.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
                failed = true;
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
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
        stopped.countDown();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
