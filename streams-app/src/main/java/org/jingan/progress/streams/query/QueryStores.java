package org.jingan.progress.streams.query;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jingan.progress.streams.topology.ProgressStores;

/**
 * Names of the topology's queryable stores the API reads. A {@code null} name means the topology has no such store:
 * the endpoints built on it answer 404 with a clear reason, the rest keep working.
 *
 * @param standings  targetId -> ProgressSnapshot: each target's live standing
 * @param history    {@code targetId|bucket} -> HistoryPoint, kept in the partition of targetId (burn-up history)
 * @param rollups    {@code scope/scopeId/partition} -> RollupPartial: per-partition shares of department and
 *                   section roll-ups, summed over partitions by the API
 * @param targets    targetId -> Target: the catalog as the topology last saw it (names of sections/departments,
 *                   pace plan, deadline)
 * @param alerts     dedupKey ({@code targetId/KIND}) -> Alert: the alerts firing now, kept in the partition of
 *                   targetId and removed when resolved
 * @param cases      targetId -> SupervisionCaseState (the target's current supervision case), {@code targetId|n}
 *                   -> its closed earlier ones
 */
public record QueryStores(String standings, String history, String rollups, String targets, String alerts,
                          String cases) {

    /** Without supervision cases. */
    public QueryStores(String standings, String history, String rollups, String targets, String alerts) {
        this(standings, history, rollups, targets, alerts, null);
    }

    /** The names of the stores the API reads (those the topology has). */
    public Set<String> names() {
        return Stream.of(standings, history, rollups, targets, alerts, cases).filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The stores of the progress topology ({@link ProgressStores}). */
    public static QueryStores progressTopology() {
        return new QueryStores(ProgressStores.TARGET_STANDING, ProgressStores.TARGET_HISTORY, ProgressStores.ROLLUPS,
                ProgressStores.TARGET_DEFINITIONS, ProgressStores.FIRING_ALERTS, ProgressStores.SUPERVISION_CASES);
    }
}
