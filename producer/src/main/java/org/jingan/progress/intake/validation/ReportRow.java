package org.jingan.progress.intake.validation;

/**
 * A report with its place in the request: {@code line} is the spreadsheet row (the header is row 1) or the line of
 * the JSON body where the report starts; {@code index} is its 0-based position among the reports of the request;
 * {@code source} says which, since a spreadsheet's cells have rules of their own (no formulas).
 */
public record ReportRow(int index, int line, ReportRequest request, Source source) {

    /** Where a report was read from. */
    public enum Source { JSON, SPREADSHEET }

    /** A report read from JSON (or built in code). */
    public ReportRow(int index, int line, ReportRequest request) {
        this(index, line, request, Source.JSON);
    }
}
