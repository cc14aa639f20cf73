package org.jingan.progress.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.avro.SeenEvent;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.avro.TotalReport;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final RuleConfig CONFIG = RuleConfig.defaults();
    private static final Target TARGET = Target.newBuilder().setId("t").setYear(2020).setNameZh("t").setNameEn("t")
            .setSectionId("S1").setSectionZh("s").setSectionEn("s").setDepartmentId("d").setDepartmentZh("d")
            .setDepartmentEn("d").setKind(TargetKind.CUMULATIVE).setUnit("台").setTargetValue(100.0)
            .setComparator(Comparator.AT_LEAST).setDeadline(LocalDate.of(2020, 12, 31)).setPacePlan(List.of())
            .setSourcePhrase("t").build();
    private static final Terms TERMS = Terms.of(TARGET, CONFIG);

    private static ProgressEvent event(String id, UpdateKind kind, Double value, String time) {
        Instant t = Instant.parse(time);
        return ProgressEvent.newBuilder().setEventId(id).setTargetId("t").setDepartmentId("d").setReporter("r")
                .setKind(kind).setValue(value).setUnit("台").setEventTime(t).setReportedAt(t).build();
    }

    private static TargetState state() {
        return TargetState.newBuilder().setTargetId("t").build();
    }

    @Test
    void shouldKeepTheLatestTotalsByEventTimeBounded() {
        List<TotalReport> totals = new java.util.ArrayList<>();
        assertThat(Ledger.insertTotal(totals, new TotalReport("b", 20L, 2.0), 2)).isTrue();
        assertThat(Ledger.insertTotal(totals, new TotalReport("a", 10L, 1.0), 2)).isFalse();
        assertThat(Ledger.insertTotal(totals, new TotalReport("c", 30L, 3.0), 2)).isTrue();
        assertThat(totals).extracting(TotalReport::getEventId).containsExactly("b", "c");
        assertThat(Ledger.insertTotal(totals, new TotalReport("old", 5L, 0.0), 2)).as("older than all kept").isFalse();
        assertThat(totals).extracting(TotalReport::getEventId).containsExactly("b", "c");
    }

    @Test
    void shouldAddRetractAndFallBack() {
        TargetState s = state();
        long now = Instant.parse("2020-03-01T00:00:00Z").toEpochMilli();
        Ledger.apply(s, TERMS, event("t1", UpdateKind.CUMULATIVE_TO_DATE, 10.0, "2020-01-31T00:00:00Z"), null, now, 16, CONFIG);
        Ledger.apply(s, TERMS, event("t2", UpdateKind.CUMULATIVE_TO_DATE, 25.0, "2020-02-29T00:00:00Z"), null, now, 16, CONFIG);
        assertThat(Ledger.actual(s)).isEqualTo(25);

        SeenEvent t2 = new SeenEvent("t", "CUMULATIVE_TO_DATE", 25.0, Instant.parse("2020-02-29T00:00:00Z").toEpochMilli(),
                null, 2020, now, false);
        ProgressEvent fix = event("fix", UpdateKind.CORRECTION, null, "2020-03-01T00:00:00Z");
        fix.setCorrectsEventId("t2");
        Ledger.apply(s, TERMS, fix, t2, now, 16, CONFIG);

        assertThat(Ledger.actual(s)).isEqualTo(10);
        assertThat(s.getEventCount()).isEqualTo(3);
        assertThat(s.getLastEventTime()).isEqualTo(Instant.parse("2020-02-29T00:00:00Z").toEpochMilli());
    }

    @Test
    void shouldExplainWhyAReportCannotCount() {
        TargetState s = state();
        EventTimeRange yearStart = EventTimeRange.of(TERMS.plan(), Instant.parse("2020-06-01T00:00:00Z").toEpochMilli(),
                3_600_000, 31 * 86_400_000L, java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(Ledger.check(TARGET, s, "t", event("e", UpdateKind.INCREMENT, 1.0, "2020-02-01T00:00:00Z"), null,
                yearStart, 0)).isNull();
        assertThat(Ledger.check(TARGET, s, "t", event("e", UpdateKind.LEVEL, 1.0, "2020-02-01T00:00:00Z"), null,
                yearStart, 0).reason()).isEqualTo(RejectionReason.KIND_MISMATCH);
        Rejection negative = Ledger.check(TARGET, s, "t", event("e", UpdateKind.INCREMENT, -1.0, "2020-02-01T00:00:00Z"),
                null, yearStart, 0);
        assertThat(negative.reason()).isEqualTo(RejectionReason.IMPOSSIBLE_VALUE);
        assertThat(negative.message()).contains("CORRECTION");
        s.setMode(Ledger.INCREMENTS);
        assertThat(Ledger.check(TARGET, s, "t", event("e", UpdateKind.CUMULATIVE_TO_DATE, 1.0, "2020-02-01T00:00:00Z"),
                null, yearStart, 0).reason()).isEqualTo(RejectionReason.MODE_CONFLICT);
    }

    @Test
    void shouldRefuseAnEventTimeOutsideTheTargetsRangeAndNameTheRange() {
        TargetState s = state();
        EventTimeRange range = EventTimeRange.of(TERMS.plan(), Instant.parse("2020-06-01T00:00:00Z").toEpochMilli(),
                3_600_000, 31 * 86_400_000L, java.time.ZoneId.of("Asia/Shanghai"));
        Rejection early = Ledger.check(TARGET, s, "t", event("e", UpdateKind.INCREMENT, 1.0, "2019-12-31T12:00:00Z"),
                null, range, Long.MAX_VALUE / 4);
        Rejection future = Ledger.check(TARGET, s, "t", event("e", UpdateKind.INCREMENT, 1.0, "2020-06-01T02:00:00Z"),
                null, range, Long.MAX_VALUE / 4);
        assertThat(early.reason()).isEqualTo(RejectionReason.EVENT_TIME_OUT_OF_RANGE);
        assertThat(early.message()).contains("before the target's year", "2020-01-01 00:00", "2020-06-01 09:00");
        assertThat(future.reason()).isEqualTo(RejectionReason.EVENT_TIME_OUT_OF_RANGE);
        assertThat(future.message()).contains("after the district clock's now");
        assertThat(Ledger.check(TARGET, s, "t", event("e", UpdateKind.INCREMENT, 1.0, "2020-06-01T00:59:00Z"),
                null, range, Long.MAX_VALUE / 4)).isNull();

        EventTimeRange afterDeadline = EventTimeRange.of(TERMS.plan(), Instant.parse("2021-06-01T00:00:00Z").toEpochMilli(),
                3_600_000, 31 * 86_400_000L, java.time.ZoneId.of("Asia/Shanghai"));
        Rejection late = Ledger.check(TARGET, s, "t", event("e", UpdateKind.INCREMENT, 1.0, "2021-02-15T00:00:00Z"),
                null, afterDeadline, Long.MAX_VALUE / 4);
        assertThat(late.reason()).isEqualTo(RejectionReason.EVENT_TIME_OUT_OF_RANGE);
        assertThat(late.message()).contains("after the deadline plus the reporting grace", "2021-02-01 00:00");
    }
}
