package org.jingan.progress.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end latency at part load, live: this year's catalog, reports about "now", a fresh pipeline in live mode.
 * A steady load at {@code loadFraction} of the measured sustained rate runs while probes (LEVEL reports with an
 * increasing marker value, on targets the load leaves alone) are sent every 20 ms; each probe's latency is taken
 * from just before {@code send} to (a) the store of the instance holding the target showing the marker, and
 * (b) a read_committed consumer of the snapshot topic receiving it. Kafka Streams' own record-e2e-latency metrics
 * are read at the end, at the source nodes only: the topology forwards its outputs from a wall-clock punctuation,
 * stamped with the punctuation time, so at the sinks the metric is ~0 and says nothing.
 */
public final class LatencyPhase {
    private static final Logger log = LoggerFactory.getLogger(LatencyPhase.class);
    static final String STORE = "latency: send -> visible in store";
    static final String TOPIC = "latency: send -> snapshot topic (committed)";
    static final String STREAMS_SOURCE = "latency: streams record-e2e at source";
    static final String STREAMS_COMMIT = "latency: streams commit";
    static final String OFFERED = "latency: offered load";
    static final String LIVE_CAPACITY = "live: sustained rate (a backlog of reports about now)";
    static final String OFFERED_VS_CAPACITY = "latency: offered load / live sustained rate";
    private static final long PROBE_EVERY_MS = 20;
    private static final int PROBE_TARGETS = 16;
    /** A rate no producer reaches: the pacer never waits. */
    private static final double UNPACED = 1e9;

    private final BenchCluster cluster;
    private final Settings settings;
    private final ResultTable table;

    public LatencyPhase(BenchCluster cluster, Settings settings, ResultTable table) {
        this.cluster = cluster;
        this.settings = settings;
        this.table = table;
    }

    /** One probe in flight: which target, which marker, when it was sent. */
    private record Probe(String targetId, double marker, long sentNanos) {
    }

    public void run(Workload w, int repeat, double sustainedRate) {
        int year = LocalDate.now(Reports.SHANGHAI).getYear();
        CityCatalog live = w.city().shiftedTo(year);
        List<Target> probeTargets = live.targets().stream().filter(t -> t.getKind() == TargetKind.LEVEL).limit(PROBE_TARGETS).toList();
        List<String> probeIds = probeTargets.stream().map(Target::getId).toList();
        List<Target> loadTargets = live.targets().stream().filter(t -> !probeIds.contains(t.getId())).toList();

        String prefix = w.eventsTopic() + "-live-" + repeat;
        Pipeline.Topics topics = Pipeline.Topics.of(prefix, prefix + "-targets", prefix + "-events");
        List<org.apache.kafka.clients.admin.NewTopic> all = new ArrayList<>(topics.outputs(settings.partitions()));
        all.add(BenchCluster.topic(topics.targets(), settings.partitions(), Map.of("cleanup.policy", "compact")));
        all.add(BenchCluster.topic(topics.events(), settings.partitions(), Map.of()));
        cluster.createTopics(all);
        EventLoader loader = new EventLoader(cluster.kafkaConfig(), cluster.registry());
        loader.sendTargets(topics.targets(), live.targets());

        double rate = settings.liveRate() > 0 ? settings.liveRate() : Math.max(1, sustainedRate * settings.loadFraction());
        long windowMs = Math.max(1000, settings.latencySeconds() * 1000L / 2);
        Path state = cluster.workDir().resolve("state").resolve(prefix);
        String appId = prefix + "-app";
        try (PipelineInstances apps = PipelineInstances.start(appId, cluster, topics, settings.instances(),
                settings.threads(), Pipeline.topologyConfig(topics, true), state, config -> {
                    // Streams' latency metrics cover the last window only: make it the measured part of the run
                    config.put(StreamsConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG, windowMs);
                    config.put(StreamsConfig.METRICS_NUM_SAMPLES_CONFIG, 2);
                });
             KafkaProducer<String, ProgressEvent> producer = loader.producer(liveProducerConfig(loader));
             KafkaConsumer<String, byte[]> snapshots = snapshotConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < settings.partitions(); p++) {
                partitions.add(new TopicPartition(topics.progress(), p));
            }
            snapshots.assign(partitions);
            snapshots.seekToEnd(partitions);
            partitions.forEach(snapshots::position);

            ProbeSender probes = new ProbeSender(producer, topics.events(), probeTargets);
            probes.warmUp(apps, Duration.ofMinutes(2)); // catalog read, JIT warm, stores open

            Latencies storeLatency = new Latencies();
            Latencies topicLatency = new Latencies();
            Queue<Probe> awaitingStore = new ConcurrentLinkedQueue<>();
            Map<String, Probe> awaitingTopic = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            // the load runs half as long again before the probes count: the fresh instances' stores, caches and the
            // JIT (which took a third of the 2 cores right after the throughput phase) settle first
            long warmUpNanos = Math.max(1, settings.latencySeconds() / 2) * 1_000_000_000L;
            long end = System.nanoTime() + warmUpNanos + settings.latencySeconds() * 1_000_000_000L;
            LiveLoad load = new LiveLoad(producer, topics.events(), loadTargets, rate, end, prefix + "-e");
            Thread loadThread = new Thread(load, "live-load");
            Thread storeWatch = new Thread(() -> watchStore(apps, awaitingStore, storeLatency, running), "store-watch");
            SpecificAvroDeserializer<ProgressSnapshot> snapshotValues = snapshotDeserializer();
            Set<String> probeIdSet = Set.copyOf(probeIds);
            Thread topicWatch = new Thread(() -> watchTopic(snapshots, snapshotValues, probeIdSet, awaitingTopic,
                    topicLatency, running), "topic-watch");
            loadThread.start();
            GroupProgress.sleep(warmUpNanos / 1_000_000);
            storeWatch.start();
            topicWatch.start();
            Pacer pacer = new Pacer(1000.0 / PROBE_EVERY_MS);
            int sentProbes = 0;
            while (pacer.next(end)) {
                Probe probe = probes.send();
                awaitingStore.add(probe);
                awaitingTopic.put(probe.targetId() + "#" + probe.marker(), probe);
                sentProbes++;
            }
            join(loadThread);
            long grace = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((!awaitingStore.isEmpty() || !awaitingTopic.isEmpty()) && System.nanoTime() < grace) {
                GroupProgress.sleep(20);
            }
            running.set(false);
            join(storeWatch);
            join(topicWatch);
            if (load.failure() != null) {
                throw new IllegalStateException("The live load failed: " + load.failure().getMessage(), load.failure());
            }
            log.info("Latency: offered {} events/s for {} s, {} probes, not seen in store {}, on topic {}",
                    Math.round(load.achievedRate()), settings.latencySeconds(), sentProbes, awaitingStore.size(), awaitingTopic.size());
            table.record(OFFERED, "events/s", load.achievedRate());
            String offered = settings.liveRate() > 0 ? String.format("%.0f events/s (--live-rate)", settings.liveRate())
                    : String.format("%.0f%% of this repeat's sustained rate", settings.loadFraction() * 100);
            table.note(OFFERED, String.format("%s, plus %d probes/s (measured after %d s of warm-up load)", offered,
                    1000 / PROBE_EVERY_MS, warmUpNanos / 1_000_000_000L));
            percentiles(STORE, storeLatency, "probe to the owning instance's store (direct read)");
            percentiles(TOPIC, topicLatency, "probe to a read_committed consumer of the snapshot topic");
            table.record("latency: probes not seen within 10 s", "probes", awaitingStore.size() + awaitingTopic.size());
            var description = Pipeline.topology(Pipeline.topologyConfig(topics, true),
                    Pipeline.streamsConfig("describe", cluster.bootstrapServers(), cluster.securityProperties(), cluster.registry(), 1, state, topics, null)).describe();
            StreamsLatencyMetrics.Summary source = StreamsLatencyMetrics.summarize(apps.streams(), StreamsLatencyMetrics.sourceNames(description));
            recordIfMeasured(STREAMS_SOURCE + " avg", source.avgMillis(), "record-e2e-latency-avg: send -> processing starts, mean over tasks, last " + windowMs * 2 / 1000 + " s");
            recordIfMeasured(STREAMS_SOURCE + " max", source.maxMillis(), "record-e2e-latency-max");
            StreamsLatencyMetrics.Summary commits = StreamsLatencyMetrics.commits(apps.streams());
            recordIfMeasured(STREAMS_COMMIT + " avg", commits.avgMillis(), "commit-latency-avg of the stream threads"
                    + " (stores and producer flushed, transaction committed), mean over threads, last " + windowMs * 2 / 1000 + " s");
            recordIfMeasured(STREAMS_COMMIT + " max", commits.maxMillis(), "commit-latency-max");
            liveCapacity(apps, appId, producer, topics, loadTargets, prefix, load.achievedRate());
        }
    }

    /**
     * What the live pipeline sustains, as a reference for the offered load: "half load" is half of the replay rate,
     * and live mode differs from a replay (no day closes, busy targets published every {@code publishInterval}).
     * The same instances, still in live mode (a backlog of seconds is far below {@code backlogLag}), get a burst of
     * reports about "now" as fast as one producer sends them; once it is sent, the rate at which the group commits
     * the rest is taken, so the producer does not share the cores while it is measured.
     */
    private void liveCapacity(PipelineInstances apps, String appId, KafkaProducer<String, ProgressEvent> producer,
                              Pipeline.Topics topics, List<Target> loadTargets, String prefix, double offered) {
        long burstNanos = Math.max(1, settings.latencySeconds() / 4) * 1_000_000_000L;
        LiveLoad burst = new LiveLoad(producer, topics.events(), loadTargets, UNPACED, System.nanoTime() + burstNanos,
                prefix + "-burst");
        burst.run();
        producer.flush();
        if (burst.failure() != null) {
            throw new IllegalStateException("The burst of live reports failed: " + burst.failure().getMessage(), burst.failure());
        }
        GroupProgress progress = new GroupProgress(cluster.admin());
        var end = progress.endOffsets(topics.events());
        long backlog = end.values().stream().mapToLong(Long::longValue).sum()
                - GroupProgress.done(progress.committed(appId, topics.events()), end);
        GroupProgress.Throughput drain = progress.await(appId, topics.events(), end, Duration.ofMinutes(10),
                apps::healthy);
        log.info("Live capacity: {} reports sent in {} s; backlog {} worked off in {} s = {} events/s", burst.sent(),
                burstNanos / 1_000_000_000L, backlog, String.format("%.1f", drain.seconds()), Math.round(drain.rate()));
        if (drain.seconds() < 1) {
            log.warn("The backlog took only {} s to work off: the live sustained rate is a rough figure",
                    String.format("%.2f", drain.seconds()));
        }
        table.record(LIVE_CAPACITY, "events/s", drain.rate());
        table.note(LIVE_CAPACITY, String.format("the latency phase's instances, live mode: %d s of reports about now sent"
                + " unpaced, then the backlog left (here %,d) worked off, first to last commit", burstNanos / 1_000_000_000L, backlog));
        table.record(OFFERED_VS_CAPACITY, "%", 100 * offered / drain.rate());
        table.note(OFFERED_VS_CAPACITY, "how close to the live path's own limit the latency was measured");
    }

    private void recordIfMeasured(String metric, double value, String note) {
        if (Double.isFinite(value)) {
            table.record(metric, "ms", value);
            table.note(metric, note);
        } else {
            log.warn("Kafka Streams reported no value for {}", metric);
        }
    }

    private void percentiles(String metric, Latencies l, String how) {
        if (l.count() == 0) {
            throw new IllegalStateException("No probe became visible (" + metric + "): the pipeline is not processing");
        }
        table.record(metric + " p50", "ms", l.percentileMillis(50));
        table.note(metric + " p50", how + ", " + l.count() + " probes");
        table.record(metric + " p99", "ms", l.percentileMillis(99));
        table.record(metric + " p99.9", "ms", l.percentileMillis(99.9));
        table.note(metric + " p99", "aim < 250 ms at half load");
    }

    private Map<String, Object> liveProducerConfig(EventLoader loader) {
        Map<String, Object> config = new HashMap<>(loader.bulkProducerConfig());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5); // a live intake batches a little, not for 20 ms
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        return config;
    }

    /** Values stay bytes: only the probe targets' snapshots are decoded, so the watcher takes little of the CPU. */
    private KafkaConsumer<String, byte[]> snapshotConsumer() {
        Map<String, Object> c = cluster.kafkaConfig();
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private SpecificAvroDeserializer<ProgressSnapshot> snapshotDeserializer() {
        SpecificAvroDeserializer<ProgressSnapshot> values = new SpecificAvroDeserializer<>(ProgressSnapshot.class);
        values.configure(cluster.registry().serdeConfig(), false);
        return values;
    }

    /**
     * Every millisecond, reads the standing of each target that has probes awaiting, once per target: the watcher
     * shares the cores with what it measures, so when latency grows (more probes awaiting) it must not read more.
     */
    private static void watchStore(PipelineInstances apps, Queue<Probe> awaiting, Latencies latencies, AtomicBoolean running) {
        Map<String, Double> actuals = new HashMap<>();
        while (running.get()) {
            actuals.clear();
            for (var it = awaiting.iterator(); it.hasNext(); ) {
                Probe probe = it.next();
                double actual = actuals.computeIfAbsent(probe.targetId(), id -> {
                    ProgressSnapshot s = apps.standing(id);
                    return s == null ? Double.NEGATIVE_INFINITY : s.getActual();
                });
                if (actual >= probe.marker()) {
                    latencies.recordNanos(System.nanoTime() - probe.sentNanos());
                    it.remove();
                }
            }
            GroupProgress.sleep(1);
        }
    }

    private static void watchTopic(KafkaConsumer<String, byte[]> consumer, SpecificAvroDeserializer<ProgressSnapshot> values,
                                   Set<String> probeIds, Map<String, Probe> awaiting, Latencies latencies,
                                   AtomicBoolean running) {
        while (running.get()) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                long now = System.nanoTime();
                if (r.value() == null || !probeIds.contains(r.key())) {
                    continue;
                }
                double actual = values.deserialize(r.topic(), r.value()).getActual();
                awaiting.values().removeIf(p -> {
                    if (p.targetId().equals(r.key()) && actual >= p.marker()) {
                        latencies.recordNanos(now - p.sentNanos());
                        return true;
                    }
                    return false;
                });
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofMinutes(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Sends LEVEL reports whose value is an ever-increasing marker, round-robin over the probe targets. */
    private static final class ProbeSender {
        private final KafkaProducer<String, ProgressEvent> producer;
        private final String topic;
        private final List<Target> targets;
        private long seq;

        ProbeSender(KafkaProducer<String, ProgressEvent> producer, String topic, List<Target> targets) {
            if (targets.isEmpty()) {
                throw new IllegalStateException("The catalog has no LEVEL target to probe with");
            }
            this.producer = producer;
            this.topic = topic;
            this.targets = targets;
        }

        Probe send() {
            Target t = targets.get((int) (seq % targets.size()));
            double marker = 1_000_000 + ++seq;
            long now = System.currentTimeMillis();
            ProgressEvent event = Reports.report(topic + "-probe-" + seq, t, UpdateKind.LEVEL, marker, now, now, "SENSOR");
            long sent = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, t.getId(), event));
            return new Probe(t.getId(), marker, sent);
        }

        /** One probe per target, repeated until each shows in its store: the pipeline is then warm and caught up. */
        void warmUp(PipelineInstances apps, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Probe> pending = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                pending.add(send());
            }
            producer.flush();
            while (!pending.isEmpty()) {
                pending.removeIf(p -> {
                    ProgressSnapshot s = apps.standing(p.targetId());
                    return s != null && s.getActual() >= p.marker();
                });
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Warm-up probes on " + pending.stream().map(Probe::targetId).toList()
                            + " did not show in the stores within " + timeout.toSeconds() + " s");
                }
                GroupProgress.sleep(20);
            }
        }
    }
}
