package org.jingan.progress.streams.query;

import java.util.Map;

import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.rules.Rollups;

/** A merged roll-up as {@code /api/v1/departments} and {@code /api/v1/sections} list it, with its names. */
public record RollupView(String scope, String id, String nameZh, String nameEn, long topLevelTargets, long subTargets,
                         long measuredTargets, double completionSum, double expectedSum,
                         Map<TargetStatus, Long> countsByStatus, Map<TargetStatus, Long> subTargetCountsByStatus,
                         long asOf, Double completion, Double expected) {

    static RollupView of(Rollups.Rollup rollup, String nameZh, String nameEn) {
        return new RollupView(rollup.scope(), rollup.scopeId(), nameZh, nameEn, rollup.topLevelTargets(),
                rollup.subTargets(), rollup.measuredTargets(), rollup.completionSum(), rollup.expectedSum(),
                rollup.countsByStatus(), rollup.subTargetCountsByStatus(), rollup.asOf(), rollup.completion(),
                rollup.expected());
    }
}
