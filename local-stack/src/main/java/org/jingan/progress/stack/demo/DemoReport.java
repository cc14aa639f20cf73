package org.jingan.progress.stack.demo;

import java.time.Instant;

import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;

/**
 * A progress report as a department would send it.
 *
 * @param eventId         deterministic from the seed and the index, so a resend counts once
 * @param value           amount, total or level in the target's unit; null for MILESTONE_REACHED and CORRECTION
 * @param reportedAt      when the department would have sent it (a few days after {@code eventTime})
 * @param correctsEventId for CORRECTION: the report it retracts
 */
public record DemoReport(int index, String eventId, String targetId, String departmentId, String reporter,
                         UpdateKind kind, Double value, String unit, Instant eventTime, Instant reportedAt,
                         String correctsEventId, String note) implements DemoStep {

    public static final String CHANNEL = "DEMO";

    /** The report as the Avro event the intake would write (for sinks that bypass the intake). */
    public ProgressEvent toProgressEvent() {
        return ProgressEvent.newBuilder()
                .setEventId(eventId)
                .setTargetId(targetId)
                .setDepartmentId(departmentId)
                .setReporter(reporter)
                .setKind(kind)
                .setValue(value)
                .setUnit(unit)
                .setEventTime(eventTime)
                .setReportedAt(reportedAt)
                .setCorrectsEventId(correctsEventId)
                .setNote(note)
                .setChannel(CHANNEL)
                .build();
    }
}
