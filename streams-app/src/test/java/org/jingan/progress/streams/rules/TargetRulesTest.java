package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.jingan.progress.streams.testing.Reports;
import org.junit.jupiter.api.Test;

class TargetRulesTest {

    @Test
    void shouldTrackAZeroCeiling() {
        assertThat(TargetRules.check("zero", Reports.ceiling("zero", 0).build())).isNull();
    }

    @Test
    void shouldRefuseZeroForAFloorAndANegativeCeiling() {
        Rejection floor = TargetRules.check("t", Reports.target("t").setTargetValue(0.0).build());
        assertThat(floor).isNotNull();
        assertThat(floor.message()).contains("only for an AT_MOST ceiling");

        assertThat(TargetRules.check("c", Reports.ceiling("c", -1).build())).isNotNull();
        assertThat(TargetRules.check("n", Reports.ceiling("n", Double.NaN).build())).isNotNull();
    }
}
