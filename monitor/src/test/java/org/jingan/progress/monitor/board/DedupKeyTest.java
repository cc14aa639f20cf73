package org.jingan.progress.monitor.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jingan.progress.avro.AlertKind;
import org.junit.jupiter.api.Test;

class DedupKeyTest {

    @Test
    void shouldParseTargetIdAndKind() {
        DedupKey key = DedupKey.parse("econ-retail-sales/BEHIND");

        assertThat(key.targetId()).isEqualTo("econ-retail-sales");
        assertThat(key.kind()).isEqualTo(AlertKind.BEHIND);
        assertThat(key).hasToString("econ-retail-sales/BEHIND");
    }

    @Test
    void shouldExplainAMissingKind() {
        assertThatThrownBy(() -> DedupKey.parse("econ-retail-sales"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetId/KIND");
    }

    @Test
    void shouldListTheKnownKindsWhenTheKindIsUnknown() {
        assertThatThrownBy(() -> DedupKey.parse("econ-retail-sales/LATE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown alert kind 'LATE'").hasMessageContaining("BEHIND");
    }
}
