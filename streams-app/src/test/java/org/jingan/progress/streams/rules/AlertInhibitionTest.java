package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.jingan.progress.avro.AlertKind;
import org.junit.jupiter.api.Test;

class AlertInhibitionTest {

    @Test
    void shouldDropAForecastMissWhileBehindOrBreachedHolds() {
        Set<AlertKind> behind = EnumSet.of(AlertKind.BEHIND, AlertKind.FORECAST_MISS, AlertKind.STALE_REPORT);
        AlertInhibition.apply(behind);
        assertThat(behind).containsExactly(AlertKind.BEHIND, AlertKind.STALE_REPORT);

        Set<AlertKind> breached = EnumSet.of(AlertKind.BREACHED, AlertKind.FORECAST_MISS);
        AlertInhibition.apply(breached);
        assertThat(breached).containsExactly(AlertKind.BREACHED);

        Set<AlertKind> atRisk = EnumSet.of(AlertKind.AT_RISK, AlertKind.FORECAST_MISS);
        AlertInhibition.apply(atRisk);
        assertThat(atRisk).as("a warning does not inhibit").containsExactly(AlertKind.AT_RISK, AlertKind.FORECAST_MISS);
    }

    @Test
    void shouldNameTheConditionThatInhibits() {
        assertThat(AlertInhibition.inhibitorOf(AlertKind.FORECAST_MISS, EnumSet.of(AlertKind.BEHIND)))
                .isEqualTo(AlertKind.BEHIND);
        assertThat(AlertInhibition.inhibitorOf(AlertKind.FORECAST_MISS, EnumSet.of(AlertKind.AT_RISK))).isNull();
        assertThat(AlertInhibition.inhibitorOf(AlertKind.AT_RISK, EnumSet.of(AlertKind.BEHIND))).isNull();
    }
}
