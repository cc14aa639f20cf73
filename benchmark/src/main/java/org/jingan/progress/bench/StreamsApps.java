package org.jingan.progress.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** Starts and stops the Kafka Streams instances of one measured application, all alike but for their state dirs. */
public final class StreamsApps implements AutoCloseable {
    private final List<KafkaStreams> instances = new ArrayList<>();
    private volatile Throwable failure;

    /** The settings every measured Streams application shares: exactly-once v2, commits every 100 ms. */
    public static Properties baseConfig(String applicationId, java.util.Map<String, Object> kafka, int threads, Path stateDir) {
        Properties p = new Properties();
        p.putAll(kafka); // bootstrap.servers and the security settings
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // record-e2e-latency per processor node is recorded at INFO; keep the default level
        return p;
    }

    /**
     * Starts {@code count} instances, paused: they join the group and get their partitions but process nothing until
     * {@link #resume()}, so a measurement starts with every instance in place and no rebalance ahead of it.
     * {@code configFor} gives each its config (instance index in), {@code topologyFor} its topology.
     */
    public static StreamsApps startPaused(int count, Function<Integer, Properties> configFor,
                                          Function<Properties, Topology> topologyFor, GroupProgress group, Duration timeout) {
        StreamsApps apps = new StreamsApps();
        for (int i = 0; i < count; i++) {
            Properties config = configFor.apply(i);
            KafkaStreams streams = new KafkaStreams(topologyFor.apply(config), config);
            streams.setUncaughtExceptionHandler(e -> {
                apps.failure = e;
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            apps.instances.add(streams);
            streams.pause();
            streams.start();
        }
        try {
            // a paused task is not initialised, so paused instances stay REBALANCING: wait for the group instead
            Properties any = configFor.apply(0);
            int threads = Integer.parseInt(String.valueOf(any.getOrDefault(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")));
            group.awaitStableGroup(any.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), count * threads, timeout);
        } catch (RuntimeException e) {
            apps.close();
            throw e;
        }
        return apps;
    }

    /** Waits until every instance is RUNNING at the same time (the group is stable). */
    static void awaitAllRunning(List<KafkaStreams> instances, java.util.function.Supplier<Throwable> failure, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!instances.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING)) {
            if (failure.get() != null) {
                throw new IllegalStateException("A Streams instance failed while starting: " + failure.get(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Streams application did not reach RUNNING within " + timeout.toSeconds()
                        + " s; states: " + instances.stream().map(KafkaStreams::state).toList());
            }
            GroupProgress.sleep(20);
        }
    }

    /** Lets every instance process. */
    public void resume() {
        instances.forEach(KafkaStreams::resume);
    }

    public List<KafkaStreams> instances() {
        return instances;
    }

    /** False once an instance died or left RUNNING/REBALANCING. */
    public boolean healthy() {
        return failure == null && instances.stream().allMatch(s -> s.state().isRunningOrRebalancing());
    }

    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        instances.forEach(s -> s.close(Duration.ofSeconds(30)));
        instances.forEach(KafkaStreams::cleanUp);
    }
}
