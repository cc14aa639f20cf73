package org.jingan.progress.intake.http;

/**
 * One cell of a CSV file the intake hands out, safe to open in a spreadsheet program: text that Excel or LibreOffice
 * would run as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading single quote, as
 * OWASP advises for CSV injection, and a cell with a comma, quote or line break is quoted (RFC 4180).
 */
final class CsvCells {
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {
    }

    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
