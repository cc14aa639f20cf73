package org.jingan.progress.intake.validation;

import java.util.Optional;

/**
 * A spreadsheet's text cell that Excel or LibreOffice would run as a formula when the file is opened again (OWASP
 * "CSV injection"): text starting with {@code =}, {@code +}, {@code -} or {@code @} (a tab or a carriage return
 * first is already a control character). Refused on upload, in the free-text columns that are stored as written
 * (reporter, note); the other columns must be a number, a date, an id or a label anyway, and a negative number in
 * the value column is a number. A cell that is a plain number ("-3.5") is not a formula either.
 */
final class SpreadsheetFormulas {
    private static final String FORMULA_STARTS = "=+-@";

    private SpreadsheetFormulas() {
    }

    static Optional<FieldError> check(ReportRow row, String field, String nameZh, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip();
        char first = s.charAt(0);
        if (FORMULA_STARTS.indexOf(first) < 0 || ReportValidator.parseNumber(s).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(FieldError.of(row, field, Printable.quote(s, 80), Violation.SPREADSHEET_FORMULA,
                ("%s starts with '%c', which a spreadsheet program runs as a formula when the file is opened; start the"
                        + " text with a letter, a digit or a Chinese character").formatted(field, first),
                "%s以“%c”开头，电子表格软件打开文件时会将其当作公式执行；请以文字或数字开头".formatted(nameZh, first)));
    }
}
