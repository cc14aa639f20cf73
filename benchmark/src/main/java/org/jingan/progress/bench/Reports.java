package org.jingan.progress.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;

/** Builds the progress reports a department (or a sensor) would send for a target, in the target's own unit and kind. */
final class Reports {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private Reports() {
    }

    /** What kind of report fits the target: increments for amounts, levels for levels and ceilings, done for milestones. */
    static UpdateKind kindFor(Target t) {
        return switch (t.getKind()) {
            case CUMULATIVE -> UpdateKind.INCREMENT;
            case LEVEL, CEILING -> UpdateKind.LEVEL;
            case MILESTONE -> UpdateKind.MILESTONE_REACHED;
        };
    }

    /** A report sent a minute after the progress it describes (a replayed year). */
    static ProgressEvent report(String eventId, Target t, UpdateKind kind, Double value, long eventTime, String channel) {
        return report(eventId, t, kind, value, eventTime, eventTime + 60_000, channel);
    }

    static ProgressEvent report(String eventId, Target t, UpdateKind kind, Double value, long eventTime, long reportedAt,
                                String channel) {
        return ProgressEvent.newBuilder()
                .setEventId(eventId)
                .setTargetId(t.getId())
                .setDepartmentId(t.getDepartmentId())
                .setReporter(channel.equals("SENSOR") ? "weighbridge" : "benchmark")
                .setKind(kind)
                .setValue(kind == UpdateKind.MILESTONE_REACHED || kind == UpdateKind.CORRECTION ? null : value)
                .setUnit(t.getUnit())
                .setEventTime(java.time.Instant.ofEpochMilli(eventTime))
                .setReportedAt(java.time.Instant.ofEpochMilli(reportedAt))
                .setCorrectsEventId(null)
                .setNote(null)
                .setChannel(channel)
                .build();
    }

    static ProgressEvent correction(String eventId, ProgressEvent retracted, long eventTime) {
        return ProgressEvent.newBuilder(retracted)
                .setEventId(eventId)
                .setKind(UpdateKind.CORRECTION)
                .setValue(null)
                .setCorrectsEventId(retracted.getEventId())
                .setEventTime(java.time.Instant.ofEpochMilli(eventTime))
                .setReportedAt(java.time.Instant.ofEpochMilli(eventTime + 60_000))
                .build();
    }

    /** A plausible amount for one report when {@code reportsPerYear} reports make the year's target. */
    static double amount(Target t, double reportsPerYear, double noise) {
        double target = t.getTargetValue() == null ? 1000 : t.getTargetValue();
        return switch (t.getKind()) {
            case CUMULATIVE -> target / reportsPerYear * noise;
            case LEVEL -> target * (0.9 + 0.2 * (noise / 2));
            case CEILING -> target * 0.8 * noise / 2;
            case MILESTONE -> 1;
        };
    }

    static long startOfYear(int year) {
        return ZonedDateTime.of(LocalDate.of(year, 1, 1).atStartOfDay(), SHANGHAI).toInstant().toEpochMilli();
    }

    static long endOfYear(int year) {
        return startOfYear(year + 1) - 1;
    }
}
