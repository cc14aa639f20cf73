package org.jingan.progress.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.clock.SimulatedClock;
import org.jingan.progress.clock.WallClock;
import org.jingan.progress.monitor.Alerts;
import org.jingan.progress.monitor.board.AlertBoard;
import org.jingan.progress.monitor.decision.DecisionStore;
import org.jingan.progress.monitor.decision.OperatorDecision;
import org.junit.jupiter.api.Test;

/** What the console shows, on two clocks: ages on the district clock, silences on the wall clock. */
class ConsoleViewTest {
    private static final Instant WALL_NOW = Instant.parse("2026-05-12T06:00:00Z");
    private static final String KEY = "econ-retail-sales/BEHIND";

    private final AlertBoard board = new AlertBoard(10);
    private final DecisionStore decisions = new DecisionStore();

    @Test
    void shouldCountAnAlertsAgeAgainstTheDistrictClockAndASilenceAgainstTheWallClock() {
        SimulatedClock district = new SimulatedClock(Instant.parse("2020-03-30T09:00:00+08:00"));
        board.apply(Alerts.firing("econ-retail-sales", AlertKind.BEHIND, Instant.parse("2020-03-01T09:00:00+08:00")), 0, WALL_NOW);
        decisions.put(KEY, OperatorDecision.none(KEY).withSilence(
                new OperatorDecision.Silence(WALL_NOW.plus(Duration.ofHours(1)), "李四", null, WALL_NOW)));
        ConsoleView view = view(district);

        ConsoleView.Snapshot shown = view.firing();

        assertThat(shown.clock()).isEqualTo(new ClockView(Instant.parse("2020-03-30T01:00:00Z"),
                LocalDate.parse("2020-03-30"), "Asia/Shanghai", "simulated"));
        assertThat(shown.generatedAt()).isEqualTo(WALL_NOW);
        assertThat(shown.alerts().get(0).firingForMinutes()).isEqualTo(Duration.ofDays(29).toMinutes()); // not 6 years
        // the silence was given an hour of real time: in force, though the district clock is years before its end
        assertThat(shown.alerts().get(0).silenced()).isNotNull();

        district.advanceTo(Instant.parse("2020-04-01T09:00:00+08:00").toEpochMilli());
        assertThat(view.firing(KEY).orElseThrow().firingForMinutes()).isEqualTo(Duration.ofDays(31).toMinutes());
    }

    @Test
    void shouldGiveTheDistrictDateInShanghai() {
        // 16:30 UTC on 29 March is 00:30 on 30 March in Shanghai
        ConsoleView view = view(new WallClock(Clock.fixed(Instant.parse("2020-03-29T16:30:00Z"), ZoneOffset.UTC)));

        ClockView clock = view.clock();

        assertThat(clock.date()).isEqualTo(LocalDate.parse("2020-03-30"));
        assertThat(clock.mode()).isEqualTo("wall");
        assertThat(clock.zone()).isEqualTo("Asia/Shanghai");
    }

    private ConsoleView view(org.jingan.progress.clock.DistrictClock district) {
        return new ConsoleView(board, decisions, new DepartmentNames(Map.of()), Clock.fixed(WALL_NOW, ZoneOffset.UTC), district);
    }
}
