package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.util.Objects;

import org.jingan.progress.contract.Topics;
import org.jingan.progress.streams.rules.RuleConfig;

/**
 * Everything the topology depends on, with documented defaults ({@link #defaults()}); immutable, built with
 * {@link #builder()}.
 *
 * <ul>
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
 *   <li>{@code backlogLag} (1 h) and {@code backlogPublishInterval} (1 s): while stream time is more than
 *       {@code backlogLag} behind the wall clock the task is working through a backlog (a past year replayed, a
 *       restart after downtime): then changed targets are published together every {@code backlogPublishInterval},
 *       not at once, and the day closes of the backlog publish with them, so a year replayed in a minute publishes
 *       each target about once a second instead of once per report and day; {@link Duration#ZERO} turns this off;</li>
 *   <li>once a day (when stream time passes midnight in the rules' zone) every target is re-evaluated and published
 *       (pace moves on, deadlines pass, silence becomes stale) and its history bucket for the ended day written;</li>
 *   <li>{@code liveMode} (false) and {@code liveTickInterval} (1 min): in live mode wall-clock time also drives the
 *       evaluation (now = max(stream time, wall clock)), so alerts fire without new reports; leave it off when
 *       replaying a past year;</li>
 *   <li>{@code historyBucket} (DAY): daily or monthly burn-up points;</li>
 *   <li>{@code dedupRetentionAfterYear} (30 days): an event id is remembered until its target's year ended this long
 *       ago (and at least this long after it arrived); purged every {@code dedupPurgeInterval} (30 days) of stream time;</li>
 *   <li>{@code totalsKept} (8): latest totals/levels kept per target for falling back when the latest is corrected;</li>
 *   <li>{@code maxEventTimeAfterReport} (1 h): clock skew allowed between a report's event time and its send time;</li>
 *   <li>{@code inMemoryStores} (false): RocksDB stores by default; in-memory ones (still changelogged) for tests.</li>
 * </ul>
 */
public final class ProgressTopologyConfig {

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
    private final boolean liveMode;
    private final Duration liveTickInterval;
    private final HistoryBucket historyBucket;
    private final Duration dedupRetentionAfterYear;
    private final Duration dedupPurgeInterval;
    private final int totalsKept;
    private final Duration maxEventTimeAfterReport;
    private final boolean inMemoryStores;

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
        this.liveMode = b.liveMode;
        this.liveTickInterval = positive(b.liveTickInterval, "liveTickInterval");
        this.historyBucket = Objects.requireNonNull(b.historyBucket, "historyBucket");
        this.dedupRetentionAfterYear = notNegative(b.dedupRetentionAfterYear, "dedupRetentionAfterYear");
        this.dedupPurgeInterval = positive(b.dedupPurgeInterval, "dedupPurgeInterval");
        if (b.totalsKept < 1) {
            throw new IllegalArgumentException("totalsKept must be at least 1, got " + b.totalsKept);
        }
        this.totalsKept = b.totalsKept;
        this.maxEventTimeAfterReport = notNegative(b.maxEventTimeAfterReport, "maxEventTimeAfterReport");
        this.inMemoryStores = b.inMemoryStores;
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
        b.liveMode = liveMode;
        b.liveTickInterval = liveTickInterval;
        b.historyBucket = historyBucket;
        b.dedupRetentionAfterYear = dedupRetentionAfterYear;
        b.dedupPurgeInterval = dedupPurgeInterval;
        b.totalsKept = totalsKept;
        b.maxEventTimeAfterReport = maxEventTimeAfterReport;
        b.inMemoryStores = inMemoryStores;
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

    public boolean liveMode() {
        return liveMode;
    }

    public Duration liveTickInterval() {
        return liveTickInterval;
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

    public boolean inMemoryStores() {
        return inMemoryStores;
    }

    @Override
    public String toString() {
        return "ProgressTopologyConfig{topics=" + targetsTopic + "," + eventsTopic + "->" + progressTopic + ","
                + alertsTopic + ", deadLetterTopic=" + deadLetterTopic + ", unknownTargetGrace=" + unknownTargetGrace
                + ", rules=" + rules + ", publishInterval=" + publishInterval + ", backlogLag=" + backlogLag
                + ", backlogPublishInterval=" + backlogPublishInterval + ", liveMode=" + liveMode + ", liveTickInterval=" + liveTickInterval + ", historyBucket="
                + historyBucket + ", dedupRetentionAfterYear=" + dedupRetentionAfterYear + ", dedupPurgeInterval="
                + dedupPurgeInterval + ", totalsKept=" + totalsKept + ", maxEventTimeAfterReport="
                + maxEventTimeAfterReport + ", inMemoryStores=" + inMemoryStores + "}";
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
        private Duration backlogLag = Duration.ofHours(1);
        private Duration backlogPublishInterval = Duration.ofSeconds(1);
        private boolean liveMode = false;
        private Duration liveTickInterval = Duration.ofMinutes(1);
        private HistoryBucket historyBucket = HistoryBucket.DAY;
        private Duration dedupRetentionAfterYear = Duration.ofDays(30);
        private Duration dedupPurgeInterval = Duration.ofDays(30);
        private int totalsKept = 8;
        private Duration maxEventTimeAfterReport = Duration.ofHours(1);
        private boolean inMemoryStores = false;

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

        public Builder liveMode(boolean value) {
            this.liveMode = value;
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

        public Builder liveTickInterval(Duration value) {
            this.liveTickInterval = value;
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

        public ProgressTopologyConfig build() {
            return new ProgressTopologyConfig(this);
        }
    }
}
