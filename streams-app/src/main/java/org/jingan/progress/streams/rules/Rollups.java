package org.jingan.progress.streams.rules;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.avro.RollupContribution;
import org.jingan.progress.streams.avro.RollupPartial;

/**
 * Roll-ups per department and per report section: how many targets are in each status and the overall completion.
 *
 * <p>A target that is part of another ({@code parentTargetId}, e.g. 480 graduate start-ups within 800 start-ups)
 * is counted apart, as a sub-target, and left out of the status counts and the completion, so nothing counts twice.
 * Completion is the mean of min(completionRatio, 1) over the top-level targets that have a measurable completion
 * (not pending, not ceilings), next to the mean expected ratio of the same targets.
 *
 * <p>Each partition keeps a partial for the targets it owns (no repartition on the hot path); a whole roll-up is
 * {@link #merge} of the partials of all partitions.
 */
public final class Rollups {

    public static final String DEPARTMENT = "department";
    public static final String SECTION = "section";

    private Rollups() {
    }

    /**
     * A merged roll-up. Completion and expected are the means over the measured targets, null when none is measurable;
     * the sums they are the means of come along (the query API shows them).
     */
    public record Rollup(String scope, String scopeId, long topLevelTargets, long subTargets,
                         Map<TargetStatus, Long> countsByStatus, Map<TargetStatus, Long> subTargetCountsByStatus,
                         Double completion, Double expected, long measuredTargets, long asOf,
                         double completionSum, double expectedSum) {
    }

    /** What one target adds to its department's and section's roll-ups. */
    public static RollupContribution contribution(Target target, Terms terms, Evaluation ev) {
        boolean measured = ev.completionRatio() != null && terms.comparator() != Comparator.AT_MOST;
        return new RollupContribution(target.getDepartmentId(), target.getSectionId(), target.getParentTargetId() == null,
                ev.status().name(), measured ? Math.min(1.0, Math.max(0.0, ev.completionRatio())) : null,
                measured ? ev.expectedRatio() : null);
    }

    /** Adds ({@code sign} 1) or removes ({@code sign} -1) a contribution to a partial, in place. */
    public static void apply(RollupPartial partial, RollupContribution c, int sign, long asOf) {
        if (c.getTopLevel()) {
            partial.setTopLevelTargets(partial.getTopLevelTargets() + sign);
            partial.setCountsByStatus(bump(partial.getCountsByStatus(), c.getStatus(), sign));
            if (c.getCompletion() != null) {
                partial.setCompletionSum(partial.getCompletionSum() + sign * c.getCompletion());
                partial.setExpectedSum(partial.getExpectedSum() + sign * c.getExpected());
                partial.setMeasuredTargets(partial.getMeasuredTargets() + sign);
            }
        } else {
            partial.setSubTargets(partial.getSubTargets() + sign);
            partial.setSubTargetCountsByStatus(bump(partial.getSubTargetCountsByStatus(), c.getStatus(), sign));
        }
        partial.setAsOf(Math.max(partial.getAsOf(), asOf));
    }

    private static Map<String, Long> bump(Map<String, Long> counts, String status, int sign) {
        Map<String, Long> out = counts instanceof HashMap<String, Long> m ? m : new HashMap<>(counts);
        long n = out.getOrDefault(status, 0L) + sign;
        if (n == 0) {
            out.remove(status);
        } else {
            out.put(status, n);
        }
        return out;
    }

    public static RollupPartial emptyPartial(String scope, String scopeId, int partition) {
        return new RollupPartial(scope, scopeId, partition, 0L, 0L, new HashMap<>(), new HashMap<>(), 0.0, 0.0, 0L, 0L);
    }

    /** The whole roll-up of one scope from the partials of all partitions (any order, at most one per partition). */
    public static Rollup merge(String scope, String scopeId, Collection<RollupPartial> partials) {
        long top = 0;
        long sub = 0;
        long measured = 0;
        long asOf = 0;
        double completion = 0;
        double expected = 0;
        Map<TargetStatus, Long> counts = new EnumMap<>(TargetStatus.class);
        Map<TargetStatus, Long> subCounts = new EnumMap<>(TargetStatus.class);
        for (RollupPartial p : partials) {
            top += p.getTopLevelTargets();
            sub += p.getSubTargets();
            measured += p.getMeasuredTargets();
            completion += p.getCompletionSum();
            expected += p.getExpectedSum();
            asOf = Math.max(asOf, p.getAsOf());
            p.getCountsByStatus().forEach((k, v) -> counts.merge(TargetStatus.valueOf(k), v, Long::sum));
            p.getSubTargetCountsByStatus().forEach((k, v) -> subCounts.merge(TargetStatus.valueOf(k), v, Long::sum));
        }
        counts.values().removeIf(v -> v == 0);
        subCounts.values().removeIf(v -> v == 0);
        return new Rollup(scope, scopeId, top, sub, counts, subCounts,
                measured == 0 ? null : completion / measured, measured == 0 ? null : expected / measured, measured, asOf,
                completion, expected);
    }
}
