package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.streams.rules.RuleConfig;

/**
 * Everything the topology depends on, with documented defaults ({@link #defaults()}); immutable, built with
 * {@link #builder()}.
 *
 * <ul>
 *   <li>{@code clockMode} (WALL) and {@code clockStart} (2020-01-01 00:00 Asia/Shanghai): the district clock, the one
 *       "now" of every task. WALL is the wall clock (live); SIMULATED reads the latest tick of {@code clockTopic}
 *       (district-clock) through a global store, for replays and the demo year, standing at {@code clockStart} before
 *       the first tick. A report's event time never moves it. Every task checks it on every record and at every
 *       publish punctuation, at least every {@code clockCheckInterval} (1 s, wall clock): when its date changes,
 *       every target is re-evaluated (pace moves on, deadlines pass, silence becomes stale) and its history bucket
 *       for the ended day(s) written;</li>
 *   <li>{@code maxEventTimeAhead} (1 h) and {@code reportingGrace} (31 days): a report's event time must lie from
 *       1 January of its target's year to the earlier of the clock's now plus {@code maxEventTimeAhead} and the end
 *       of the target's deadline day plus {@code reportingGrace}; else it is dead-lettered as
 *       EVENT_TIME_OUT_OF_RANGE;</li>
 *   <li>topics: {@code targets}, {@code progress-events} in; {@code target-progress}, {@code progress-alerts} out;
 *       {@code progress-dead-letters} for the reports the topology itself gives up on (held reports whose target
 *       never came); the Streams setting {@code errors.dead.letter.queue.topic.name} should name the same topic;</li>
 *   <li>{@code unknownTargetGrace} (1 min): a report for a target not (yet) in the catalog is held this long (wall
 *       clock) for its target to arrive, then dead-lettered as UNKNOWN_TARGET; its target's arrival counts it at
 *       once. With a grace the two inputs need not be read in lock step ({@code max.task.idle.ms=-1}: a report that
 *       overtakes its target's definition waits here instead); {@link Duration#ZERO} dead-letters at once;</li>
 *   <li>{@code rules}: status, forecast and alert thresholds ({@link RuleConfig#defaults()});</li>
 *   <li>{@code publishInterval} (100 ms): a report on a target not published within this interval is published at
 *       once; further reports within the interval are published together at its end (wall-clock punctuation), so
 *       a burst costs two snapshots, not one per report; {@link Duration#ZERO} publishes on every report;</li>
 *   <li>{@code backlogLag} (10 s) and {@code backlogPublishInterval} (1 s): while the records a task reads were
 *       written more than {@code backlogLag} ago (stream time is the records' own time, not their event time) the
 *       task is working through a backlog (a restart after downtime, a topic replayed): then changed targets are
 *       published together every {@code backlogPublishInterval}, not at once, so a backlog publishes each target
 *       about once a second instead of once per report; {@link Duration#ZERO} turns this off;</li>
 *   <li>{@code historyBucket} (DAY): daily or monthly burn-up points;</li>
 *   <li>{@code dedupRetentionAfterYear} (30 days): an event id is remembered until its target's year ended this long
 *       ago (and at least this long after it arrived), both by the district clock; purged at a day close at most every
 *       {@code dedupPurgeInterval} (30 days) of the district clock;</li>
 *   <li>{@code totalsKept} (8): latest totals/levels kept per target for falling back when the latest is corrected;</li>
 *   <li>{@code maxEventTimeAfterReport} (1 h): clock skew allowed between a report's event time and its send time;</li>
 *   <li>{@code inMemoryStores} (false): RocksDB stores by default; in-memory ones (still changelogged) for tests;</li>
 *   <li>{@code inputPartitions} (0): the partitions of {@code targets} and {@code progress-events} (co-partitioned).
 *       Given, a record on another partition than its key's (murmur2, as Kafka's Java producer places keyed records)
 *       is re-routed by key through a repartition topic to the task that owns the key, so a report written by a
 *       client with another partitioner (librdkafka's default, CRC32) is counted all the same ({@link Placement});
 *       0 checks nothing (TopologyTestDriver, which reads every topic as one partition). The streams app reads it
 *       from the broker at start.</li>
 * </ul>
 */
public final class ProgressTopologyConfig {

    /** Where a simulated district clock stands before its first tick: the start of the report's year. */
    public static final Instant DEFAULT_CLOCK_START = Instant.parse("2020-01-01T00:00:00+08:00");

    /** Granularity of the per-target history. */
    public enum HistoryBucket { DAY, MONTH }

    private final String targetsTopic;
    private final String eventsTopic;
    private final String progressTopic;
    private final String alertsTopic;
    private final String deadLetterTopic;
    private final Duration unknownTargetGrace;
    private final RuleConfig rules;
    private final Duration publishInterval;
    private final Duration backlogLag;
    private final Duration backlogPublishInterval;
    private final ClockMode clockMode;
    private final Instant clockStart;
    private final String clockTopic;
    private final Duration clockCheckInterval;
    private final Duration maxEventTimeAhead;
    private final Duration reportingGrace;
    private final HistoryBucket historyBucket;
    private final Duration dedupRetentionAfterYear;
    private final Duration dedupPurgeInterval;
    private final int totalsKept;
    private final Duration maxEventTimeAfterReport;
    private final boolean inMemoryStores;
    private final int inputPartitions;
    private final SupervisionRules supervision;
    private final String supervisionTopic;

    private ProgressTopologyConfig(Builder b) {
        this.targetsTopic = requireName(b.targetsTopic, "targetsTopic");
        this.eventsTopic = requireName(b.eventsTopic, "eventsTopic");
        this.progressTopic = requireName(b.progressTopic, "progressTopic");
        this.alertsTopic = requireName(b.alertsTopic, "alertsTopic");
        this.deadLetterTopic = requireName(b.deadLetterTopic, "deadLetterTopic");
        this.unknownTargetGrace = notNegative(b.unknownTargetGrace, "unknownTargetGrace");
        this.rules = Objects.requireNonNull(b.rules, "rules");
        this.publishInterval = notNegative(b.publishInterval, "publishInterval");
        this.backlogLag = notNegative(b.backlogLag, "backlogLag");
        this.backlogPublishInterval = notNegative(b.backlogPublishInterval, "backlogPublishInterval");
        this.clockMode = Objects.requireNonNull(b.clockMode, "clockMode");
        this.clockStart = Objects.requireNonNull(b.clockStart, "clockStart");
        this.clockTopic = requireName(b.clockTopic, "clockTopic");
        this.clockCheckInterval = positive(b.clockCheckInterval, "clockCheckInterval");
        this.maxEventTimeAhead = notNegative(b.maxEventTimeAhead, "maxEventTimeAhead");
        this.reportingGrace = notNegative(b.reportingGrace, "reportingGrace");
        this.historyBucket = Objects.requireNonNull(b.historyBucket, "historyBucket");
        this.dedupRetentionAfterYear = notNegative(b.dedupRetentionAfterYear, "dedupRetentionAfterYear");
        this.dedupPurgeInterval = positive(b.dedupPurgeInterval, "dedupPurgeInterval");
        if (b.totalsKept < 1) {
            throw new IllegalArgumentException("totalsKept must be at least 1, got " + b.totalsKept);
        }
        this.totalsKept = b.totalsKept;
        this.maxEventTimeAfterReport = notNegative(b.maxEventTimeAfterReport, "maxEventTimeAfterReport");
        this.inMemoryStores = b.inMemoryStores;
        if (b.inputPartitions < 0) {
            throw new IllegalArgumentException("inputPartitions must be 0 (not checked) or positive, got " + b.inputPartitions);
        }
        this.inputPartitions = b.inputPartitions;
        this.supervision = Objects.requireNonNull(b.supervision, "supervision");
        // null: no supervision cases (a deployment without the topic)
        this.supervisionTopic = b.supervisionTopic == null ? null : requireName(b.supervisionTopic, "supervisionTopic");
    }

    public static ProgressTopologyConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.targetsTopic = targetsTopic;
        b.eventsTopic = eventsTopic;
        b.progressTopic = progressTopic;
        b.alertsTopic = alertsTopic;
        b.deadLetterTopic = deadLetterTopic;
        b.unknownTargetGrace = unknownTargetGrace;
        b.rules = rules;
        b.publishInterval = publishInterval;
        b.backlogLag = backlogLag;
        b.backlogPublishInterval = backlogPublishInterval;
        b.clockMode = clockMode;
        b.clockStart = clockStart;
        b.clockTopic = clockTopic;
        b.clockCheckInterval = clockCheckInterval;
        b.maxEventTimeAhead = maxEventTimeAhead;
        b.reportingGrace = reportingGrace;
        b.historyBucket = historyBucket;
        b.dedupRetentionAfterYear = dedupRetentionAfterYear;
        b.dedupPurgeInterval = dedupPurgeInterval;
        b.totalsKept = totalsKept;
        b.maxEventTimeAfterReport = maxEventTimeAfterReport;
        b.inMemoryStores = inMemoryStores;
        b.inputPartitions = inputPartitions;
        b.supervision = supervision;
        b.supervisionTopic = supervisionTopic;
        return b;
    }

    public String targetsTopic() {
        return targetsTopic;
    }

    public String eventsTopic() {
        return eventsTopic;
    }

    public String progressTopic() {
        return progressTopic;
    }

    public String alertsTopic() {
        return alertsTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public Duration unknownTargetGrace() {
        return unknownTargetGrace;
    }

    public RuleConfig rules() {
        return rules;
    }

    public Duration publishInterval() {
        return publishInterval;
    }

    public Duration backlogLag() {
        return backlogLag;
    }

    public Duration backlogPublishInterval() {
        return backlogPublishInterval;
    }

    public ClockMode clockMode() {
        return clockMode;
    }

    public Instant clockStart() {
        return clockStart;
    }

    public String clockTopic() {
        return clockTopic;
    }

    public Duration clockCheckInterval() {
        return clockCheckInterval;
    }

    public Duration maxEventTimeAhead() {
        return maxEventTimeAhead;
    }

    public Duration reportingGrace() {
        return reportingGrace;
    }

    public HistoryBucket historyBucket() {
        return historyBucket;
    }

    public Duration dedupRetentionAfterYear() {
        return dedupRetentionAfterYear;
    }

    public Duration dedupPurgeInterval() {
        return dedupPurgeInterval;
    }

    public int totalsKept() {
        return totalsKept;
    }

    public Duration maxEventTimeAfterReport() {
        return maxEventTimeAfterReport;
    }

    /** When supervision cases open, their deadlines and when they close by themselves. */
    public SupervisionRules supervision() {
        return supervision;
    }

    /**
     * The supervision-cases topic: the streams app reads the intake's and monitor's steps and writes its own; null
     * when the topology has no supervision cases.
     */
    public String supervisionTopic() {
        return supervisionTopic;
    }

    public boolean inMemoryStores() {
        return inMemoryStores;
    }

    /** The partitions of the two inputs, against which each record's placement is checked; 0 checks nothing. */
    public int inputPartitions() {
        return inputPartitions;
    }

    @Override
    public String toString() {
        return "ProgressTopologyConfig{topics=" + targetsTopic + "," + eventsTopic + "->" + progressTopic + ","
                + alertsTopic + ", deadLetterTopic=" + deadLetterTopic + ", unknownTargetGrace=" + unknownTargetGrace
                + ", rules=" + rules + ", publishInterval=" + publishInterval + ", backlogLag=" + backlogLag
                + ", backlogPublishInterval=" + backlogPublishInterval + ", clock=" + clockMode + " from " + clockStart + " on " + clockTopic + " checked every " + clockCheckInterval
                + ", maxEventTimeAhead=" + maxEventTimeAhead + ", reportingGrace=" + reportingGrace + ", historyBucket="
                + historyBucket + ", dedupRetentionAfterYear=" + dedupRetentionAfterYear + ", dedupPurgeInterval="
                + dedupPurgeInterval + ", totalsKept=" + totalsKept + ", maxEventTimeAfterReport="
                + maxEventTimeAfterReport + ", inMemoryStores=" + inMemoryStores + ", inputPartitions=" + inputPartitions
                + ", supervision=" + supervision + " on " + supervisionTopic + "}";
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must name a topic");
        }
        return name;
    }

    private static Duration notNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + d);
        }
        return d;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }

    public static final class Builder {
        private String targetsTopic = Topics.TARGETS.name();
        private String eventsTopic = Topics.PROGRESS_EVENTS.name();
        private String progressTopic = Topics.TARGET_PROGRESS.name();
        private String alertsTopic = Topics.ALERTS.name();
        private String deadLetterTopic = Topics.DEAD_LETTERS.name();
        private Duration unknownTargetGrace = Duration.ofMinutes(1);
        private RuleConfig rules = RuleConfig.defaults();
        private Duration publishInterval = Duration.ofMillis(100);
        private Duration backlogLag = Duration.ofSeconds(10);
        private Duration backlogPublishInterval = Duration.ofSeconds(1);
        private ClockMode clockMode = ClockMode.WALL;
        private Instant clockStart = DEFAULT_CLOCK_START;
        private String clockTopic = Topics.CLOCK.name();
        private Duration clockCheckInterval = Duration.ofSeconds(1);
        private Duration maxEventTimeAhead = Duration.ofHours(1);
        private Duration reportingGrace = Duration.ofDays(31);
        private HistoryBucket historyBucket = HistoryBucket.DAY;
        private Duration dedupRetentionAfterYear = Duration.ofDays(30);
        private Duration dedupPurgeInterval = Duration.ofDays(30);
        private int totalsKept = 8;
        private Duration maxEventTimeAfterReport = Duration.ofHours(1);
        private boolean inMemoryStores = false;
        private int inputPartitions = 0;
        private SupervisionRules supervision = SupervisionRules.defaults();
        /** Off unless set: a topology built without the topic on the cluster would stop at a missing source topic. */
        private String supervisionTopic = null;

        private Builder() {
        }

        public Builder topics(String targets, String events, String progress, String alerts) {
            this.targetsTopic = targets;
            this.eventsTopic = events;
            this.progressTopic = progress;
            this.alertsTopic = alerts;
            return this;
        }

        public Builder deadLetterTopic(String value) {
            this.deadLetterTopic = value;
            return this;
        }

        public Builder unknownTargetGrace(Duration value) {
            this.unknownTargetGrace = value;
            return this;
        }

        public Builder rules(RuleConfig value) {
            this.rules = value;
            return this;
        }

        public Builder publishInterval(Duration value) {
            this.publishInterval = value;
            return this;
        }

        /** The wall clock (live) or the simulated district clock, which stands at {@code start} before its first tick. */
        public Builder clock(ClockMode mode, Instant start) {
            this.clockMode = mode;
            this.clockStart = start;
            return this;
        }

        /** The partitions of targets and progress-events: records on another partition than their key's are re-routed. */
        public Builder inputPartitions(int value) {
            this.inputPartitions = value;
            return this;
        }

        public Builder clockTopic(String value) {
            this.clockTopic = value;
            return this;
        }

        public Builder clockCheckInterval(Duration value) {
            this.clockCheckInterval = value;
            return this;
        }

        public Builder maxEventTimeAhead(Duration value) {
            this.maxEventTimeAhead = value;
            return this;
        }

        public Builder reportingGrace(Duration value) {
            this.reportingGrace = value;
            return this;
        }

        public Builder backlogLag(Duration value) {
            this.backlogLag = value;
            return this;
        }

        public Builder backlogPublishInterval(Duration value) {
            this.backlogPublishInterval = value;
            return this;
        }

        public Builder historyBucket(HistoryBucket value) {
            this.historyBucket = value;
            return this;
        }

        public Builder dedupRetentionAfterYear(Duration value) {
            this.dedupRetentionAfterYear = value;
            return this;
        }

        public Builder dedupPurgeInterval(Duration value) {
            this.dedupPurgeInterval = value;
            return this;
        }

        public Builder totalsKept(int value) {
            this.totalsKept = value;
            return this;
        }

        public Builder maxEventTimeAfterReport(Duration value) {
            this.maxEventTimeAfterReport = value;
            return this;
        }

        public Builder inMemoryStores(boolean value) {
            this.inMemoryStores = value;
            return this;
        }

        public Builder supervision(SupervisionRules value) {
            this.supervision = value;
            return this;
        }

        public Builder supervisionTopic(String value) {
            this.supervisionTopic = value;
            return this;
        }

        public ProgressTopologyConfig build() {
            return new ProgressTopologyConfig(this);
        }
    }
}
