package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.TargetStatus;
import org.junit.jupiter.api.Test;

class StatusRulesTest {
    private static final RuleConfig CONFIG = RuleConfig.defaults();
    private static final PacePlan LINEAR = PacePlan.of(2020, LocalDate.of(2020, 12, 31), List.of(), CONFIG.zone());
    private static final long MID_YEAR = LINEAR.start() + 183 * Calendar.DAY_MS; // expected 0.5

    private static Terms terms(TargetKind kind, Comparator comparator, Double value) {
        return new Terms(kind, comparator, value, LINEAR);
    }

    private static Progress reported(double actual) {
        return new Progress(actual, 1, MID_YEAR, MID_YEAR, false, Velocity.NONE);
    }

    private static TargetStatus status(Terms terms, Progress progress, long asOf) {
        return StatusRules.evaluate(terms, progress, LastPublished.NONE, asOf, CONFIG).status();
    }

    @Test
    void shouldApplyTheGapThresholds() {
        Terms t = terms(TargetKind.CUMULATIVE, Comparator.AT_LEAST, 100.0);

        assertThat(status(t, reported(46), MID_YEAR)).isEqualTo(TargetStatus.ON_TRACK);   // gap -0.04
        assertThat(status(t, reported(44), MID_YEAR)).isEqualTo(TargetStatus.AT_RISK);    // gap -0.06
        assertThat(status(t, reported(34), MID_YEAR)).isEqualTo(TargetStatus.BEHIND);     // gap -0.16
        assertThat(status(t, reported(100), MID_YEAR)).isEqualTo(TargetStatus.COMPLETED);
        assertThat(status(t, reported(99), LINEAR.deadlineEnd())).isEqualTo(TargetStatus.OVERDUE);
        assertThat(status(t, Progress.none(), LINEAR.start() + Calendar.DAY_MS)).isEqualTo(TargetStatus.NOT_STARTED);
        assertThat(status(t, Progress.none(), MID_YEAR)).isEqualTo(TargetStatus.NO_REPORT_YET);
        assertThat(status(terms(TargetKind.CUMULATIVE, Comparator.AT_LEAST, null), reported(46), MID_YEAR))
                .isEqualTo(TargetStatus.PENDING_TARGET);
    }

    @Test
    void shouldMeetAnAboutTargetWithinTheTolerance() {
        assertThat(status(terms(TargetKind.LEVEL, Comparator.ABOUT, 100.0), reported(95), MID_YEAR))
                .isEqualTo(TargetStatus.COMPLETED);
        assertThat(status(terms(TargetKind.LEVEL, Comparator.ABOUT, 100.0), reported(94), LINEAR.deadlineEnd()))
                .isEqualTo(TargetStatus.OVERDUE);
    }

    @Test
    void shouldJudgeACeilingByItsHeadroom() {
        Terms ceiling = terms(TargetKind.CEILING, Comparator.AT_MOST, 1000.0);

        Evaluation ok = StatusRules.evaluate(ceiling, reported(800), LastPublished.NONE, MID_YEAR, CONFIG);
        assertThat(ok.status()).isEqualTo(TargetStatus.ON_TRACK);
        assertThat(ok.headroom()).isEqualTo(200.0);
        assertThat(ok.gap()).isEqualTo(0.2);
        assertThat(status(ceiling, reported(950), MID_YEAR)).isEqualTo(TargetStatus.AT_RISK);
        assertThat(status(ceiling, reported(1001), MID_YEAR)).isEqualTo(TargetStatus.BREACHED);
        assertThat(status(ceiling, reported(950), LINEAR.deadlineEnd())).isEqualTo(TargetStatus.COMPLETED);
        assertThat(StatusRules.evaluate(ceiling, reported(1001), LastPublished.NONE, MID_YEAR, CONFIG).conditions())
                .contains(AlertKind.BREACHED);
    }

    @Test
    void shouldJudgeAZeroCeilingByAnyAmountOverZero() {
        Terms zero = terms(TargetKind.CEILING, Comparator.AT_MOST, 0.0);

        Evaluation within = StatusRules.evaluate(zero, reported(0), LastPublished.NONE, MID_YEAR, CONFIG);
        assertThat(within.status()).isEqualTo(TargetStatus.ON_TRACK); // no headroom, yet nothing to warn about
        assertThat(within.completionRatio()).isEqualTo(0.0);
        assertThat(within.gap()).isNull();
        assertThat(within.headroom()).isEqualTo(0.0);
        assertThat(within.conditions()).isEmpty();

        Evaluation breached = StatusRules.evaluate(zero, reported(120), LastPublished.NONE, MID_YEAR, CONFIG);
        assertThat(breached.status()).isEqualTo(TargetStatus.BREACHED);
        assertThat(breached.completionRatio()).isNull(); // no finite share of zero
        assertThat(breached.gap()).isNull();
        assertThat(breached.headroom()).isEqualTo(-120.0);
        assertThat(breached.conditions()).containsExactly(AlertKind.BREACHED);

        assertThat(status(zero, Progress.none(), MID_YEAR)).as("a report is due: the year is older than stale-after")
                .isEqualTo(TargetStatus.NO_REPORT_YET);
        assertThat(status(zero, reported(0), LINEAR.deadlineEnd())).isEqualTo(TargetStatus.COMPLETED);
        assertThat(status(zero, reported(0.01), LINEAR.deadlineEnd())).isEqualTo(TargetStatus.BREACHED);
    }

    @Test
    void shouldJudgeAMilestoneByItsPlan() {
        PacePlan juneDone = PacePlan.of(2020, LocalDate.of(2020, 12, 31),
                List.of(new PacePlan.Checkpoint(LocalDate.of(2020, 6, 30), 1.0)), CONFIG.zone());
        Terms milestone = new Terms(TargetKind.MILESTONE, Comparator.DONE, 1.0, juneDone);
        Progress notDone = new Progress(0, 0, null, null, false, Velocity.NONE);

        assertThat(status(milestone, notDone, LINEAR.start() + 30 * Calendar.DAY_MS)).isEqualTo(TargetStatus.ON_TRACK);
        assertThat(status(milestone, notDone, MID_YEAR)).isEqualTo(TargetStatus.BEHIND);
        assertThat(status(milestone, notDone, LINEAR.deadlineEnd())).isEqualTo(TargetStatus.OVERDUE);
        assertThat(status(milestone, new Progress(1, 1, MID_YEAR, MID_YEAR, true, Velocity.NONE), MID_YEAR))
                .isEqualTo(TargetStatus.COMPLETED);
        // a milestone is reported once, when reached: its silence is no news
        assertThat(StatusRules.evaluate(milestone, notDone, LastPublished.NONE, MID_YEAR, CONFIG).conditions())
                .doesNotContain(AlertKind.STALE_REPORT);
    }

    @Test
    void shouldCallATargetStaleAfterTheConfiguredSilence() {
        Terms t = terms(TargetKind.CUMULATIVE, Comparator.AT_LEAST, 100.0);
        long lastReport = MID_YEAR;
        Progress progress = new Progress(50, 3, lastReport, lastReport, false, Velocity.NONE);

        assertThat(StatusRules.isStale(t, progress, TargetStatus.ON_TRACK, lastReport + Duration.ofDays(30).toMillis(), CONFIG))
                .isFalse();
        assertThat(StatusRules.isStale(t, progress, TargetStatus.ON_TRACK, lastReport + Duration.ofDays(31).toMillis(), CONFIG))
                .isTrue();
        assertThat(StatusRules.isStale(t, progress, TargetStatus.COMPLETED, lastReport + Duration.ofDays(90).toMillis(), CONFIG))
                .isFalse();
    }

    private static long day(int n) {
        return LINEAR.start() + n * Calendar.DAY_MS; // day 0 is 1 January 2020
    }

    private static LastPublished was(TargetStatus status, AlertKind... firing) {
        return new LastPublished(status, Set.of(firing));
    }

    private static TargetStatus after(TargetStatus previous, Terms terms, double actual) {
        return StatusRules.evaluate(terms, reported(actual), was(previous), MID_YEAR, CONFIG).status();
    }

    @Test
    void shouldKeepAStatusUntilTheGapRecoversPastItsThresholdByTheClearMargin() {
        Terms t = terms(TargetKind.CUMULATIVE, Comparator.AT_LEAST, 100.0); // expected 0.5 at MID_YEAR

        assertThat(after(TargetStatus.ON_TRACK, t, 46)).as("gap -0.04: not at risk yet").isEqualTo(TargetStatus.ON_TRACK);
        assertThat(after(TargetStatus.AT_RISK, t, 46)).as("-0.04 is not past -0.05 + 0.02").isEqualTo(TargetStatus.AT_RISK);
        assertThat(after(TargetStatus.AT_RISK, t, 48)).as("-0.02 is").isEqualTo(TargetStatus.ON_TRACK);
        assertThat(after(null, t, 36)).as("gap -0.14").isEqualTo(TargetStatus.AT_RISK);
        assertThat(after(TargetStatus.BEHIND, t, 36)).isEqualTo(TargetStatus.BEHIND);
        assertThat(after(TargetStatus.BEHIND, t, 38)).as("-0.12: behind cleared, still at risk").isEqualTo(TargetStatus.AT_RISK);
        assertThat(after(TargetStatus.ON_TRACK, t, 34)).as("entering is never delayed").isEqualTo(TargetStatus.BEHIND);
        RuleConfig noMargin = CONFIG.withStatusClearMargin(0);
        assertThat(StatusRules.evaluate(t, reported(46), was(TargetStatus.AT_RISK), MID_YEAR, noMargin).status())
                .isEqualTo(TargetStatus.ON_TRACK);
    }

    @Test
    void shouldKeepACeilingAtRiskUntilItsHeadroomRecoversByTheClearMargin() {
        Terms ceiling = terms(TargetKind.CEILING, Comparator.AT_MOST, 1000.0); // at risk under 10% headroom

        assertThat(after(TargetStatus.ON_TRACK, ceiling, 890)).isEqualTo(TargetStatus.ON_TRACK);
        assertThat(after(TargetStatus.AT_RISK, ceiling, 890)).isEqualTo(TargetStatus.AT_RISK);
        assertThat(after(TargetStatus.BREACHED, ceiling, 890)).as("back under the ceiling").isEqualTo(TargetStatus.AT_RISK);
        assertThat(after(TargetStatus.AT_RISK, ceiling, 870)).isEqualTo(TargetStatus.ON_TRACK);
        assertThat(after(TargetStatus.ON_TRACK, ceiling, 1001)).isEqualTo(TargetStatus.BREACHED);
    }

    @Test
    void shouldSayNoReportYetInsteadOfBehindOnceAReportIsDue() {
        Terms t = terms(TargetKind.CUMULATIVE, Comparator.AT_LEAST, 100.0);

        assertThat(status(t, Progress.none(), day(18))).as("5% not expected yet").isEqualTo(TargetStatus.NOT_STARTED);
        Evaluation due = StatusRules.evaluate(t, Progress.none(), LastPublished.NONE, day(19), CONFIG);
        assertThat(due.status()).isEqualTo(TargetStatus.NO_REPORT_YET);
        assertThat(due.conditions()).containsExactly(AlertKind.NO_REPORT_YET);
        assertThat(StatusRules.evaluate(t, Progress.none(), LastPublished.NONE, MID_YEAR, CONFIG).conditions())
                .as("not BEHIND, not STALE_REPORT: one condition").containsExactly(AlertKind.NO_REPORT_YET);
        assertThat(status(t, Progress.none(), LINEAR.deadlineEnd())).isEqualTo(TargetStatus.OVERDUE);

        // a back-loaded plan expects nothing before autumn: a report is due once the year is older than staleAfter
        PacePlan autumn = PacePlan.of(2020, LocalDate.of(2020, 12, 31),
                List.of(new PacePlan.Checkpoint(LocalDate.of(2020, 9, 30), 0.0)), CONFIG.zone());
        Terms late = new Terms(TargetKind.CUMULATIVE, Comparator.AT_LEAST, 100.0, autumn);
        assertThat(status(late, Progress.none(), day(30))).isEqualTo(TargetStatus.NOT_STARTED);
        assertThat(status(late, Progress.none(), day(31))).isEqualTo(TargetStatus.NO_REPORT_YET);
        Terms ceiling = terms(TargetKind.CEILING, Comparator.AT_MOST, 1000.0);
        assertThat(status(ceiling, Progress.none(), day(19))).isEqualTo(TargetStatus.NOT_STARTED);
        assertThat(status(ceiling, Progress.none(), day(31))).isEqualTo(TargetStatus.NO_REPORT_YET);
        assertThat(status(terms(TargetKind.MILESTONE, Comparator.DONE, 1.0), Progress.none(), MID_YEAR))
                .as("a milestone reports once, when reached").isEqualTo(TargetStatus.ON_TRACK);
    }

    @Test
    void shouldPutAMilestoneNotDoneAtRiskInItsLastStretchBeforeItIsDue() {
        Terms endOfYear = terms(TargetKind.MILESTONE, Comparator.DONE, 1.0);
        Progress notDone = Progress.none();

        assertThat(status(endOfYear, notDone, day(335))).as("1 December").isEqualTo(TargetStatus.ON_TRACK);
        assertThat(status(endOfYear, notDone, day(336))).as("2 December: 30 days left").isEqualTo(TargetStatus.AT_RISK);
        assertThat(status(endOfYear, notDone, day(364))).as("30 December").isEqualTo(TargetStatus.AT_RISK);
        assertThat(StatusRules.evaluate(endOfYear, notDone, LastPublished.NONE, day(364), CONFIG).conditions())
                .containsExactly(AlertKind.AT_RISK);
        assertThat(StatusRules.evaluate(endOfYear, notDone, LastPublished.NONE, day(364), CONFIG.withMilestoneLastStretch(Duration.ZERO))
                .status()).as("0 turns the rule off").isEqualTo(TargetStatus.ON_TRACK);

        // due when the plan expects it done (end of 30 June), not at the deadline
        PacePlan juneDone = PacePlan.of(2020, LocalDate.of(2020, 12, 31),
                List.of(new PacePlan.Checkpoint(LocalDate.of(2020, 6, 30), 1.0)), CONFIG.zone());
        Terms june = new Terms(TargetKind.MILESTONE, Comparator.DONE, 1.0, juneDone);
        assertThat(status(june, notDone, day(151))).as("31 May").isEqualTo(TargetStatus.ON_TRACK);
        assertThat(status(june, notDone, day(152))).as("1 June").isEqualTo(TargetStatus.AT_RISK);
        assertThat(status(june, notDone, day(182))).as("1 July").isEqualTo(TargetStatus.BEHIND);
    }

    @Test
    void shouldStartAForecastMissOnlyOnPaceAndHoldItBelowPaceUntilBehind() {
        Terms t = terms(TargetKind.CUMULATIVE, Comparator.AT_LEAST, 100.0);
        Forecast misses = new Forecast(80, null);
        Progress progress = reported(44);

        assertThat(StatusRules.conditions(t, progress, TargetStatus.ON_TRACK, misses, LastPublished.NONE, MID_YEAR, CONFIG))
                .containsExactly(AlertKind.FORECAST_MISS);
        assertThat(StatusRules.conditions(t, progress, TargetStatus.AT_RISK, misses, LastPublished.NONE, MID_YEAR, CONFIG))
                .as("below pace the pace alert says it").containsExactly(AlertKind.AT_RISK);
        assertThat(StatusRules.conditions(t, progress, TargetStatus.AT_RISK, misses,
                was(TargetStatus.ON_TRACK, AlertKind.FORECAST_MISS), MID_YEAR, CONFIG))
                .as("raised on pace, it holds").containsExactly(AlertKind.AT_RISK, AlertKind.FORECAST_MISS);
        assertThat(StatusRules.conditions(t, progress, TargetStatus.BEHIND, misses,
                was(TargetStatus.AT_RISK, AlertKind.AT_RISK, AlertKind.FORECAST_MISS), MID_YEAR, CONFIG))
                .as("BEHIND inhibits it").containsExactly(AlertKind.BEHIND);
        assertThat(StatusRules.conditions(t, progress, TargetStatus.AT_RISK, misses,
                was(TargetStatus.BEHIND, AlertKind.BEHIND), MID_YEAR, CONFIG))
                .as("and it does not come back with every step between AT_RISK and BEHIND")
                .containsExactly(AlertKind.AT_RISK);
    }
}
