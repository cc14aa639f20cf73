package org.jingan.progress.intake.validation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One progress report as a department sends it (JSON body or spreadsheet row), before validation.
 *
 * <p>Every field is text on purpose: a number sent as {@code "12,5"} or a date as {@code "2020/3/31"} reaches the
 * validator, which names the field and says how to write it, instead of failing inside the JSON parser.
 *
 * @param eventId         optional id chosen by the sender; a retry with the same id counts once
 * @param targetId        the catalog id of the target
 * @param kind            INCREMENT, CUMULATIVE_TO_DATE, LEVEL, MILESTONE_REACHED or CORRECTION (or a Chinese label);
 *                        optional, the target's kind gives the default
 * @param value           the amount, total or level in the target's unit
 * @param unit            optional; must be the target's unit when given
 * @param eventTime       when the progress happened: an ISO date or date-time; a date means 00:00 that day
 * @param reporter        who reports (person or system account)
 * @param note            free-text remark
 * @param correctsEventId for CORRECTION: the eventId of the earlier report it retracts
 * @param departmentId    optional; when given it must be the caller's department
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportRequest(String eventId, String targetId, String kind, String value, String unit, String eventTime,
                            String reporter, String note, String correctsEventId, String departmentId) {

    /** The JSON field names, for "did you mean" answers to unknown fields. */
    public static final java.util.List<String> FIELDS = java.util.List.of("eventId", "targetId", "kind", "value", "unit",
            "eventTime", "reporter", "note", "correctsEventId", "departmentId");
}
