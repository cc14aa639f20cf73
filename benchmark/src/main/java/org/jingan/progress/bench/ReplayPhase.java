package org.jingan.progress.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A year of reports for the city-scale catalog, replayed by the pipeline in a child JVM from an empty state; then
 * the child is killed with SIGKILL and restarted twice: on its existing state directory, and on a wiped one. Each
 * restart is timed from launch until the standing store answers.
 */
public final class ReplayPhase {
    private static final Logger log = LoggerFactory.getLogger(ReplayPhase.class);
    static final String WALL = "replay: a year, empty state -> caught up";
    static final String RATE = "replay: sustained";
    static final String RESTORE_KEPT = "restore: kill -9, restart on kept state -> stores answer";
    static final String RESTORE_WIPED = "restore: kill -9, restart on wiped state -> stores answer";

    private final BenchCluster cluster;
    private final Settings settings;
    private final ResultTable table;
    private String yearTopic;
    private Map<TopicPartition, Long> yearEnd;

    public ReplayPhase(BenchCluster cluster, Settings settings, ResultTable table) {
        this.cluster = cluster;
        this.settings = settings;
        this.table = table;
    }

    /** Produces the year once; later repeats reuse it. */
    private void prepare(Workload w) {
        if (yearTopic != null) {
            return;
        }
        yearTopic = w.eventsTopic() + "-year";
        cluster.createTopics(List.of(BenchCluster.topic(yearTopic, settings.partitions(), Map.of())));
        YearOfReports year = new YearOfReports(w.city().targets(), w.year(), settings.replayDays(), settings.replayReportEveryDays(),
                settings.replaySensorEveryMinutes(), settings.seed(), yearTopic + "-");
        EventLoader.Loaded loaded = new EventLoader(cluster.kafkaConfig(), cluster.registry()).sendEvents(yearTopic, year);
        yearEnd = new GroupProgress(cluster.admin()).endOffsets(yearTopic);
        log.info("Replay: a year of {} reports ({} targets, reports every {} days, sensors every {} min) in {}",
                loaded.events(), w.city().targets().size(), settings.replayReportEveryDays(), settings.replaySensorEveryMinutes(), yearTopic);
        table.record("replay: reports in the year", "events", loaded.events());
        table.note("replay: reports in the year", settings.replayDays() + " days, " + w.city().targets().size() + " targets: department reports every "
                + settings.replayReportEveryDays() + " d, milestones once, wet-waste sensors every "
                + settings.replaySensorEveryMinutes() + " min");
    }

    void run(Workload w, int repeat) {
        prepare(w);
        String appId = yearTopic + "-replay-" + repeat;
        Pipeline.Topics topics = Pipeline.Topics.of(appId, w.targetsTopic(), yearTopic);
        cluster.createTopics(topics.outputs(settings.partitions()));
        Path state = cluster.workDir().resolve("state").resolve(appId);
        Path childLog = cluster.workDir().resolve(appId + ".log");
        String probe = w.city().targets().stream().filter(t -> t.getKind() == TargetKind.CUMULATIVE)
                .map(Target::getId).findFirst().orElseThrow();
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", cluster.bootstrapServers(),
                "--application-id", appId, "--targets-topic", w.targetsTopic(), "--events-topic", yearTopic,
                "--output-prefix", appId, "--state-dir", state.toString(), "--threads", String.valueOf(settings.threads()),
                "--probe-target", probe));
        args.addAll(cluster.registry().args("--registry-url", "--registry-user-info"));
        args.addAll(cluster.securityArgs("--kafka-property"));
        // the app's default: static membership, the child named as a deployment names an instance (PROGRESS_INSTANCE_ID)
        if (settings.dynamicMembership()) {
            args.add("--app-option=--static-membership=false");
        } else {
            args.add("--app-option=--instance-id=" + appId + "-member");
        }
        String membership = settings.dynamicMembership()
                ? "dynamic membership (--dynamic-membership): waits for the killed member's session to expire"
                : "static membership (the app's default, --instance-id): the restart takes the killed member's place";
        String jvm = System.getenv().getOrDefault("BENCHMARK_CHILD_JAVA_OPTS", "-Xmx2g");

        try (ChildPipeline replay = ChildPipeline.launch(args, childLog, jvm)) {
            GroupProgress.Throughput t = new GroupProgress(cluster.admin())
                    .await(appId, yearTopic, yearEnd, Duration.ofMinutes(60), replay::alive);
            double wall = replay.secondsSinceLaunch();
            replay.secondsUntil(PipelineProcess.READY, Duration.ofMinutes(5));
            table.record(WALL, "s", wall);
            table.note(WALL, "child JVM launch to last commit (1 instance x " + settings.threads() + " thread(s)), JVM start included");
            table.record(RATE, "events/s", t.rate());
            replay.killHard();
        }
        long changelog = changelogRecords(appId);
        table.record("restore: changelog records to restore", "records", changelog);
        table.note("restore: changelog records to restore", "end offsets of the app's changelog topics (incl. markers)");

        if (settings.runs(Settings.Phase.RESTORE)) {
            try (ChildPipeline kept = ChildPipeline.launch(args, childLog, jvm)) {
                double ready = kept.secondsUntil(PipelineProcess.READY, Duration.ofMinutes(10));
                table.record(RESTORE_KEPT, "s", ready);
                table.record("restore: of which child JVM start (launch -> main)", "s",
                        kept.secondsUntil(PipelineProcess.STARTED, Duration.ZERO));
                table.note(RESTORE_KEPT, "launch to RUNNING + a store read; " + membership);
                kept.killHard();
            }
            BenchCluster.deleteRecursively(state);
            try (ChildPipeline wiped = ChildPipeline.launch(args, childLog, jvm)) {
                double ready = wiped.secondsUntil(PipelineProcess.READY, Duration.ofMinutes(10));
                table.record(RESTORE_WIPED, "s", ready);
                table.note(RESTORE_WIPED, "full restore from the changelog topics; " + membership);
                wiped.killHard();
            }
        }
        BenchCluster.deleteRecursively(state);
        keepLog(childLog);
    }

    /** The child JVMs' log goes next to the results: the work directory is deleted at the end. */
    private void keepLog(Path childLog) {
        try {
            java.nio.file.Files.createDirectories(settings.outputDir());
            java.nio.file.Files.copy(childLog, settings.outputDir().resolve(childLog.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("Could not keep the child log {}: {}", childLog, e.getMessage());
        }
    }

    private long changelogRecords(String appId) {
        try {
            List<String> changelogs = cluster.admin().listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(n -> n.startsWith(appId + "-") && n.endsWith("-changelog")).toList();
            GroupProgress offsets = new GroupProgress(cluster.admin());
            long sum = 0;
            for (String topic : changelogs) {
                sum += offsets.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
            }
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException("Could not list the changelog topics of " + appId + ": " + e.getMessage(), e);
        }
    }
}
