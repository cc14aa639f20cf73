package org.jingan.progress.intake.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;

/**
 * A report that passed every rule, with typed fields. It becomes a {@link ProgressEvent} once it has an event id.
 *
 * @param eventId the sender's event id, or null when the intake is to choose one
 */
public record ValidReport(ReportRow row, String eventId, Target target, UpdateKind kind, Double value, String unit,
                          Instant eventTime, String reporter, String note, String correctsEventId) {

    /**
     * A digest of what the report says (not where it sits in the request, nor its id): two sends of the same report
     * have the same fingerprint, which tells a retry from a different report reusing an id.
     */
    public String fingerprint() {
        String content = String.join("\u001f", target.getId(), kind.name(), Objects.toString(value), unit,
                String.valueOf(eventTime.toEpochMilli()), Objects.toString(correctsEventId), Objects.toString(reporter),
                Objects.toString(note));
        return sha256(content);
    }

    public ProgressEvent toEvent(String assignedEventId, String departmentId, Instant reportedAt, String channel) {
        return ProgressEvent.newBuilder()
                .setEventId(assignedEventId)
                .setTargetId(target.getId())
                .setDepartmentId(departmentId)
                .setReporter(reporter)
                .setKind(kind)
                .setValue(value)
                .setUnit(unit)
                .setEventTime(eventTime)
                .setReportedAt(reportedAt)
                .setCorrectsEventId(correctsEventId)
                .setNote(note)
                .setChannel(channel)
                .build();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
