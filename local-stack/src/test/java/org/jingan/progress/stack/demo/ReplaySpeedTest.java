package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReplaySpeedTest {

    @Test
    void shouldReadTheSpeedsPeopleWrite() {
        double yearInFiveMinutes = 365 * 86_400 / 300.0;

        assertThat(ReplaySpeed.parse("5m").eventSecondsPerWallSecond()).isCloseTo(yearInFiveMinutes, within(1e-6));
        assertThat(ReplaySpeed.parse("365d/5m").eventSecondsPerWallSecond()).isCloseTo(yearInFiveMinutes, within(1e-6));
        assertThat(ReplaySpeed.parse("PT5M").eventSecondsPerWallSecond()).isCloseTo(yearInFiveMinutes, within(1e-6));
        assertThat(ReplaySpeed.parse("30d/1m").eventSecondsPerWallSecond()).isCloseTo(30 * 1440, within(1e-6));
        assertThat(ReplaySpeed.parse(" MAX ").isMax()).isTrue();
        assertThat(ReplaySpeed.parse("90s").wallTimeFor(Duration.ofDays(365))).isEqualTo(Duration.ofSeconds(90));
        assertThat(ReplaySpeed.parse("5m")).hasToString("a year in 5 min");
        assertThat(ReplaySpeed.MAX.wallTimeFor(Duration.ofDays(365))).isZero();
    }

    @Test
    void shouldSayHowToWriteASpeedItCannotRead() {
        assertThatThrownBy(() -> ReplaySpeed.parse("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("max")
                .hasMessageContaining("365d/5m");
        assertThatThrownBy(() -> ReplaySpeed.parse("0s")).hasMessageContaining("'0s'");
    }
}
