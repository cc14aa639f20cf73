package org.jingan.progress.intake.service;

import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.intake.validation.FieldError;
import org.jingan.progress.intake.validation.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit trail: one structured log line (slf4j key-value pairs) for every report and every request refused
 * whole, saying who, what and why. Every line starts with the same four keys, {@code outcome} (accepted,
 * duplicate, refused, unavailable), {@code department}, {@code eventId} and {@code reason}, then the details.
 * Credentials never appear, only the department they resolved to; what a client sent is escaped
 * ({@link Printable}), so it cannot forge or split a line.
 */
public final class IntakeAudit {
    /** Its own logger name, so operators can route the audit trail apart from diagnostics. */
    public static final String LOGGER = "org.jingan.progress.intake.audit";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private IntakeAudit() {
    }

    /** @param duplicate the event id was stored before: this is a retry, answered again */
    static void accepted(Submission s, ProgressEvent e, AcceptedEvent where, boolean duplicate) {
        String reason = duplicate
                ? "event id already stored at partition %d offset %d: answered again, not written twice"
                        .formatted(where.partition(), where.offset())
                : "stored at partition %d offset %d".formatted(where.partition(), where.offset());
        details(start(log.atInfo(), duplicate ? "duplicate" : "accepted", s.departmentId(), e.getEventId(), reason), s,
                e.getReporter())
                .addKeyValue("targetId", e.getTargetId())
                .addKeyValue("kind", e.getKind())
                .addKeyValue("value", e.getValue())
                .addKeyValue("unit", e.getUnit())
                .addKeyValue("eventTime", e.getEventTime())
                .log(duplicate ? "report already stored, answered again" : "report accepted");
    }

    static void refused(Submission s, List<FieldError> errors) {
        errors.stream().collect(Collectors.groupingBy(e -> Objects.requireNonNullElse(e.index(), 0), TreeMap::new,
                Collectors.toList())).forEach((index, rowErrors) -> {
            var row = s.rows().size() > index ? s.rows().get(index) : null;
            String reason = rowErrors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
            details(start(log.atWarn(), "refused", s.departmentId(), row == null ? null : row.request().eventId(), reason), s,
                    row == null ? null : row.request().reporter())
                    .addKeyValue("line", rowErrors.get(0).line())
                    .addKeyValue("targetId", row == null ? null : Printable.quote(row.request().targetId(), 140))
                    .addKeyValue("rules", rowErrors.stream().map(e -> e.code().name()).distinct().toList())
                    .log("report refused");
        });
    }

    static void unavailable(Submission s, ProgressEvent e, String reason) {
        details(start(log.atWarn(), "unavailable", s.departmentId(), e.getEventId(), reason), s, e.getReporter())
                .addKeyValue("targetId", e.getTargetId())
                .log("report not stored, sender told to retry");
    }

    /** A request refused as a whole (no or unknown credential, unreadable body, rate limit…): no event id. */
    public static void requestRefused(String department, String channel, String client, int status, String type, String why) {
        start(log.atWarn(), "refused", department, null, why)
                .addKeyValue("channel", channel)
                .addKeyValue("client", client)
                .addKeyValue("status", status)
                .addKeyValue("problem", type)
                .log("request refused");
    }

    /** A department's answer to a supervision case, stored. */
    public static void caseAnswered(String department, String channel, String client, String caseId, String eventId) {
        start(log.atInfo(), "case-answered", department, eventId, null)
                .addKeyValue("channel", channel)
                .addKeyValue("client", client)
                .addKeyValue("caseId", caseId)
                .log("supervision case answered");
    }

    /** The four keys every audit line starts with. */
    private static LoggingEventBuilder start(LoggingEventBuilder line, String outcome, String department, String eventId,
                                             String reason) {
        return line.addKeyValue("outcome", outcome)
                .addKeyValue("department", department)
                .addKeyValue("eventId", Printable.quote(eventId, 140))
                .addKeyValue("reason", Printable.escape(reason));
    }

    /** Who sent a report and how. */
    private static LoggingEventBuilder details(LoggingEventBuilder line, Submission s, String reporter) {
        return line.addKeyValue("reporter", Printable.quote(reporter, 110))
                .addKeyValue("channel", s.channel())
                .addKeyValue("client", s.client());
    }
}
