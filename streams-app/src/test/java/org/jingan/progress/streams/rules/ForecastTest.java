package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.junit.jupiter.api.Test;

class ForecastTest {
    private static final RuleConfig CONFIG = RuleConfig.defaults();
    private static final long HALF_LIFE = CONFIG.forecastHalfLife().toMillis();
    private static final PacePlan LINEAR = PacePlan.of(2020, LocalDate.of(2020, 12, 31), List.of(), CONFIG.zone());

    private static long day(int dayOfYear) {
        return LINEAR.start() + (dayOfYear - 1) * Calendar.DAY_MS;
    }

    /** Daily increments from 1 January at the given rates (units per day), one rate per day. */
    private static Velocity daily(double... rates) {
        Velocity v = Velocity.startingAt(LINEAR.start());
        for (int d = 0; d < rates.length; d++) {
            v = v.observe(day(d + 2), rates[d], LINEAR, HALF_LIFE);
        }
        return v;
    }

    @Test
    void shouldMeasureASteadyVelocity() {
        double[] rates = new double[100];
        java.util.Arrays.fill(rates, 2.0);

        assertThat(daily(rates).perDay()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void shouldWeighRecentReportsMore() {
        double[] rates = new double[120];
        java.util.Arrays.fill(rates, 0, 100, 1.0);
        java.util.Arrays.fill(rates, 100, 120, 0.4);
        Velocity v = daily(rates);

        // 20 days at 0.4 after 100 at 1.0: with a 14-day half-life the recent 20 days weigh 1 - 2^(-20/14) = 63%
        double recentWeight = 1 - Math.pow(0.5, 20 / 14.0);
        assertThat(v.perDay()).isCloseTo(recentWeight * 0.4 + (1 - recentWeight) * 1.0, within(0.01));
    }

    @Test
    void shouldProjectTheYearEndAndTheDateOfCompletion() {
        double[] rates = new double[100];
        java.util.Arrays.fill(rates, 1.0);
        Velocity v = daily(rates);

        Forecast f = Forecast.of(LINEAR, Comparator.AT_LEAST, 366.0, 100, v, 0L, CONFIG);

        assertThat(f.yearEnd()).isCloseTo(366, within(0.5));
        assertThat(f.completionDate()).isBetween(LocalDate.of(2020, 12, 29), LocalDate.of(2021, 1, 2));
        assertThat(f.misses(Comparator.AT_LEAST, 366, CONFIG)).isFalse();
        assertThat(Forecast.of(LINEAR, Comparator.AT_LEAST, 500.0, 100, v, 0L, CONFIG).misses(Comparator.AT_LEAST, 500, CONFIG))
                .isTrue();
    }

    @Test
    void shouldFollowTheShapeOfTheCurrentPlan() {
        PacePlan backLoaded = PacePlan.of(2020, LocalDate.of(2020, 12, 31),
                List.of(new PacePlan.Checkpoint(LocalDate.of(2020, 6, 30), 0.1)), CONFIG.zone());
        Velocity v = Velocity.startingAt(backLoaded.start());
        double actual = 0;
        for (int d = 2; d <= 182; d++) {
            double step = 100 * (backLoaded.expectedRatio(day(d)) - backLoaded.expectedRatio(day(d - 1)));
            actual += step;
            v = v.observe(day(d), step, backLoaded, HALF_LIFE);
        }

        Forecast f = Forecast.of(backLoaded, Comparator.AT_LEAST, 100.0, actual, v, 0L, CONFIG);

        assertThat(f.yearEnd()).isCloseTo(100, within(0.5));
    }

    @Test
    void shouldNotForecastBeforeTheMinimumSpan() {
        Velocity v = Velocity.startingAt(LINEAR.start()).observe(day(5), 4, LINEAR, HALF_LIFE);

        assertThat(Forecast.of(LINEAR, Comparator.AT_LEAST, 366.0, 4, v, 0L, CONFIG)).isNull();
        assertThat(Forecast.of(LINEAR, Comparator.AT_LEAST, 366.0, 0, Velocity.NONE, 0L, CONFIG)).isNull();
    }

    @Test
    void shouldFlagACeilingProjectedToBeExceeded() {
        double[] rates = new double[100];
        java.util.Arrays.fill(rates, 1.0);
        Forecast f = Forecast.of(LINEAR, Comparator.AT_MOST, 300.0, 100, daily(rates), 0L, CONFIG);

        assertThat(f.misses(Comparator.AT_MOST, 300, CONFIG)).isTrue();
        assertThat(f.completionDate()).isNull();
    }

    @Test
    void shouldWeighALateReportByItsAge() {
        Velocity v = Velocity.startingAt(LINEAR.start()).observe(day(30), 29, LINEAR, HALF_LIFE);
        Velocity late = v.observe(day(16), 10, LINEAR, HALF_LIFE);

        assertThat(late.anchorTime()).isEqualTo(v.anchorTime());
        assertThat(late.amount() - v.amount()).isCloseTo(10 * 0.5, within(1e-9)); // 14 days old: half weight
    }

    @Test
    void shouldNeverProjectACompletionDateBeforeTheDayItIsMadeFor() {
        double[] rates = new double[100];
        java.util.Arrays.fill(rates, 1.0);
        Velocity v = daily(rates); // 100 by 10 April at 1 a day: a goal of 120 is projected for 30 April
        long may20 = day(141);

        Forecast f = Forecast.of(LINEAR, Comparator.AT_LEAST, 120.0, 100, v, may20, CONFIG);

        assertThat(f.completionDate()).isAfterOrEqualTo(LocalDate.of(2020, 5, 20));
        assertThat(Forecast.of(LINEAR, Comparator.AT_LEAST, 120.0, 100, v, 0L, CONFIG).completionDate())
                .isBefore(LocalDate.of(2020, 5, 20));
    }

    @Test
    void shouldLowerTheProjectionOfATargetThatFellSilent() {
        double[] rates = new double[220]; // on pace for 50 a year until August, then nothing more reported
        java.util.Arrays.fill(rates, 50 / 366.0);
        Velocity v = daily(rates);
        double actual = 220 * 50 / 366.0;
        long nov30 = day(335);
        PacePlan plan = LINEAR;

        Velocity inAugust = v.until(day(221) - CONFIG.staleAfter().toMillis(), plan, HALF_LIFE);
        Velocity inNovember = v.until(nov30 - CONFIG.staleAfter().toMillis(), plan, HALF_LIFE);
        Forecast august = Forecast.of(plan, Comparator.AT_LEAST, 50.0, actual, inAugust, day(221), CONFIG);
        Forecast november = Forecast.of(plan, Comparator.AT_LEAST, 50.0, actual, inNovember, nov30, CONFIG);

        assertThat(august.yearEnd()).isCloseTo(50, within(1.0));
        assertThat(november.yearEnd()).isLessThan(actual + 2).isGreaterThanOrEqualTo(actual);
        assertThat(november.completionDate()).isNull(); // not met within two years at what is left of the pace
    }
}
