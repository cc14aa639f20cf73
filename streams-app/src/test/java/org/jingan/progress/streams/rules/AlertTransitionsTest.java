package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.junit.jupiter.api.Test;

class AlertTransitionsTest {

    @Test
    void shouldFireOnceWhileAConditionHoldsAndResolveWithItsStartTime() {
        assertThat(AlertTransitions.between(Map.of(), EnumSet.of(AlertKind.AT_RISK), 10))
                .containsExactly(new AlertTransitions.Transition(AlertKind.AT_RISK, AlertState.FIRING, 10));
        assertThat(AlertTransitions.between(Map.of(AlertKind.AT_RISK, 10L), EnumSet.of(AlertKind.AT_RISK), 20)).isEmpty();
        assertThat(AlertTransitions.between(Map.of(AlertKind.AT_RISK, 10L), EnumSet.noneOf(AlertKind.class), 30))
                .containsExactly(new AlertTransitions.Transition(AlertKind.AT_RISK, AlertState.RESOLVED, 10));
    }

    @Test
    void shouldResolveBeforeFiringOnAnEscalation() {
        assertThat(AlertTransitions.between(Map.of(AlertKind.AT_RISK, 10L, AlertKind.STALE_REPORT, 5L),
                EnumSet.of(AlertKind.BEHIND, AlertKind.STALE_REPORT), 40))
                .containsExactly(new AlertTransitions.Transition(AlertKind.AT_RISK, AlertState.RESOLVED, 10),
                        new AlertTransitions.Transition(AlertKind.BEHIND, AlertState.FIRING, 40));
    }

    @Test
    void shouldKeyAndRankAlerts() {
        assertThat(AlertTransitions.dedupKey("s4-lifts", AlertKind.BEHIND)).isEqualTo("s4-lifts/BEHIND");
        assertThat(AlertTransitions.severity(AlertKind.BEHIND)).isEqualTo(Severity.CRITICAL);
        assertThat(AlertTransitions.severity(AlertKind.FORECAST_MISS)).isEqualTo(Severity.WARNING);
        assertThat(AlertTransitions.severity(AlertKind.NO_REPORT_YET)).isEqualTo(Severity.WARNING);
    }
}
