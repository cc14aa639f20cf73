package org.jingan.progress.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Names and keys of the topology's queryable state stores. All are key-value stores with String keys, partitioned
 * like the input topics: by target id. Every key that is not a plain target id starts with the target id, so the
 * instance holding it is found with {@link #byTargetId()}:
 * {@code streams.queryMetadataForKey(ProgressStores.FIRING_ALERTS, dedupKey, ProgressStores.byTargetId())}.
 *
 * <table>
 *   <caption>Stores</caption>
 *   <tr><th>name</th><th>key</th><th>value</th><th>what</th></tr>
 *   <tr><td>{@value #TARGET_STANDING}</td><td>targetId</td><td>ProgressSnapshot</td><td>each target's live standing
 *       (what was last published to target-progress)</td></tr>
 *   <tr><td>{@value #TARGET_DEFINITIONS}</td><td>targetId</td><td>Target</td><td>the target definition in force
 *       (names, section and department titles, pace plan)</td></tr>
 *   <tr><td>{@value #TARGET_HISTORY}</td><td>{@code targetId|yyyy-MM-dd} (or {@code |yyyy-MM})</td>
 *       <td>HistoryPoint</td><td>burn-up points: actual, plan, forecast and scope at the end of each bucket;
 *       one target's history is {@code prefixScan(targetId + "|")} on the instance holding the target</td></tr>
 *   <tr><td>{@value #FIRING_ALERTS}</td><td>dedupKey {@code targetId/KIND}</td><td>Alert</td><td>alerts firing now
 *       (as raised); removed when resolved</td></tr>
 *   <tr><td>{@value #ROLLUPS}</td><td>{@code department/<id>/<partition>}, {@code section/<id>/<partition>}</td>
 *       <td>RollupPartial</td><td>each partition's share of the roll-ups: read all partials from every instance and
 *       merge with {@code Rollups.merge}</td></tr>
 *   <tr><td>{@value #TARGET_STATE}</td><td>targetId</td><td>TargetState</td><td>internal working state (also the
 *       scope history of revisions)</td></tr>
 *   <tr><td>{@value #SEEN_EVENTS}</td><td>eventId</td><td>SeenEvent</td><td>internal dedup memory</td></tr>
 *   <tr><td>{@value #HELD_REPORTS}</td><td>{@code targetId|eventId}</td><td>ProgressEvent</td><td>internal: reports
 *       held until their (unknown) target arrives</td></tr>
 *   <tr><td>{@value #META}</td><td>name</td><td>Long</td><td>internal per-task marks: the last day closed, the
 *       last and next dedup purge (district-clock times)</td></tr>
 *   <tr><td>{@value #SUPERVISION_CASES}</td><td>targetId (current case), {@code targetId|n} (closed earlier
 *       ones)</td><td>SupervisionCaseState</td><td>supervision cases (督办单) with their timelines</td></tr>
 *   <tr><td>{@value #SUPERVISION_WATCH}</td><td>targetId</td><td>SupervisionWatch</td><td>internal: the conditions
 *       that may open a case and since when</td></tr>
 *   <tr><td>{@value #DISTRICT_CLOCK}</td><td>{@code district}</td><td>ClockTick</td><td>global (every instance holds
 *       it whole): the latest tick of the simulated district clock; absent on the wall clock</td></tr>
 * </table>
 */
public final class ProgressStores {
    public static final String TARGET_STANDING = "target-standing";
    public static final String TARGET_DEFINITIONS = "target-definitions";
    public static final String TARGET_HISTORY = "target-history";
    public static final String FIRING_ALERTS = "firing-alerts";
    public static final String ROLLUPS = "progress-rollups";
    public static final String TARGET_STATE = "target-state";
    public static final String SEEN_EVENTS = "seen-events";
    public static final String META = "progress-meta";
    public static final String HELD_REPORTS = "held-reports";
    public static final String DISTRICT_CLOCK = "district-clock";
    public static final String SUPERVISION_CASES = "supervision-cases";
    public static final String SUPERVISION_WATCH = "supervision-watch";

    /** Separates the target id from the bucket in history keys. */
    public static final char HISTORY_SEPARATOR = '|';

    private ProgressStores() {
    }

    public static String historyKey(String targetId, String bucket) {
        return targetId + HISTORY_SEPARATOR + bucket;
    }

    /** The prefix of all history keys of one target. */
    public static String historyPrefix(String targetId) {
        return targetId + HISTORY_SEPARATOR;
    }

    public static String heldReportKey(String targetId, String eventId) {
        return targetId + HISTORY_SEPARATOR + eventId;
    }

    /** Where a target's closed case number {@code n} is kept once a later case opened. */
    public static String caseArchiveKey(String targetId, int n) {
        return targetId + HISTORY_SEPARATOR + String.format("%04d", n);
    }

    public static String rollupKey(String scope, String scopeId, int partition) {
        return scope + "/" + scopeId + "/" + partition;
    }

    /** The target id a store key belongs to (history, firing-alert and plain target keys). */
    public static String targetIdOf(String key) {
        int end = key.length();
        int bar = key.indexOf(HISTORY_SEPARATOR);
        if (bar >= 0) {
            end = bar;
        }
        int slash = key.lastIndexOf('/', end - 1);
        if (bar < 0 && slash >= 0) {
            end = slash;
        }
        return key.substring(0, end);
    }

    /** The partition of {@code targetId} among {@code numPartitions}, as the default producer partitioner does. */
    public static int partitionOf(String targetId, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(targetId.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }

    /** Finds the partition of history and firing-alert keys (and plain target ids) by their target id. */
    public static <V> StreamPartitioner<String, V> byTargetId() {
        return new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
                return Optional.of(Set.of(partitionOf(targetIdOf(key), numPartitions)));
            }
        };
    }
}
