package org.jingan.progress.streams.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.rules.RuleConfig;

/** Targets and reports for tests: a 2020 target of the housing department unless told otherwise. */
public final class Reports {
    public static final int YEAR = 2020;

    private Reports() {
    }

    /** Noon of {@code date} in Shanghai. */
    public static Instant at(String date) {
        return LocalDate.parse(date).atTime(LocalTime.NOON).atZone(RuleConfig.DEFAULT_ZONE).toInstant();
    }

    public static Target.Builder target(String id) {
        return Target.newBuilder()
                .setId(id).setYear(YEAR)
                .setNameZh("测试目标" + id).setNameEn("Test target " + id)
                .setSectionId("S4").setSectionZh("民生").setSectionEn("Well-being")
                .setDepartmentId("housing").setDepartmentZh("区房管局").setDepartmentEn("Housing Bureau")
                .setKind(TargetKind.CUMULATIVE).setUnit("户").setTargetValue(366.0)
                .setComparator(Comparator.AT_LEAST).setDeadline(LocalDate.of(YEAR, 12, 31))
                .setPacePlan(List.of()).setSourcePhrase("测试").setRevision(1);
    }

    public static Target.Builder milestone(String id) {
        return target(id).setKind(TargetKind.MILESTONE).setUnit("项").setTargetValue(1.0).setComparator(Comparator.DONE);
    }

    public static Target.Builder ceiling(String id, double value) {
        return target(id).setKind(TargetKind.CEILING).setUnit("人").setTargetValue(value).setComparator(Comparator.AT_MOST);
    }

    public static Target.Builder level(String id, double value) {
        return target(id).setKind(TargetKind.LEVEL).setUnit("%").setTargetValue(value);
    }

    public static PacePoint point(String date, double ratio) {
        return new PacePoint(LocalDate.parse(date), ratio);
    }

    public static ProgressEvent.Builder event(String targetId, String eventId, UpdateKind kind, Double value, String date) {
        Instant t = at(date);
        return ProgressEvent.newBuilder()
                .setEventId(eventId).setTargetId(targetId).setDepartmentId("housing").setReporter("tester")
                .setKind(kind).setValue(value).setUnit("户").setEventTime(t).setReportedAt(t.plusSeconds(600))
                .setChannel("CLI");
    }

    public static ProgressEvent increment(String targetId, String eventId, double value, String date) {
        return event(targetId, eventId, UpdateKind.INCREMENT, value, date).build();
    }

    public static ProgressEvent total(String targetId, String eventId, double value, String date) {
        return event(targetId, eventId, UpdateKind.CUMULATIVE_TO_DATE, value, date).build();
    }

    public static ProgressEvent correction(String targetId, String eventId, String corrects, String date) {
        return event(targetId, eventId, UpdateKind.CORRECTION, null, date).setCorrectsEventId(corrects).build();
    }
}
