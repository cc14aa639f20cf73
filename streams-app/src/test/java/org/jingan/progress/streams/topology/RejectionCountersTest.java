package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jingan.progress.streams.rules.RejectionReason;
import org.junit.jupiter.api.Test;

class RejectionCountersTest {

    @Test
    void shouldExposeACounterPerReasonAndForDuplicatesAndTheHeldReports() {
        RejectionCounters counters = new RejectionCounters();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        counters.bindTo(registry);

        counters.rejected(RejectionReason.UNIT_MISMATCH);
        counters.rejected(RejectionReason.UNIT_MISMATCH);
        counters.duplicate();
        counters.heldChanged(3);
        counters.heldChanged(-1);

        assertThat(registry.get("progress.dead.letters").tag("reason", "UNIT_MISMATCH").functionCounter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("progress.dead.letters").tag("reason", "UNDECODABLE").functionCounter().count())
                .isZero();
        assertThat(registry.get("progress.duplicate.events").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("progress.held.reports").gauge().value()).isEqualTo(2.0);
        assertThat(counters.snapshot()).containsEntry(RejectionReason.UNIT_MISMATCH, 2L).hasSize(RejectionReason.values().length);
    }

    @Test
    void shouldBeFoundInTheStreamsConfig() {
        RejectionCounters counters = new RejectionCounters();

        assertThat(RejectionCounters.from(Map.of(RejectionCounters.CONFIG_KEY, counters))).isSameAs(counters);
        assertThat(RejectionCounters.from(Map.of())).isNotNull();
    }
}
