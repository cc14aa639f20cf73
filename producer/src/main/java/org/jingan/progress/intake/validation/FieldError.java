package org.jingan.progress.intake.validation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What is wrong with one field of one report, in English and Chinese.
 *
 * @param index    0-based position of the report in the request (null for a single report)
 * @param line     spreadsheet row or JSON line of the report (null when unknown)
 * @param field    the field (JSON name) that is wrong
 * @param value    the value that was sent, when there is one
 * @param code     the rule that was broken
 * @param reason   what is wrong and how to fix it, in English
 * @param reasonZh the same in Chinese
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Integer index, Integer line, String field, String value, Violation code, String reason,
                         String reasonZh) {

    public static FieldError of(ReportRow row, String field, String value, Violation code, String reason, String reasonZh) {
        return new FieldError(row == null ? null : row.index(), row == null ? null : row.line(), field, value, code,
                reason, reasonZh);
    }
}
