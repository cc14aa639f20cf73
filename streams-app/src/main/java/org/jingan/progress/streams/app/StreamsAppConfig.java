package org.jingan.progress.streams.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.kit.options.ClusterOptions;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.topology.DeadLetterDeserializationHandler;
import org.jingan.progress.streams.topology.DeadLetterProcessingHandler;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.jingan.progress.streams.topology.SupervisionRules;
import org.jingan.progress.streams.topology.RejectionCounters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The streams app's settings, from flags or environment variables (flag wins). Every option shows its variable and
 * default in {@code --help}.
 */
public class StreamsAppConfig {

    /** The cluster and both logins: the options every program of the pipeline takes. */
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--application-id", defaultValue = "${env:PROGRESS_APPLICATION_ID:-progress-streams}",
            description = "Streams application.id: consumer group and prefix of internal topics (env PROGRESS_APPLICATION_ID). Default: ${DEFAULT-VALUE}")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "${env:PROGRESS_STATE_DIR:-${sys:java.io.tmpdir}/progress-streams}",
            description = "Directory of the local state stores (env PROGRESS_STATE_DIR). Default: ${DEFAULT-VALUE}")
    Path stateDir;

    @Option(names = "--application-server", defaultValue = "${env:PROGRESS_APPLICATION_SERVER}",
            description = "host:port where this instance answers interactive queries, advertised to the others (env PROGRESS_APPLICATION_SERVER)")
    String applicationServer;

    @Option(names = "--peer-secret-file", defaultValue = "${env:PROGRESS_PEER_SECRET_FILE}",
            description = "File holding the secret the instances of this app show each other on their /internal"
                    + " endpoints (one line, 16+ characters; the same file content for every instance; keep it mode"
                    + " 600) (env PROGRESS_PEER_SECRET_FILE). Without it the instance makes a random secret of its own"
                    + " and answers no other instance: fine for one instance, required for several")
    Path peerSecretFile;

    @Option(names = "--management-port", defaultValue = "${env:PROGRESS_MANAGEMENT_PORT:-0}",
            description = "Port of this instance's metrics (/metrics) and health (/health/live, /health/ready), apart"
                    + " from the public query API and dashboard; 0 picks a free one, logged at start (env"
                    + " PROGRESS_MANAGEMENT_PORT). Default: ${DEFAULT-VALUE}")
    int managementPort;

    @Option(names = "--management-bind", defaultValue = "${env:PROGRESS_MANAGEMENT_BIND:-127.0.0.1}",
            description = "Interface of the management port: loopback keeps metrics and health to this host (a"
                    + " container's own health check still reaches them); 0.0.0.0 for probes from outside, e.g."
                    + " Kubernetes' kubelet, with the port kept off public networks (env PROGRESS_MANAGEMENT_BIND)."
                    + " Default: ${DEFAULT-VALUE}")
    String managementBind;

    @Option(names = "--instance-id", defaultValue = "${env:PROGRESS_INSTANCE_ID}",
            description = "Name of this instance in the consumer group (group.instance.id, static membership): the same"
                    + " on every restart of this instance, different from every other running instance's, e.g. a"
                    + " StatefulSet's pod name (env PROGRESS_INSTANCE_ID). Default: <application-id>-<host>-<port> of"
                    + " --application-server when that has a fixed port; without either, dynamic membership")
    String instanceId;

    @Option(names = "--static-membership", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:PROGRESS_STATIC_MEMBERSHIP:-true}",
            description = "Join the group as a static member when the instance has a stable identity (see"
                    + " --instance-id): a restarted instance, even after kill -9, takes its partitions back at once"
                    + " instead of waiting for its old session to expire. false: always dynamic (env"
                    + " PROGRESS_STATIC_MEMBERSHIP). Default: ${DEFAULT-VALUE}")
    boolean staticMembership;

    @Option(names = "--session-timeout", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_SESSION_TIMEOUT:-30s}",
            description = "session.timeout.ms: an instance that stops heartbeating keeps its partitions this long"
                    + " (their stores and outputs stall) before the others take them over; a restart within it gets"
                    + " them back without a rebalance. Longer survives slower restarts, shorter fails over sooner;"
                    + " the broker allows 6s..30m by default (env PROGRESS_SESSION_TIMEOUT). Default: ${DEFAULT-VALUE}")
    Duration sessionTimeout;

    @Option(names = "--standby-replicas", defaultValue = "${env:PROGRESS_STANDBY_REPLICAS:-0}",
            description = "Warm copies of each store on other instances (env PROGRESS_STANDBY_REPLICAS). Default: ${DEFAULT-VALUE}")
    int standbyReplicas;

    @Option(names = "--threads", defaultValue = "${env:PROGRESS_STREAM_THREADS:-1}",
            description = "Stream threads of this instance (env PROGRESS_STREAM_THREADS). Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--commit-interval", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_COMMIT_INTERVAL:-50ms}",
            description = "Transaction commit interval under exactly_once_v2: snapshots and alerts reach read_committed consumers at the next commit, and the stores write down once per commit (env PROGRESS_COMMIT_INTERVAL). Default: ${DEFAULT-VALUE}")
    Duration commitInterval;

    @Option(names = "--replication-factor", defaultValue = "${env:PROGRESS_REPLICATION_FACTOR:--1}",
            description = "Replication of the internal topics (changelogs): -1 takes the cluster's"
                    + " default.replication.factor and min.insync.replicas; N >= 2 makes them with N replicas and"
                    + " min.insync.replicas N-1 (3 on a production cluster: one broker may be down, every write on"
                    + " two); 1 for a single broker (env PROGRESS_REPLICATION_FACTOR). Default: ${DEFAULT-VALUE}")
    int replicationFactor;

    @Option(names = "--dead-letter-topic", defaultValue = "${env:PROGRESS_DEAD_LETTER_TOPIC:-progress-dead-letters}",
            description = "Where refused records go, with reason and original bytes (env PROGRESS_DEAD_LETTER_TOPIC). Default: ${DEFAULT-VALUE}")
    String deadLetterTopic;

    @Option(names = "--targets-topic", defaultValue = "${env:PROGRESS_TARGETS_TOPIC:-targets}", description = "Target definitions in (compacted) (env PROGRESS_TARGETS_TOPIC). Default: ${DEFAULT-VALUE}")
    String targetsTopic;

    @Option(names = "--events-topic", defaultValue = "${env:PROGRESS_EVENTS_TOPIC:-progress-events}", description = "Progress reports in (env PROGRESS_EVENTS_TOPIC). Default: ${DEFAULT-VALUE}")
    String eventsTopic;

    @Option(names = "--progress-topic", defaultValue = "${env:PROGRESS_PROGRESS_TOPIC:-target-progress}", description = "Snapshots out (compacted) (env PROGRESS_PROGRESS_TOPIC). Default: ${DEFAULT-VALUE}")
    String progressTopic;

    @Option(names = "--alerts-topic", defaultValue = "${env:PROGRESS_ALERTS_TOPIC:-progress-alerts}", description = "Alerts out (env PROGRESS_ALERTS_TOPIC). Default: ${DEFAULT-VALUE}")
    String alertsTopic;

    @Option(names = "--cases-topic", defaultValue = "${env:PROGRESS_CASES_TOPIC:-supervision-cases}",
            description = "Supervision cases (督办单) in and out: the intake's answers and the monitor's reviews in, the"
                    + " cases opened, chased and closed on the district clock out; empty: no cases (env PROGRESS_CASES_TOPIC). Default: ${DEFAULT-VALUE}")
    String casesTopic;

    @Option(names = "--bulletins-url", defaultValue = "${env:PROGRESS_BULLETINS_URL}",
            description = "Where the leaders' monthly bulletins are kept: the monitor console's bulletins section (viewer"
                    + " login), e.g. http://localhost:8083/#bulletins; the dashboard links to it (月度进展通报). Unset: no"
                    + " link (env PROGRESS_BULLETINS_URL)")
    String bulletinsUrl;

    @Option(names = "--case-open-after", split = ",",
            defaultValue = "${env:PROGRESS_CASE_OPEN_AFTER:-BEHIND=7d,BREACHED=0s,STALE_REPORT=0s}",
            description = "Conditions that open a supervision case and how long each must hold on the district clock;"
                    + " a condition left out opens none (env PROGRESS_CASE_OPEN_AFTER). Default: ${DEFAULT-VALUE}")
    List<String> caseOpenAfter;

    @Option(names = "--case-answer-working-days", defaultValue = "${env:PROGRESS_CASE_ANSWER_WORKING_DAYS:-5}",
            description = "Working days a department has to answer a case (weekends and Chinese public holidays skipped)"
                    + " (env PROGRESS_CASE_ANSWER_WORKING_DAYS). Default: ${DEFAULT-VALUE}")
    int caseAnswerWorkingDays;

    @Option(names = "--case-auto-close-after", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_CASE_AUTO_CLOSE_AFTER:-14d}",
            description = "A case closes by itself once its target was back on track this long (env"
                    + " PROGRESS_CASE_AUTO_CLOSE_AFTER). Default: ${DEFAULT-VALUE}")
    Duration caseAutoCloseAfter;

    @Option(names = "--at-risk-gap", defaultValue = "${env:PROGRESS_AT_RISK_GAP:--0.05}",
            description = "AT_RISK below this gap (completion - expected) (env PROGRESS_AT_RISK_GAP). Default: ${DEFAULT-VALUE}")
    double atRiskGap;

    @Option(names = "--behind-gap", defaultValue = "${env:PROGRESS_BEHIND_GAP:--0.15}",
            description = "BEHIND below this gap (env PROGRESS_BEHIND_GAP). Default: ${DEFAULT-VALUE}")
    double behindGap;

    @Option(names = "--about-tolerance", defaultValue = "${env:PROGRESS_ABOUT_TOLERANCE:-0.05}",
            description = "An ABOUT (左右) target is met at (1 - this) of its value (env PROGRESS_ABOUT_TOLERANCE). Default: ${DEFAULT-VALUE}")
    double aboutTolerance;

    @Option(names = "--ceiling-at-risk-headroom", defaultValue = "${env:PROGRESS_CEILING_AT_RISK_HEADROOM:-0.10}",
            description = "A ceiling is AT_RISK with less than this share left (env PROGRESS_CEILING_AT_RISK_HEADROOM). Default: ${DEFAULT-VALUE}")
    double ceilingAtRiskHeadroom;

    @Option(names = "--forecast-miss-tolerance", defaultValue = "${env:PROGRESS_FORECAST_MISS_TOLERANCE:-0.03}",
            description = "FORECAST_MISS when the projection falls short by more than this share (env PROGRESS_FORECAST_MISS_TOLERANCE). Default: ${DEFAULT-VALUE}")
    double forecastMissTolerance;

    @Option(names = "--stale-after", converter = DurationConverter.class, defaultValue = "${env:PROGRESS_STALE_AFTER:-30d}",
            description = "STALE_REPORT after this long without a report; a target never reported is NO_REPORT_YET once the year is this old (or its plan expects more than the at-risk band) (env PROGRESS_STALE_AFTER). Default: ${DEFAULT-VALUE}")
    Duration staleAfter;

    @Option(names = "--status-clear-margin", defaultValue = "${env:PROGRESS_STATUS_CLEAR_MARGIN:-0.02}",
            description = "Hysteresis: AT_RISK or BEHIND (a ceiling's AT_RISK) clears only when the gap (headroom) is back past its threshold by this share of the target, so a report wavering around a threshold does not fire and resolve again and again (env PROGRESS_STATUS_CLEAR_MARGIN). Default: ${DEFAULT-VALUE}")
    double statusClearMargin;

    @Option(names = "--milestone-last-stretch", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_MILESTONE_LAST_STRETCH:-30d}",
            description = "A milestone not reported done is AT_RISK this long before it is due; 0d turns this off (env PROGRESS_MILESTONE_LAST_STRETCH). Default: ${DEFAULT-VALUE}")
    Duration milestoneLastStretch;

    @Option(names = "--forecast-half-life", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_FORECAST_HALF_LIFE:-14d}",
            description = "Half-life of the weighting of recent progress (env PROGRESS_FORECAST_HALF_LIFE). Default: ${DEFAULT-VALUE}")
    Duration forecastHalfLife;

    @Option(names = "--forecast-min-span", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_FORECAST_MIN_SPAN:-14d}",
            description = "No forecast before reports span this long (env PROGRESS_FORECAST_MIN_SPAN). Default: ${DEFAULT-VALUE}")
    Duration forecastMinSpan;

    @Option(names = "--zone", defaultValue = "${env:PROGRESS_ZONE:-Asia/Shanghai}",
            description = "Zone of dates, deadlines and day buckets (env PROGRESS_ZONE). Default: ${DEFAULT-VALUE}")
    ZoneId zone;

    @Option(names = "--publish-interval", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_PUBLISH_INTERVAL:-100ms}",
            description = "Counted reports are published at most this often per target; 0ms = every report (env PROGRESS_PUBLISH_INTERVAL). Default: ${DEFAULT-VALUE}")
    Duration publishInterval;

    @Option(names = "--backlog-lag", converter = DurationConverter.class, defaultValue = "${env:PROGRESS_BACKLOG_LAG:-10s}",
            description = "Records written this long before they are read mean a backlog (a restart after downtime, a topic replayed): changed targets are then published together every --backlog-publish-interval; 0s turns it off (env PROGRESS_BACKLOG_LAG). Default: ${DEFAULT-VALUE}")
    Duration backlogLag;

    @Option(names = "--backlog-publish-interval", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_BACKLOG_PUBLISH_INTERVAL:-1s}",
            description = "How often changed targets are published while a backlog is worked through (env PROGRESS_BACKLOG_PUBLISH_INTERVAL). Default: ${DEFAULT-VALUE}")
    Duration backlogPublishInterval;

    @Option(names = "--clock", converter = ClockModeConverter.class, defaultValue = "${env:PROGRESS_CLOCK:-wall}",
            description = "The district clock: wall (live: now is the wall clock) or simulated (replays, the demo year: now is the latest tick on --clock-topic) (env PROGRESS_CLOCK). Default: ${DEFAULT-VALUE}")
    ClockMode clock;

    @Option(names = "--clock-start", converter = ClockTimeConverter.class,
            defaultValue = "${env:PROGRESS_CLOCK_START:-2020-01-01}",
            description = "Where a simulated clock stands before its first tick: a date (Asia/Shanghai) or an instant (env PROGRESS_CLOCK_START). Default: ${DEFAULT-VALUE}")
    Instant clockStart;

    @Option(names = "--clock-topic", defaultValue = "${env:PROGRESS_CLOCK_TOPIC:-district-clock}",
            description = "Topic of the simulated clock's ticks (env PROGRESS_CLOCK_TOPIC). Default: ${DEFAULT-VALUE}")
    String clockTopic;

    @Option(names = "--clock-check", converter = DurationConverter.class, defaultValue = "${env:PROGRESS_CLOCK_CHECK:-1s}",
            description = "How often (wall clock) at least every task checks whether the district's day changed, also without records; every --publish-interval when that is shorter (env PROGRESS_CLOCK_CHECK). Default: ${DEFAULT-VALUE}")
    Duration clockCheck;

    @Option(names = "--max-event-time-ahead", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_MAX_EVENT_TIME_AHEAD:-1h}",
            description = "How far after the district clock's now a report's eventTime may be (a sender's clock runs fast); later is dead-lettered as EVENT_TIME_OUT_OF_RANGE (env PROGRESS_MAX_EVENT_TIME_AHEAD). Default: ${DEFAULT-VALUE}")
    Duration maxEventTimeAhead;

    @Option(names = "--reporting-grace", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_REPORTING_GRACE:-31d}",
            description = "How long after a target's deadline day an eventTime may still be; later is dead-lettered as EVENT_TIME_OUT_OF_RANGE (env PROGRESS_REPORTING_GRACE). Default: ${DEFAULT-VALUE}")
    Duration reportingGrace;

    @Option(names = "--history-bucket", defaultValue = "${env:PROGRESS_HISTORY_BUCKET:-DAY}",
            description = "DAY or MONTH burn-up points (env PROGRESS_HISTORY_BUCKET). Default: ${DEFAULT-VALUE}")
    ProgressTopologyConfig.HistoryBucket historyBucket;

    @Option(names = "--dedup-retention-after-year", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_DEDUP_RETENTION_AFTER_YEAR:-30d}",
            description = "Event ids are remembered until the target's year ended this long ago (env PROGRESS_DEDUP_RETENTION_AFTER_YEAR). Default: ${DEFAULT-VALUE}")
    Duration dedupRetentionAfterYear;

    @Option(names = "--dedup-purge-interval", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_DEDUP_PURGE_INTERVAL:-30d}",
            description = "How often (district clock) expired event ids are purged (env PROGRESS_DEDUP_PURGE_INTERVAL). Default: ${DEFAULT-VALUE}")
    Duration dedupPurgeInterval;

    @Option(names = "--totals-kept", defaultValue = "${env:PROGRESS_TOTALS_KEPT:-8}",
            description = "Latest totals/levels kept per target to fall back on when the latest is corrected (env PROGRESS_TOTALS_KEPT). Default: ${DEFAULT-VALUE}")
    int totalsKept;

    @Option(names = "--input-partitions", defaultValue = "${env:PROGRESS_INPUT_PARTITIONS:-0}",
            description = "Partitions of targets and progress-events; a record on another partition than its key's (murmur2, as Java producers place keys) is re-routed to it by key. 0 reads them from the broker at start (env PROGRESS_INPUT_PARTITIONS). Default: ${DEFAULT-VALUE}")
    int inputPartitions;

    @Option(names = "--max-event-time-after-report", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_MAX_EVENT_TIME_AFTER_REPORT:-1h}",
            description = "Clock skew allowed between a report's eventTime and reportedAt (env PROGRESS_MAX_EVENT_TIME_AFTER_REPORT). Default: ${DEFAULT-VALUE}")
    Duration maxEventTimeAfterReport;

    @Option(names = "--unknown-target-grace", converter = DurationConverter.class,
            defaultValue = "${env:PROGRESS_UNKNOWN_TARGET_GRACE:-1m}",
            description = "A report for a target not in the catalog (yet) is held this long for its target to arrive, then dead-lettered as UNKNOWN_TARGET; 0s dead-letters at once (env PROGRESS_UNKNOWN_TARGET_GRACE). Default: ${DEFAULT-VALUE}")
    Duration unknownTargetGrace;

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
            description = "Any other Kafka Streams / client setting, repeatable (e.g. session.timeout.ms=10000)")
    Map<String, String> extraStreamsConfig = new LinkedHashMap<>();

    /** The rules of the topology. */
    public RuleConfig rules() {
        return new RuleConfig(atRiskGap, behindGap, aboutTolerance, ceilingAtRiskHeadroom, forecastMissTolerance,
                staleAfter, forecastHalfLife, forecastMinSpan, zone, statusClearMargin, milestoneLastStretch);
    }

    public ProgressTopologyConfig topologyConfig() {
        return ProgressTopologyConfig.builder()
                .topics(targetsTopic, eventsTopic, progressTopic, alertsTopic)
                .deadLetterTopic(deadLetterTopic)
                .unknownTargetGrace(unknownTargetGrace)
                .rules(rules())
                .publishInterval(publishInterval)
                .backlogLag(backlogLag)
                .backlogPublishInterval(backlogPublishInterval)
                .clock(clock, clockStart)
                .clockTopic(clockTopic)
                .clockCheckInterval(clockCheck)
                .maxEventTimeAhead(maxEventTimeAhead)
                .reportingGrace(reportingGrace)
                .historyBucket(historyBucket)
                .dedupRetentionAfterYear(dedupRetentionAfterYear)
                .dedupPurgeInterval(dedupPurgeInterval)
                .totalsKept(totalsKept)
                .maxEventTimeAfterReport(maxEventTimeAfterReport)
                .inputPartitions(inputPartitions)
                .supervisionTopic(casesTopic == null || casesTopic.isBlank() ? null : casesTopic)
                .supervision(supervisionRules())
                .build();
    }

    /** The supervision rules from {@code --case-*}: each opening condition as CONDITION=duration. */
    SupervisionRules supervisionRules() {
        SupervisionRules rules = SupervisionRules.defaults();
        java.util.Map<String, Duration> open = new java.util.LinkedHashMap<>();
        for (String entry : caseOpenAfter == null ? List.<String>of() : caseOpenAfter) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--case-open-after takes CONDITION=duration (e.g. BEHIND=7d), got '" + e + "'");
            }
            open.put(e.substring(0, eq).strip().toUpperCase(java.util.Locale.ROOT),
                    new DurationConverter().convert(e.substring(eq + 1).strip()));
        }
        return new SupervisionRules(true, open, caseAnswerWorkingDays, caseAutoCloseAfter, rules.calendar());
    }

    /**
     * Settings of the registry serdes. In production every subject (output topics and store changelogs) is registered
     * by the deploy step, so the app needs only read access to the registry; an in-JVM registry (tests) has no deploy
     * step and registers.
     */
    public Map<String, Object> registryConfig() {
        return new HashMap<>(cluster.registryConfig());
    }

    /** Static or dynamic group membership of this instance, and why (see {@link GroupMembership}). */
    public GroupMembership membership() {
        return GroupMembership.decide(staticMembership, instanceId, applicationId, applicationServer, extraStreamsConfig);
    }

    /**
     * The Kafka Streams settings: exactly_once_v2 with a 50 ms commit interval (Streams' default is 100 ms; half of
     * it more than halved the tail of the live path in the benchmark, for a few percent of throughput), static group
     * membership when the instance has a stable identity ({@link #membership()}) with the session timeout, the
     * dead-letter topic and handlers, inputs not read in lock step ({@code max.task.idle.ms=-1}) while reports for
     * unknown targets are held, then the extra settings given with --streams-config (which win).
     * {@code counters} is handed to the handlers.
     */
    public Properties streamsProperties(RejectionCounters counters) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.putAll(cluster.kafkaProperties());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(commitInterval.toMillis()));
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, String.valueOf(standbyReplicas));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(threads));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(replicationFactor));
        if (replicationFactor >= 2) {
            // as every other topic of the system (Topics.TopicSpec#configsFor): a write is on two replicas at least
            p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), String.valueOf(replicationFactor - 1));
        }
        // the topology's stores write their changes down in one burst before each commit (and keep their own
        // cache): bigger producer batches carry that burst in fewer requests, and Kafka's record cache is unused
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), String.valueOf(256 * 1024));
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        if (!unknownTargetGrace.isZero()) {
            // a report that overtakes its target's definition is held by the topology (--unknown-target-grace), so
            // the two inputs need not be read in lock step; with the default (0) Streams checks the other input's
            // lag before every record, and formats a log line each time (a tenth of a stream thread's time here)
            p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        }
        if (applicationServer != null && !applicationServer.isBlank()) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        GroupMembership membership = membership();
        if (membership.isStatic()) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, membership.instanceId());
        }
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(sessionTimeout.toMillis()));
        // heartbeats well within the session, and no rarer than Kafka's default 3 s: members learn of a rebalance
        // through them
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                String.valueOf(Math.min(3_000, Math.max(100, sessionTimeout.toMillis() / 10))));
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        // no global stores here; set so Streams does not warn that the default will change in 5.0
        p.put("processing.exception.handler.global.enabled", "true");
        p.put(RejectionCounters.CONFIG_KEY, counters);
        p.putAll(registryConfig());
        p.putAll(extraStreamsConfig);
        return p;
    }

    public String applicationId() {
        return applicationId;
    }

    public String applicationServer() {
        return applicationServer;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return cluster.schemaRegistryUrl();
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Where this instance serves its metrics and health. */
    /** The monitor's bulletins for the dashboard's link, an http(s) address; null when not set. */
    public String bulletinsUrl() {
        if (bulletinsUrl == null || bulletinsUrl.isBlank()) {
            return null;
        }
        String url = bulletinsUrl.strip();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("--bulletins-url must be an http:// or https:// address, got " + url);
        }
        return url;
    }

    public String managementBind() {
        return managementBind;
    }

    public int managementPort() {
        return managementPort;
    }

    /** The shared peer secret's file, or null when none was given. */
    public Path peerSecretFile() {
        return peerSecretFile;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }
}
