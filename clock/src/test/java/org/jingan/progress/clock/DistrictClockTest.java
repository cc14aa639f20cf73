package org.jingan.progress.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DistrictClockTest {

    @Test
    void shouldReadDatesAndLocalTimesInShanghai() {
        assertThat(DistrictClock.parseTime("2020-03-31")).isEqualTo(Instant.parse("2020-03-30T16:00:00Z"));
        assertThat(DistrictClock.parseTime("2020-03-31T17:00")).isEqualTo(Instant.parse("2020-03-31T09:00:00Z"));
        assertThat(DistrictClock.parseTime("2020-03-31T17:00+08:00")).isEqualTo(Instant.parse("2020-03-31T09:00:00Z"));
        assertThat(DistrictClock.parseTime("2020-03-31T09:00:00Z")).isEqualTo(Instant.parse("2020-03-31T09:00:00Z"));
    }

    @Test
    void shouldSayHowToWriteATimeItCannotRead() {
        assertThatThrownBy(() -> DistrictClock.parseTime("31/03/2020"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2020-03-31");
    }

    @Test
    void shouldShowTheSimulatedDateInShanghai() {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2020-03-31T16:30:00Z"));
        assertThat(clock.today()).hasToString("2020-04-01");
        assertThat(clock.asClock().instant()).isEqualTo(Instant.parse("2020-03-31T16:30:00Z"));
        assertThat(clock.advanceTo(Instant.parse("2020-03-01T00:00:00Z").toEpochMilli())).isFalse();
        assertThat(clock.now()).isEqualTo(Instant.parse("2020-03-31T16:30:00Z"));
    }

    @Test
    void shouldWaitForATickOnItsWayButNotLongerThanTold() throws Exception {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2020-03-01T00:00:00Z"));
        long target = Instant.parse("2020-03-02T00:00:00Z").toEpochMilli();
        Thread ticker = new Thread(() -> clock.advanceTo(target));

        ticker.start();
        long read = clock.awaitAtLeast(target, java.time.Duration.ofSeconds(30));
        ticker.join();

        assertThat(read).isEqualTo(target);
        assertThat(clock.awaitAtLeast(target + 1, java.time.Duration.ofMillis(20))).as("no tick comes: it gives up")
                .isEqualTo(target);
    }
}
