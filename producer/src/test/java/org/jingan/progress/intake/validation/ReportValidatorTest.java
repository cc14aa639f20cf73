package org.jingan.progress.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.intake.TestTargets.COMMERCE;
import static org.jingan.progress.intake.TestTargets.CONSTRUCTION;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.clock.SimulatedClock;
import org.jingan.progress.clock.WallClock;
import org.jingan.progress.intake.TestTargets;
import org.jingan.progress.intake.validation.ReportValidator.DuplicateRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportValidatorTest {
    private final ReportValidator validator = new ReportValidator(TargetDirectory.of(TestTargets.ALL),
            TestTargets.DISTRICT_CLOCK, TestTargets.ZONE);

    private static ReportRequest report(String targetId, String kind, String value, String unit, String eventTime) {
        return new ReportRequest(null, targetId, kind, value, unit, eventTime, "王工", null, null, null);
    }

    private ReportValidator.Checked check(ReportRequest request, String department) {
        return validator.check(new ReportRow(0, 1, request), department);
    }

    /** A validator of the test catalog on a wall clock standing at {@code now}, with {@code bounds}. */
    private static ReportValidator onWallClockAt(String now, ReportValidator.Bounds bounds, Target... extra) {
        var all = new java.util.ArrayList<>(TestTargets.ALL);
        all.addAll(List.of(extra));
        return new ReportValidator(TargetDirectory.of(all), new WallClock(Clock.fixed(Instant.parse(now), TestTargets.ZONE)),
                TestTargets.ZONE, bounds, () -> { });
    }

    private static ReportValidator.Checked check(ReportValidator v, String targetId, String department, String eventTime) {
        return v.check(new ReportRow(0, 1, report(targetId, null, "1", null, eventTime)), department);
    }

    private Violation onlyViolation(ReportRequest request, String department) {
        var checked = check(request, department);
        assertThat(checked.errors()).as("errors of %s", request).hasSize(1);
        return checked.errors().get(0).code();
    }

    @Test
    void shouldAcceptAnIncrementOfACountInItsUnit() {
        var checked = check(report("c-elevators", "INCREMENT", "3", "台", "2020-06-30"), CONSTRUCTION);

        assertThat(checked.errors()).isEmpty();
        ValidReport r = checked.report();
        assertThat(r.kind()).isEqualTo(UpdateKind.INCREMENT);
        assertThat(r.value()).isEqualTo(3.0);
        assertThat(r.unit()).isEqualTo("台");
        assertThat(r.eventTime()).isEqualTo(Instant.parse("2020-06-29T16:00:00Z")); // 00:00 in Shanghai
        assertThat(r.reporter()).isEqualTo("王工");
    }

    @Test
    void shouldDefaultTheKindFromTheTargetAndTheUnitToTheTargets() {
        assertThat(check(report("c-elevators", null, "40", null, "2020-06-30"), CONSTRUCTION).report().kind())
                .isEqualTo(UpdateKind.CUMULATIVE_TO_DATE);
        assertThat(check(report("m-growth", null, "5.8", null, "2020-06-30"), COMMERCE).report().kind())
                .isEqualTo(UpdateKind.LEVEL);
        var milestone = check(report("c-bridge-done", "完成", null, null, "2020年6月30日"), CONSTRUCTION).report();
        assertThat(milestone.kind()).isEqualTo(UpdateKind.MILESTONE_REACHED);
        assertThat(milestone.value()).isNull();
    }

    @Test
    void shouldReadChineseKindLabelsPercentSignsAndThousandsSeparators() {
        assertThat(check(report("m-growth", "水平", "5.8%", null, "2020/6/30"), COMMERCE).errors()).isEmpty();
        var retail = check(report("m-retail-sales", "累计", "1,234.5", "亿元", "2020-06-30T17:00:00+08:00"), COMMERCE).report();
        assertThat(retail.value()).isEqualTo(1234.5);
        assertThat(retail.kind()).isEqualTo(UpdateKind.CUMULATIVE_TO_DATE);
    }

    @Test
    void shouldRefuseAnUnknownTargetAndSuggestTheClosestOwnOne() {
        var error = check(report("c-elevator", "INCREMENT", "1", null, "2020-06-30"), CONSTRUCTION).errors().get(0);

        assertThat(error.code()).isEqualTo(Violation.UNKNOWN_TARGET);
        assertThat(error.field()).isEqualTo("targetId");
        assertThat(error.reason()).contains("no target 'c-elevator'").contains("did you mean 'c-elevators'");
        assertThat(error.reasonZh()).contains("目录中没有目标").contains("c-elevators");
    }

    @Test
    void shouldRefuseATargetOfAnotherDepartment() {
        var error = check(report("m-retail-sales", "INCREMENT", "1", null, "2020-06-30"), CONSTRUCTION).errors().get(0);

        assertThat(error.code()).isEqualTo(Violation.FORBIDDEN_TARGET);
        assertThat(error.code().status()).isEqualTo(403);
        assertThat(error.reason()).contains("belongs to").contains("commerce");
        assertThat(error.reasonZh()).contains("区商务委");
    }

    @Test
    void shouldRefuseADepartmentIdThatIsNotTheCallers() {
        var request = new ReportRequest(null, "c-elevators", "INCREMENT", "1", null, "2020-06-30", null, null, null, COMMERCE);
        assertThat(onlyViolation(request, CONSTRUCTION)).isEqualTo(Violation.DEPARTMENT_MISMATCH);
    }

    @Test
    void shouldRefuseAnIncrementOnAMilestone() {
        var error = check(report("c-bridge-done", "INCREMENT", "1", null, "2020-06-30"), CONSTRUCTION).errors().get(0);

        assertThat(error.code()).isEqualTo(Violation.KIND_NOT_FOR_TARGET);
        assertThat(error.field()).isEqualTo("kind");
        assertThat(error.reason()).contains("MILESTONE").contains("MILESTONE_REACHED");
    }

    @Test
    void shouldRefuseAPercentageOnACountEitherAsUnitOrInTheValue() {
        var asUnit = check(report("c-elevators", "INCREMENT", "5", "%", "2020-06-30"), CONSTRUCTION).errors().get(0);
        assertThat(asUnit.code()).isEqualTo(Violation.UNIT_MISMATCH);
        assertThat(asUnit.field()).isEqualTo("unit");
        assertThat(asUnit.reason()).contains("'%'").contains("measured in units (台); send the value in 台");
        assertThat(asUnit.reasonZh()).contains("以“台”计量");

        var inValue = check(report("c-elevators", "INCREMENT", "5%", null, "2020-06-30"), CONSTRUCTION).errors().get(0);
        assertThat(inValue.code()).isEqualTo(Violation.UNIT_MISMATCH);
        assertThat(inValue.field()).isEqualTo("value");
    }

    @Test
    void shouldRefuseANegativeIncrementAndSayHowToCorrect() {
        var error = check(report("c-elevators", "INCREMENT", "-2", null, "2020-06-30"), CONSTRUCTION).errors().get(0);

        assertThat(error.code()).isEqualTo(Violation.NEGATIVE_INCREMENT);
        assertThat(error.reason()).contains("CORRECTION");
    }

    @Test
    void shouldAllowANegativeLevelSuchAsAFallingGrowthRate() {
        assertThat(check(report("m-growth", "LEVEL", "-1.5", "%", "2020-06-30"), COMMERCE).errors()).isEmpty();
    }

    @Test
    void shouldRefuseAFractionOfACountAndANonNumber() {
        assertThat(onlyViolation(report("c-elevators", "INCREMENT", "2.5", null, "2020-06-30"), CONSTRUCTION))
                .isEqualTo(Violation.VALUE_NOT_WHOLE);
        assertThat(onlyViolation(report("c-elevators", "INCREMENT", "three", null, "2020-06-30"), CONSTRUCTION))
                .isEqualTo(Violation.VALUE_NOT_A_NUMBER);
        assertThat(onlyViolation(report("c-elevators", "INCREMENT", null, null, "2020-06-30"), CONSTRUCTION))
                .isEqualTo(Violation.VALUE_REQUIRED);
    }

    @Test
    void shouldRefuseAnEventTimeInTheFutureOrBeforeTheReportingYear() {
        var future = check(report("c-elevators", "INCREMENT", "1", null, "2020-07-02"), CONSTRUCTION).errors().get(0);
        assertThat(future.code()).isEqualTo(Violation.EVENT_TIME_IN_FUTURE);
        assertThat(future.reason()).contains("2020-07-01");

        var before = check(report("c-elevators", "INCREMENT", "1", null, "2019-12-31"), CONSTRUCTION).errors().get(0);
        assertThat(before.code()).isEqualTo(Violation.EVENT_TIME_BEFORE_YEAR);
        assertThat(before.reason()).contains("2020-01-01");

        assertThat(check(report("c-elevators", "INCREMENT", "1", null, "2020-01-01"), CONSTRUCTION).errors()).isEmpty();
        assertThat(check(report("c-elevators", "INCREMENT", "1", null, "2020-07-01T10:03:00+08:00"), CONSTRUCTION).errors())
                .as("a few minutes of clock skew is tolerated").isEmpty();
    }

    @Test
    void shouldRefuseAReportDatedAfterTheDeadlinePlusTheReportingGraceNamingTheLastAllowedDate() {
        // the clock well past the deadline, so that only the deadline bound speaks
        ReportValidator v = onWallClockAt("2021-06-01T02:00:00Z", ReportValidator.Bounds.DEFAULT);

        assertThat(check(v, "c-elevators", CONSTRUCTION, "2021-01-31").errors()).isEmpty();
        assertThat(check(v, "c-elevators", CONSTRUCTION, "2021-01-31T23:59:59+08:00").errors()).isEmpty();
        var late = check(v, "c-elevators", CONSTRUCTION, "2021-02-01").errors();

        assertThat(late).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Violation.EVENT_TIME_AFTER_DEADLINE);
            assertThat(e.code().status()).isEqualTo(422);
            assertThat(e.field()).isEqualTo("eventTime");
            assertThat(e.value()).isEqualTo("2021-02-01");
            assertThat(e.reason()).contains("eventTime 2021-02-01 is after the reporting period of target 'c-elevators'")
                    .contains("deadline is 2020-12-31").contains("31 days").contains("from 2020-01-01 to 2021-01-31");
            assertThat(e.reasonZh()).contains("时间 2021-02-01 超出目标“c-elevators”的填报期").contains("截止日期为 2020-12-31")
                    .contains("31天").contains("2020-01-01 至 2021-01-31");
        });
    }

    @Test
    void shouldCountTheReportingGraceFromTheTargetsOwnDeadlineDay() {
        Target midYear = Target.newBuilder(TestTargets.ELEVATORS).setId("c-elevators-h1")
                .setDeadline(LocalDate.of(2020, 6, 30)).build();
        ReportValidator v = onWallClockAt("2020-09-01T02:00:00Z",
                new ReportValidator.Bounds(Duration.ofHours(1), Duration.ofDays(10)), midYear);

        assertThat(check(v, "c-elevators-h1", CONSTRUCTION, "2020-07-10T23:59:00+08:00").errors()).isEmpty();
        var late = check(v, "c-elevators-h1", CONSTRUCTION, "2020-07-11").errors();
        assertThat(late).extracting(FieldError::code).containsExactly(Violation.EVENT_TIME_AFTER_DEADLINE);
        assertThat(late.get(0).reason()).contains("deadline is 2020-06-30").contains("10 days").contains("to 2020-07-10");
        assertThat(late.get(0).reasonZh()).contains("10天").contains("至 2020-07-10");
        assertThat(check(v, "c-elevators", CONSTRUCTION, "2020-07-11").errors())
                .as("the year-end target of the same department still takes it").isEmpty();
    }

    @Test
    void shouldRefuseThe2025DatedReportOnA2020TargetWhateverTheEventTimesForm() {
        // live, late 2026: 2025 is long past, so "in the future" cannot catch it; the target's deadline does
        ReportValidator v = onWallClockAt("2026-12-06T03:00:00Z", ReportValidator.Bounds.DEFAULT);

        for (String time : List.of("2025-06-30", "2025/6/30", "2025年6月30日", "2025-06-30T17:00:00+08:00")) {
            assertThat(check(v, "c-elevators", CONSTRUCTION, time).errors()).as(time)
                    .extracting(FieldError::code).containsExactly(Violation.EVENT_TIME_AFTER_DEADLINE);
        }
        var leftOut = check(v, "c-elevators", CONSTRUCTION, null).errors();
        assertThat(leftOut).as("a left-out eventTime is now, 2026, and as late as a written one")
                .extracting(FieldError::code).containsExactly(Violation.EVENT_TIME_AFTER_DEADLINE);
        assertThat(leftOut.get(0).reason()).contains("left out: the district clock's now, 2026-12-06 11:00");
    }

    @Test
    void shouldAllowTheConfiguredTimeAheadOfTheDistrictClocksNowAndSayWhatNowIs() {
        // the default: an hour ahead of 2020-07-01 10:00 in Shanghai
        assertThat(check(report("c-elevators", "INCREMENT", "1", null, "2020-07-01T11:00:00+08:00"), CONSTRUCTION).errors())
                .isEmpty();
        var error = check(report("c-elevators", "INCREMENT", "1", null, "2020-07-01T11:01:00+08:00"), CONSTRUCTION).errors();
        assertThat(error).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Violation.EVENT_TIME_IN_FUTURE);
            assertThat(e.reason()).contains("the district clock's now is 2020-07-01 10:00 (Asia/Shanghai)").contains("1 h")
                    .contains("from 2020-01-01 to 2020-07-01 11:00");
            assertThat(e.reasonZh()).contains("区时钟当前时间为 2020-07-01 10:00").contains("1小时")
                    .contains("2020-01-01 至 2020-07-01 11:00");
        });

        ReportValidator strict = onWallClockAt("2020-07-01T02:00:00Z",
                new ReportValidator.Bounds(Duration.ofMinutes(5), Duration.ofDays(31)));
        assertThat(check(strict, "c-elevators", CONSTRUCTION, "2020-07-01T10:05:00+08:00").errors()).isEmpty();
        assertThat(check(strict, "c-elevators", CONSTRUCTION, "2020-07-01T10:06:00+08:00").errors())
                .extracting(FieldError::code).containsExactly(Violation.EVENT_TIME_IN_FUTURE);
    }

    @Test
    void shouldCatchUpWithTheClockOnceBeforeRefusingReportsInTheFuture() {
        var clock = new SimulatedClock(Instant.parse("2020-03-05T09:00:00+08:00"));
        var catchUps = new AtomicInteger();
        // what a follower does when it reads a tick written before the request: the clock moves to 10 March
        Runnable catchUp = () -> {
            catchUps.incrementAndGet();
            clock.advanceTo(Instant.parse("2020-03-10T09:00:00+08:00").toEpochMilli());
        };
        var v = new ReportValidator(TargetDirectory.of(TestTargets.ALL), clock, TestTargets.ZONE,
                ReportValidator.Bounds.DEFAULT, catchUp);

        assertThat(check(v, "c-elevators", CONSTRUCTION, "2020-03-04").errors()).isEmpty();
        assertThat(catchUps).as("a report in the past needs no catch-up").hasValue(0);

        var batch = v.checkAll(List.of(
                new ReportRow(0, 2, report("c-elevators", "INCREMENT", "1", null, "2020-03-08")),
                new ReportRow(1, 3, report("c-elevators", "INCREMENT", "2", null, "2020-03-20")),
                new ReportRow(2, 4, report("c-wet-waste", "LEVEL", "400", null, "2020-03-21"))), CONSTRUCTION,
                DuplicateRule.SAME_CONTENT);

        assertThat(catchUps).as("one catch-up for the whole request").hasValue(1);
        assertThat(batch.errors()).extracting(FieldError::line, FieldError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, Violation.EVENT_TIME_IN_FUTURE),
                org.assertj.core.groups.Tuple.tuple(4, Violation.EVENT_TIME_IN_FUTURE));
        assertThat(batch.errors().get(0).reason()).contains("now is 2020-03-10 09:00");
        assertThat(check(v, "c-elevators", CONSTRUCTION, "2020-03-08").errors())
                .as("line 2 alone is accepted: the clock had moved past it").isEmpty();
    }

    @Test
    void shouldDateAReportWithoutEventTimeAtTheSimulatedClocksNowAfterCatchingUp() {
        var clock = new SimulatedClock(Instant.parse("2020-03-05T09:00:00+08:00"));
        var catchUps = new AtomicInteger();
        var v = new ReportValidator(TargetDirectory.of(TestTargets.ALL), clock, TestTargets.ZONE,
                ReportValidator.Bounds.DEFAULT, () -> {
                    catchUps.incrementAndGet();
                    clock.advanceTo(Instant.parse("2020-03-06T18:30:00+08:00").toEpochMilli());
                });

        var batch = v.checkAll(List.of(new ReportRow(0, 1, report("c-wet-waste", "LEVEL", "400", null, null)),
                new ReportRow(1, 2, report("c-elevators", "INCREMENT", "2", null, " "))), CONSTRUCTION,
                DuplicateRule.SAME_CONTENT);

        assertThat(batch.errors()).isEmpty();
        assertThat(batch.reports()).extracting(ValidReport::eventTime)
                .containsOnly(Instant.parse("2020-03-06T18:30:00+08:00"));
        assertThat(catchUps).hasValue(1);
    }

    @Test
    void shouldRefuseALeftOutEventTimeWhenTheSimulatedClockStandsBeforeTheTargetsYear() {
        var v = new ReportValidator(TargetDirectory.of(TestTargets.ALL),
                new SimulatedClock(Instant.parse("2019-12-31T12:00:00+08:00")), TestTargets.ZONE);

        var errors = check(v, "c-elevators", CONSTRUCTION, null).errors();

        assertThat(errors).extracting(FieldError::code).containsExactly(Violation.EVENT_TIME_BEFORE_YEAR);
        assertThat(errors.get(0).reasonZh()).contains("未填").contains("2019-12-31 12:00");
    }

    @ParameterizedTest
    @CsvSource({"31/06/2020", "2020-02-30", "yesterday", "2020-13-01"})
    void shouldRefuseAnUnreadableEventTime(String time) {
        assertThat(onlyViolation(report("c-elevators", "INCREMENT", "1", null, time), CONSTRUCTION))
                .isEqualTo(Violation.EVENT_TIME_UNREADABLE);
    }

    @Test
    void shouldTakeNowWhenTheEventTimeIsLeftOut() {
        assertThat(check(report("m-growth", "LEVEL", "5", null, null), COMMERCE).report().eventTime())
                .isEqualTo(TestTargets.CLOCK.instant());
    }

    @Test
    void shouldRequireCorrectsEventIdForACorrectionAndOnlyThere() {
        assertThat(onlyViolation(report("c-elevators", "CORRECTION", null, null, "2020-06-30"), CONSTRUCTION))
                .isEqualTo(Violation.CORRECTION_TARGET_REQUIRED);
        var misplaced = new ReportRequest(null, "c-elevators", "INCREMENT", "1", null, "2020-06-30", null, null, "abc", null);
        assertThat(onlyViolation(misplaced, CONSTRUCTION)).isEqualTo(Violation.CORRECTION_TARGET_NOT_ALLOWED);
        var withValue = new ReportRequest(null, "c-elevators", "CORRECTION", "3", null, "2020-06-30", null, null, "abc", null);
        assertThat(onlyViolation(withValue, CONSTRUCTION)).isEqualTo(Violation.VALUE_NOT_ALLOWED);
        var correction = new ReportRequest(null, "c-elevators", "更正", null, null, "2020-06-30", null, null, "abc", null);
        assertThat(check(correction, CONSTRUCTION).report().correctsEventId()).isEqualTo("abc");
    }

    @Test
    void shouldRefuseABadEventIdAndOverlongText() {
        var badId = new ReportRequest("has space", "c-elevators", "INCREMENT", "1", null, "2020-06-30", null, null, null, null);
        assertThat(onlyViolation(badId, CONSTRUCTION)).isEqualTo(Violation.EVENT_ID_INVALID);
        var longNote = new ReportRequest(null, "c-elevators", "INCREMENT", "1", null, "2020-06-30", null, "字".repeat(1001), null, null);
        assertThat(onlyViolation(longNote, CONSTRUCTION)).isEqualTo(Violation.TEXT_TOO_LONG);
    }

    @Test
    void shouldReportEveryErrorOfEveryRowOfABatchAndNoValidReport() {
        List<ReportRow> rows = List.of(
                new ReportRow(0, 2, report("c-elevators", "INCREMENT", "3", null, "2020-06-30")),
                new ReportRow(1, 3, report("c-elevators", "INCREMENT", "-3", "%", "2020-08-01")),
                new ReportRow(2, 4, report("nope", null, "1", null, "2020-06-30")));

        var check = validator.checkAll(rows, CONSTRUCTION, DuplicateRule.SAME_CONTENT);

        assertThat(check.valid()).isFalse();
        assertThat(check.reports()).isEmpty();
        assertThat(check.errors()).extracting(FieldError::line, FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(3, "unit", Violation.UNIT_MISMATCH),
                org.assertj.core.groups.Tuple.tuple(3, "value", Violation.NEGATIVE_INCREMENT),
                org.assertj.core.groups.Tuple.tuple(3, "eventTime", Violation.EVENT_TIME_IN_FUTURE),
                org.assertj.core.groups.Tuple.tuple(4, "targetId", Violation.UNKNOWN_TARGET));
    }

    @Test
    void shouldFlagTwoSpreadsheetRowsForTheSameTargetAndDate() {
        List<ReportRow> rows = List.of(
                new ReportRow(0, 2, report("c-elevators", "累计", "30", null, "2020-05-31")),
                new ReportRow(1, 3, report("c-elevators", "累计", "31", null, "2020/5/31")));

        var check = validator.checkAll(rows, CONSTRUCTION, DuplicateRule.ONE_ROW_PER_TARGET_AND_DATE);

        assertThat(check.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Violation.DUPLICATE_ROW);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.reason()).contains("line 2");
        });
    }

    @Test
    void shouldFlagAnIdenticalReportTwiceInAJsonBatchButNotDifferentOnes() {
        var same = report("c-elevators", "INCREMENT", "1", null, "2020-05-31");
        assertThat(validator.checkAll(List.of(new ReportRow(0, 1, same), new ReportRow(1, 2, same)), CONSTRUCTION,
                DuplicateRule.SAME_CONTENT).errors()).extracting(FieldError::code).containsExactly(Violation.DUPLICATE_ROW);
        var other = report("c-elevators", "INCREMENT", "2", null, "2020-05-31");
        assertThat(validator.checkAll(List.of(new ReportRow(0, 1, same), new ReportRow(1, 2, other)), CONSTRUCTION,
                DuplicateRule.SAME_CONTENT).reports()).hasSize(2);
    }

    @Test
    void shouldGiveTheSameFingerprintToTheSameReportOnly() {
        var a = check(report("c-elevators", "INCREMENT", "1", null, "2020-05-31"), CONSTRUCTION).report();
        var b = check(report("c-elevators", "增量", "1.0", "台", "2020/5/31"), CONSTRUCTION).report();
        var c = check(report("c-elevators", "INCREMENT", "2", null, "2020-05-31"), CONSTRUCTION).report();
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    }
}
