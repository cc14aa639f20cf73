package org.jingan.progress.intake.service;

import java.util.List;
import java.util.Objects;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.intake.validation.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one structured log line (slf4j key-value pairs) for every accepted or refused report, saying
 * who, what and why. Credentials never appear: only the department they resolved to.
 */
public final class IntakeAudit {
    /** Its own logger name, so operators can route the audit trail apart from diagnostics. */
    public static final String LOGGER = "org.jingan.progress.intake.audit";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private IntakeAudit() {
    }

    static void accepted(Submission s, ProgressEvent e, AcceptedEvent where, boolean replayed) {
        who(log.atInfo().addKeyValue("outcome", replayed ? "replayed" : "accepted"), s, e.getReporter())
                .addKeyValue("eventId", e.getEventId())
                .addKeyValue("targetId", e.getTargetId())
                .addKeyValue("kind", e.getKind())
                .addKeyValue("value", e.getValue())
                .addKeyValue("unit", e.getUnit())
                .addKeyValue("eventTime", e.getEventTime())
                .addKeyValue("partition", where.partition())
                .addKeyValue("offset", where.offset())
                .log(replayed ? "report already stored, answered again" : "report accepted");
    }

    static void refused(Submission s, List<FieldError> errors) {
        errors.stream().collect(java.util.stream.Collectors.groupingBy(e -> Objects.requireNonNullElse(e.index(), 0),
                java.util.TreeMap::new, java.util.stream.Collectors.toList())).forEach((index, rowErrors) -> {
            var row = s.rows().size() > index ? s.rows().get(index) : null;
            who(log.atWarn().addKeyValue("outcome", "refused"), s, row == null ? null : row.request().reporter())
                    .addKeyValue("line", rowErrors.get(0).line())
                    .addKeyValue("targetId", row == null ? null : row.request().targetId())
                    .addKeyValue("eventId", row == null ? null : row.request().eventId())
                    .addKeyValue("rules", rowErrors.stream().map(e -> e.code().name()).distinct().toList())
                    .addKeyValue("why", rowErrors.stream().map(e -> e.field() + ": " + e.reason()).toList())
                    .log("report refused");
        });
    }

    static void unavailable(Submission s, ProgressEvent e, String reason) {
        who(log.atWarn().addKeyValue("outcome", "unavailable"), s, e.getReporter())
                .addKeyValue("eventId", e.getEventId())
                .addKeyValue("targetId", e.getTargetId())
                .addKeyValue("why", reason)
                .log("report not stored, sender told to retry");
    }

    /** Who sent a report: the same four keys on every audit line about one. */
    private static org.slf4j.spi.LoggingEventBuilder who(org.slf4j.spi.LoggingEventBuilder line, Submission s, String reporter) {
        return line.addKeyValue("department", s.departmentId())
                .addKeyValue("reporter", reporter)
                .addKeyValue("channel", s.channel())
                .addKeyValue("client", s.client());
    }

    /** A request refused as a whole (no or unknown credential, unreadable body…). */
    public static void requestRefused(String department, String channel, String client, int status, String type, String why) {
        log.atWarn()
                .addKeyValue("outcome", "refused")
                .addKeyValue("department", department)
                .addKeyValue("channel", channel)
                .addKeyValue("client", client)
                .addKeyValue("status", status)
                .addKeyValue("problem", type)
                .addKeyValue("why", why)
                .log("request refused");
    }
}
