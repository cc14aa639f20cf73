package org.jingan.progress.intake.service;

import org.jingan.progress.intake.validation.FieldError;
import org.jingan.progress.intake.validation.ValidReport;
import org.jingan.progress.intake.validation.Violation;

/** The field errors about event ids that only the memory of stored events can tell, in English and Chinese. */
final class EventIdErrors {
    private EventIdErrors() {
    }

    /** The id (the sender's, or derived from its Idempotency-Key) is taken by a different report. */
    static FieldError conflict(ValidReport report, String eventId) {
        return FieldError.of(report.row(), report.eventId() != null ? "eventId" : "Idempotency-Key", eventId,
                Violation.EVENT_ID_CONFLICT,
                "event id '%s' was already used for a different report; a retry must send the same report, a new report needs a new id"
                        .formatted(eventId),
                "事件编号“%s”已用于另一条不同的填报；重试须发送相同内容，新填报须使用新的编号".formatted(eventId));
    }

    /** The CORRECTION names an event the streams app would not let it retract. */
    static FieldError correction(ValidReport report, KnownEvents.CorrectionProblem problem) {
        String named = report.correctsEventId();
        String target = report.target().getId();
        return switch (problem) {
            case UNKNOWN -> error(report,
                    "no report with event id '%s' is stored (or it is older than the dedup horizon): a CORRECTION names the eventId of a stored report on target '%s'"
                            .formatted(named, target),
                    "未找到事件编号为“%s”的已写入填报（或已超出去重保留期）；更正须注明目标“%s”下一条已写入填报的事件编号".formatted(named, target));
            case OTHER_TARGET -> error(report,
                    "event '%s' is a report on another target, not on '%s': a CORRECTION retracts a report on its own target"
                            .formatted(named, target),
                    "事件“%s”属于其他目标，不属于目标“%s”；更正只能撤销同一目标下的填报".formatted(named, target));
            case A_CORRECTION -> error(report,
                    "event '%s' is itself a CORRECTION: to restore the report it retracted, send that report again under a new eventId"
                            .formatted(named),
                    "事件“%s”本身是一条更正；如需恢复被其撤销的填报，请以新的事件编号重新填报".formatted(named));
            case ALREADY_RETRACTED -> error(report,
                    "event '%s' is already retracted by another CORRECTION: a report is retracted once".formatted(named),
                    "事件“%s”已被另一条更正撤销；每条填报只能撤销一次".formatted(named));
        };
    }

    private static FieldError error(ValidReport report, String reason, String reasonZh) {
        return FieldError.of(report.row(), "correctsEventId", report.correctsEventId(), Violation.UNKNOWN_CORRECTED_EVENT,
                reason, reasonZh);
    }
}
