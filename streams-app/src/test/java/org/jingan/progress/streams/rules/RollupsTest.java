package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.avro.RollupContribution;
import org.jingan.progress.streams.avro.RollupPartial;
import org.junit.jupiter.api.Test;

class RollupsTest {

    @Test
    void shouldSumPartialsOfAllPartitionsAndLeavePartsOutOfTheCounts() {
        RollupPartial p0 = Rollups.emptyPartial(Rollups.DEPARTMENT, "housing", 0);
        RollupPartial p3 = Rollups.emptyPartial(Rollups.DEPARTMENT, "housing", 3);
        Rollups.apply(p0, new RollupContribution("housing", "S4", true, "ON_TRACK", 0.5, 0.5), 1, 10);
        Rollups.apply(p3, new RollupContribution("housing", "S4", true, "BEHIND", 0.1, 0.5), 1, 20);
        Rollups.apply(p3, new RollupContribution("housing", "S4", false, "COMPLETED", 1.0, 0.5), 1, 20);
        Rollups.apply(p0, new RollupContribution("housing", "S4", true, "PENDING_TARGET", null, null), 1, 20);

        Rollups.Rollup r = Rollups.merge(Rollups.DEPARTMENT, "housing", List.of(p0, p3));

        assertThat(r.topLevelTargets()).isEqualTo(3);
        assertThat(r.subTargets()).isEqualTo(1);
        assertThat(r.countsByStatus()).isEqualTo(Map.of(TargetStatus.ON_TRACK, 1L, TargetStatus.BEHIND, 1L,
                TargetStatus.PENDING_TARGET, 1L));
        assertThat(r.subTargetCountsByStatus()).isEqualTo(Map.of(TargetStatus.COMPLETED, 1L));
        assertThat(r.completion()).isCloseTo(0.3, within(1e-12));
        assertThat(r.expected()).isCloseTo(0.5, within(1e-12));
        assertThat(r.measuredTargets()).isEqualTo(2);
        assertThat(r.asOf()).isEqualTo(20);
    }

    @Test
    void shouldUndoAContribution() {
        RollupPartial p = Rollups.emptyPartial(Rollups.SECTION, "S4", 0);
        RollupContribution c = new RollupContribution("housing", "S4", true, "AT_RISK", 0.2, 0.3);
        Rollups.apply(p, c, 1, 1);
        Rollups.apply(p, c, -1, 2);

        Rollups.Rollup r = Rollups.merge(Rollups.SECTION, "S4", List.of(p));
        assertThat(r.topLevelTargets()).isZero();
        assertThat(r.countsByStatus()).isEmpty();
        assertThat(r.completion()).isNull();
    }
}
