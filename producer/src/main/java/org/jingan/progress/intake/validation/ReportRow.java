package org.jingan.progress.intake.validation;

/**
 * A report with its place in the request: {@code line} is the spreadsheet row (the header is row 1) or the line of
 * the JSON body where the report starts; {@code index} is its 0-based position among the reports of the request.
 */
public record ReportRow(int index, int line, ReportRequest request) {
}
