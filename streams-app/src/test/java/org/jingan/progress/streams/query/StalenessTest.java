package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StalenessTest {
    private static final Freshness.Copy ACTIVE = new Freshness.Copy("s", 0, "h:1", Freshness.Role.ACTIVE, 0L, 0L);
    private static final Freshness.Copy STANDBY = new Freshness.Copy("s", 1, "h:2", Freshness.Role.STANDBY, 1L, 800L);
    private static final Freshness.Copy UNKNOWN = new Freshness.Copy("s", 2, "h:2", Freshness.Role.STANDBY, null, null);

    @Test
    void shouldAcceptAnyCopyWithoutBounds() {
        Staleness any = Staleness.fromQuery(Map.<String, String>of()::get);

        assertThat(List.of(ACTIVE, STANDBY, UNKNOWN)).allMatch(any::accepts);
    }

    @Test
    void shouldBoundRecordsAndTimeAndRefuseUnknownLagWhenBounded() {
        Staleness bounded = Staleness.fromQuery(Map.of("maxLagRecords", "1", "maxLagMs", "500")::get);
        Staleness fresh = Staleness.fromQuery(Map.of("fresh", "true")::get);

        assertThat(bounded.accepts(ACTIVE)).isTrue();
        assertThat(bounded.accepts(STANDBY)).as("800 ms behind").isFalse();
        assertThat(bounded.accepts(UNKNOWN)).isFalse();
        assertThat(new Staleness(1L, null).accepts(STANDBY)).isTrue();
        assertThat(fresh.accepts(ACTIVE)).isTrue();
        assertThat(fresh.accepts(STANDBY)).isFalse();
    }

    @Test
    void shouldNameTheBadParameter() {
        assertThatThrownBy(() -> Staleness.fromQuery(Map.of("maxLagMs", "soon")::get))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("maxLagMs").hasMessageContaining("soon");
        assertThatThrownBy(() -> Staleness.fromQuery(Map.of("maxLagRecords", "-3")::get))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("maxLagRecords");
    }

    @Test
    void shouldSummariseFreshnessOverCopies() {
        Freshness all = Freshness.of("me:1", List.of(STANDBY, ACTIVE));
        Freshness unknown = all.plus(Freshness.of("me:1", List.of(UNKNOWN)));

        assertThat(all.stale()).isTrue();
        assertThat(all.maxOffsetLag()).isEqualTo(1L);
        assertThat(all.maxTimeLagMs()).isEqualTo(800L);
        assertThat(all.copies()).extracting(Freshness.Copy::partition).containsExactly(0, 1);
        assertThat(Freshness.of("me:1", List.of(ACTIVE)).stale()).isFalse();
        assertThat(unknown.maxOffsetLag()).isNull();
    }
}
