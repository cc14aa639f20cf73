package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class PacePlanTest {
    private static final ZoneId ZONE = RuleConfig.DEFAULT_ZONE;

    private static long at(String date) {
        return Calendar.startOfDay(LocalDate.parse(date), ZONE);
    }

    @Test
    void shouldBeLinearOverTheYearWhenEmpty() {
        PacePlan plan = PacePlan.of(2020, LocalDate.of(2020, 12, 31), List.of(), ZONE);

        assertThat(plan.expectedRatio(at("2020-01-01"))).isZero();
        assertThat(plan.expectedRatio(at("2020-07-02"))).isCloseTo(183 / 366.0, within(1e-12));
        assertThat(plan.expectedRatio(at("2021-01-01"))).isEqualTo(1.0);
        assertThat(plan.expectedRatio(at("2019-06-01"))).isZero();
        assertThat(plan.expectedRatio(at("2022-01-01"))).isEqualTo(1.0);
    }

    @Test
    void shouldInterpolateBetweenCheckpointsFromZeroOnTheFirstOfJanuary() {
        PacePlan plan = PacePlan.of(2020, LocalDate.of(2020, 12, 31), List.of(
                new PacePlan.Checkpoint(LocalDate.of(2020, 3, 31), 0.15),
                new PacePlan.Checkpoint(LocalDate.of(2020, 6, 30), 0.4)), ZONE);

        assertThat(plan.expectedRatio(at("2020-04-01"))).isCloseTo(0.15, within(1e-12));
        assertThat(plan.expectedRatio(at("2020-02-15"))).isCloseTo(0.15 * 45 / 91, within(1e-12));
        assertThat(plan.expectedRatio(at("2020-07-01"))).isCloseTo(0.4, within(1e-12));
        // after the last checkpoint the plan goes on linearly to 1 at the deadline
        assertThat(plan.expectedRatio(at("2021-01-01"))).isEqualTo(1.0);
        assertThat(plan.expectedRatio(at("2020-10-01"))).isCloseTo(0.4 + 0.6 * 92 / 184, within(1e-12));
    }

    @Test
    void shouldReachOneAtAnEarlyDeadline() {
        PacePlan plan = PacePlan.of(2020, LocalDate.of(2020, 6, 30), List.of(), ZONE);

        assertThat(plan.expectedRatio(at("2020-07-01"))).isEqualTo(1.0);
        assertThat(plan.deadlineEnd()).isEqualTo(at("2020-07-01"));
    }

    @Test
    void shouldFindTheTimeAPlanExpectsARatio() {
        PacePlan plan = PacePlan.of(2020, LocalDate.of(2020, 12, 31), List.of(
                new PacePlan.Checkpoint(LocalDate.of(2020, 6, 30), 0.1)), ZONE);

        assertThat(plan.timeAtRatio(0.1)).hasValue(at("2020-07-01"));
        assertThat(plan.timeAtRatio(0.05)).hasValue(at("2020-01-01") + (at("2020-07-01") - at("2020-01-01")) / 2);
        assertThat(plan.timeAtRatio(1.0)).hasValue(at("2021-01-01"));
        assertThat(plan.timeAtRatio(1.1)).isEmpty();
    }
}
