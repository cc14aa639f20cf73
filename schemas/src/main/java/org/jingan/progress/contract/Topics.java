package org.jingan.progress.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every topic that crosses a component boundary, with the settings it is created with.
 *
 * <p>All topics keyed by target id share one partition count so the streams app can join them without a
 * repartition. Replication and min-ISR are not fixed here: they depend on the cluster (1 for the local
 * single broker, 3/2 in production) and are passed to {@link TopicSpec#configsFor(int)}.
 */
public final class Topics {
    /** Partitions of every target-keyed topic; raising it later means re-keying, so it is generous. */
    public static final int PARTITIONS = 6;

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /** The catalog: one record per target id, compacted so the latest revision of each target is kept. */
    public static final TopicSpec TARGETS = new TopicSpec("targets", PARTITIONS,
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0"));

    /** Progress reports from the departments. Kept two years: the year's reports are the source of truth. */
    public static final TopicSpec PROGRESS_EVENTS = new TopicSpec("progress-events", PARTITIONS,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(730 * DAY_MS)));

    /** Each target's latest standing, compacted: a new reader gets the whole board from it. */
    public static final TopicSpec TARGET_PROGRESS = new TopicSpec("target-progress", PARTITIONS,
            Map.of("cleanup.policy", "compact"));

    /**
     * Firing and resolved alerts, keyed by dedup key (targetId/kind), compacted: the last notice of every condition is
     * kept, so no firing alert is ever lost to retention (a time-based retention would delete alerts about a
     * replayed year at once, and a long-firing one after 90 days).
     */
    public static final TopicSpec ALERTS = new TopicSpec("progress-alerts", PARTITIONS,
            Map.of("cleanup.policy", "compact"));

    /** Records the streams app could not count, with the reason and the original bytes in headers. */
    public static final TopicSpec DEAD_LETTERS = new TopicSpec("progress-dead-letters", 1,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(90 * DAY_MS)));

    /** Acknowledgements and silences of the monitoring center, compacted per alert dedup key. */
    public static final TopicSpec ALERT_ACKS = new TopicSpec("alert-acknowledgements", 1,
            Map.of("cleanup.policy", "compact"));

    /**
     * Departments' own plans (分解计划) and the operators' decisions on them, keyed by target id; kept forever (a few
     * records per target a year): the audit trail of every plan submitted, approved or returned.
     */
    public static final TopicSpec PLAN_SUBMISSIONS = new TopicSpec("plan-submissions", PARTITIONS,
            Map.of("cleanup.policy", "delete", "retention.ms", "-1"));

    /**
     * The district's simulated clock (replays, the demo year): one partition, compacted, one key
     * ({@link #CLOCK_KEY}); every component on the simulated clock reads its latest tick. Unused in live mode.
     */
    public static final TopicSpec CLOCK = new TopicSpec("district-clock", 1,
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0"));

    /**
     * Supervision cases (督办单): every step of every case (opened, answered, returned, escalated, closed...), keyed by
     * target id like the other target topics. An event log, not compacted: the intake and the monitor fold it from the
     * beginning ({@link CaseFile}), the streams app into its store.
     */
    public static final TopicSpec SUPERVISION_CASES = new TopicSpec("supervision-cases", PARTITIONS,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(730 * DAY_MS)));

    /** The one key of {@link #CLOCK}. */
    public static final String CLOCK_KEY = "district";

    public static final List<TopicSpec> ALL = List.of(TARGETS, PROGRESS_EVENTS, TARGET_PROGRESS, ALERTS, DEAD_LETTERS,
            ALERT_ACKS, CLOCK, SUPERVISION_CASES, PLAN_SUBMISSIONS);

    private Topics() {
    }

    /** A topic name, its partition count and its topic-level configs (without replication settings). */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
        /** The configs to create the topic with on a cluster whose topics have {@code replicationFactor} replicas. */
        public Map<String, String> configsFor(int replicationFactor) {
            var all = new java.util.HashMap<>(configs);
            all.put("min.insync.replicas", String.valueOf(Math.max(1, replicationFactor - 1)));
            return Map.copyOf(all);
        }
    }
}
