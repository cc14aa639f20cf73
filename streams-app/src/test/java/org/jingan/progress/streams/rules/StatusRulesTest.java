package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

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
        return StatusRules.evaluate(terms, progress, asOf, CONFIG).status();
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
        assertThat(status(t, Progress.none(), MID_YEAR)).isEqualTo(TargetStatus.BEHIND);
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

        Evaluation ok = StatusRules.evaluate(ceiling, reported(800), MID_YEAR, CONFIG);
        assertThat(ok.status()).isEqualTo(TargetStatus.ON_TRACK);
        assertThat(ok.headroom()).isEqualTo(200.0);
        assertThat(ok.gap()).isEqualTo(0.2);
        assertThat(status(ceiling, reported(950), MID_YEAR)).isEqualTo(TargetStatus.AT_RISK);
        assertThat(status(ceiling, reported(1001), MID_YEAR)).isEqualTo(TargetStatus.BREACHED);
        assertThat(status(ceiling, reported(950), LINEAR.deadlineEnd())).isEqualTo(TargetStatus.COMPLETED);
        assertThat(StatusRules.evaluate(ceiling, reported(1001), MID_YEAR, CONFIG).conditions())
                .contains(AlertKind.BREACHED);
    }

    @Test
    void shouldJudgeAZeroCeilingByAnyAmountOverZero() {
        Terms zero = terms(TargetKind.CEILING, Comparator.AT_MOST, 0.0);

        Evaluation within = StatusRules.evaluate(zero, reported(0), MID_YEAR, CONFIG);
        assertThat(within.status()).isEqualTo(TargetStatus.ON_TRACK); // no headroom, yet nothing to warn about
        assertThat(within.completionRatio()).isEqualTo(0.0);
        assertThat(within.gap()).isNull();
        assertThat(within.headroom()).isEqualTo(0.0);
        assertThat(within.conditions()).isEmpty();

        Evaluation breached = StatusRules.evaluate(zero, reported(120), MID_YEAR, CONFIG);
        assertThat(breached.status()).isEqualTo(TargetStatus.BREACHED);
        assertThat(breached.completionRatio()).isNull(); // no finite share of zero
        assertThat(breached.gap()).isNull();
        assertThat(breached.headroom()).isEqualTo(-120.0);
        assertThat(breached.conditions()).containsExactly(AlertKind.BREACHED);

        assertThat(status(zero, Progress.none(), MID_YEAR)).isEqualTo(TargetStatus.NOT_STARTED);
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
        assertThat(StatusRules.evaluate(milestone, notDone, MID_YEAR, CONFIG).conditions())
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
}
