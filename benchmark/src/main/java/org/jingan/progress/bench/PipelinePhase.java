package org.jingan.progress.bench;

import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on the workload's events: the real topology under exactly-once v2, I instances of T threads, from an
 * empty state; sustained events/s from the first commit to the last, and its ratios to the ceilings of the same repeat.
 */
public final class PipelinePhase {
    private static final Logger log = LoggerFactory.getLogger(PipelinePhase.class);
    public static final String RATE = "pipeline: sustained (full topology, EOS)";
    public static final String VS_BARE = "ratio: pipeline / bare aggregate (bytes)";
    public static final String VS_BARE_AVRO = "ratio: pipeline / bare aggregate (Avro)";
    public static final String VS_DEDUP_AVRO = "ratio: pipeline / dedup + aggregate (Avro)";
    public static final String VS_PLAIN = "ratio: pipeline / plain consumer";
    public static final String DEAD_LETTERS = "pipeline: dead letters";

    private final BenchCluster cluster;
    private final Settings settings;
    private final ResultTable table;

    public PipelinePhase(BenchCluster cluster, Settings settings, ResultTable table) {
        this.cluster = cluster;
        this.settings = settings;
        this.table = table;
    }

    /** Runs the pipeline over the workload and leaves it running (caught up) for the query phase; the caller closes it. */
    PipelineInstances run(Workload w, int repeat) {
        String appId = w.eventsTopic() + "-pipeline-" + repeat;
        Pipeline.Topics topics = Pipeline.Topics.of(appId, w.targetsTopic(), w.eventsTopic());
        cluster.createTopics(topics.outputs(settings.partitions()));
        Path state = cluster.workDir().resolve("state").resolve(appId);
        PipelineInstances apps = PipelineInstances.start(appId, cluster, topics, settings.instances(), settings.threads(),
                Pipeline.topologyConfig(topics, false), state, config -> { }, true);
        try {
            apps.resume();
            GroupProgress.Throughput t = new GroupProgress(cluster.admin())
                    .await(appId, w.eventsTopic(), w.endOffsets(), Duration.ofMinutes(60), apps::healthy);
            log.info("Pipeline: {} events in {} s = {} events/s (first commit after {} s)", t.records(),
                    String.format("%.1f", t.seconds()), Math.round(t.rate()), String.format("%.1f", t.startupSeconds()));
            table.record(RATE, "events/s", t.rate());
            table.note(RATE, settings.instances() + " instance(s) x " + settings.threads()
                    + " thread(s), from empty state; all instances in the group, then first to last commit");
            ratio(VS_BARE, t.rate(), CeilingsPhase.BARE);
            ratio(VS_BARE_AVRO, t.rate(), CeilingsPhase.BARE_AVRO);
            ratio(VS_DEDUP_AVRO, t.rate(), CeilingsPhase.DEDUP_AVRO);
            ratio(VS_PLAIN, t.rate(), CeilingsPhase.PLAIN);
            table.record(DEAD_LETTERS, "records",
                    TopicCounter.committedRecords(cluster.kafkaConfig(), new GroupProgress(cluster.admin()), topics.deadLetters()));
            table.note(DEAD_LETTERS, "workload is valid: expected 0");
            table.record("pipeline: redeliveries counted once", "events", apps.duplicates());
            table.note("pipeline: redeliveries counted once", "the workload redelivers ~" + Math.round(ThroughputMix.DUPLICATE_SHARE * 100)
                    + "% of events with their id");
            return apps;
        } catch (RuntimeException e) {
            apps.close();
            throw e;
        }
    }

    private void ratio(String metric, double pipelineRate, String ceiling) {
        if (settings.runs(Settings.Phase.CEILINGS)) {
            table.record(metric, "%", 100 * pipelineRate / table.last(ceiling));
            table.note(metric, metric.equals(VS_PLAIN) ? "same repeat"
                    : metric.equals(VS_DEDUP_AVRO) ? "same repeat; against Kafka's dedup pattern in front of the same aggregate"
                    : "same repeat; aim >= 60% of the bare aggregate");
        }
    }
}
