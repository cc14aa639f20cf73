package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jingan.progress.clock.SimulatedClock;
import org.junit.jupiter.api.Test;

/** A report ahead of the instance's copy of the simulated clock waits a moment for the tick, within limits. */
class TaskClockTest {
    private static final Instant MARCH_FIRST = Instant.parse("2020-03-01T00:00:00+08:00");
    private static final long DAY = Duration.ofDays(1).toMillis();
    private final SimulatedClock simulated = new SimulatedClock(MARCH_FIRST);
    private final TaskClock clock = new TaskClock(simulated, null, Duration.ofMillis(500));

    @Test
    void shouldWaitForATickSeveralDaysAheadThatIsOnItsWay() {
        long needed = MARCH_FIRST.toEpochMilli() + 2 * DAY; // the global thread read the demo's ticks two days late
        CompletableFuture.runAsync(() -> simulated.advanceTo(needed),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));

        assertThat(clock.nowFor(needed)).isGreaterThanOrEqualTo(needed);
    }

    @Test
    void shouldJudgeAReportFarAheadAtOnce() {
        long needed = MARCH_FIRST.toEpochMilli() + 40 * DAY;
        long started = System.nanoTime();

        assertThat(clock.nowFor(needed)).isEqualTo(MARCH_FIRST.toEpochMilli());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void shouldWaitInVainOnceUntilTheClockMoves() {
        long needed = MARCH_FIRST.toEpochMilli() + 3 * DAY;
        assertThat(clock.nowFor(needed)).as("the tick never came").isEqualTo(MARCH_FIRST.toEpochMilli());

        long started = System.nanoTime();
        assertThat(clock.nowFor(needed + 1)).isEqualTo(MARCH_FIRST.toEpochMilli());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no second wait on a clock that stands still")
                .isLessThan(Duration.ofMillis(400));

        simulated.advanceTo(MARCH_FIRST.toEpochMilli() + DAY);
        CompletableFuture.runAsync(() -> simulated.advanceTo(needed),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        assertThat(clock.nowFor(needed)).as("once the clock moves, a report waits again").isGreaterThanOrEqualTo(needed);
    }
}
