package org.jingan.progress.intake.http;

import io.javalin.http.Context;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jingan.progress.intake.validation.SpreadsheetText;
import org.jingan.progress.kit.http.ProblemException;

/**
 * Which bodies an endpoint reads, by the Content-Type the request declares. Strict on purpose: a body is read as
 * what it says it is, so {@code text/plain} JSON (what a cross-site form can send without a preflight) is refused
 * rather than parsed. Parameters are allowed, but a charset other than UTF-8 is refused (JSON is UTF-8 only); a CSV
 * body may also say it is GBK, GB2312 or GB18030, what Excel's "CSV (逗号分隔)" writes in Chinese Windows.
 */
final class RequestContentType {
    static final List<String> JSON = List.of("application/json");
    /** What Excel, browsers and scripts label a CSV file with, and a multipart form carrying one. */
    static final List<String> SPREADSHEET = List.of("text/csv", "multipart/form-data", "application/csv",
            "application/vnd.ms-excel", "application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** US-ASCII is a subset of UTF-8. */
    private static final Set<String> UTF8_CHARSETS = Set.of("utf-8", "utf8", "us-ascii");
    private static final Set<String> CHINESE_CHARSETS = Set.of("gbk", "gb2312", "gb18030");

    /** How an upload's spreadsheet comes. */
    enum Upload { CSV_BODY, MULTIPART_FORM }

    /** An upload's way in, and the CSV encoding the sender named (null: detect it). */
    record SpreadsheetUpload(Upload upload, Charset statedCharset) {
    }

    private RequestContentType() {
    }

    /** Passes a JSON body ({@code application/json}, UTF-8); any other is a 415 problem. */
    static void requireJson(Context ctx) {
        require(ctx, JSON, false);
    }

    /** Passes a CSV body or a multipart form, and says which; any other is a 415 problem. */
    static SpreadsheetUpload requireSpreadsheet(Context ctx) {
        String type = require(ctx, SPREADSHEET, true);
        Charset stated = SpreadsheetText.named(charsetOf(ctx.header("Content-Type")));
        return new SpreadsheetUpload(type.equals("multipart/form-data") ? Upload.MULTIPART_FORM : Upload.CSV_BODY, stated);
    }

    private static String charsetOf(String header) {
        for (String parameter : header.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                return parameter.substring(eq + 1).strip().replace("\"", "");
            }
        }
        return null;
    }

    /** The declared media type (lower case, without parameters) when it is one of {@code accepted}. */
    private static String require(Context ctx, List<String> accepted, boolean chineseCharsets) {
        String header = ctx.header("Content-Type");
        if (header == null || header.isBlank()) {
            throw new ProblemException(Problems.unsupportedMediaType(header, accepted));
        }
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!accepted.contains(type)) {
            throw new ProblemException(Problems.unsupportedMediaType(header, accepted));
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(eq + 1).strip().replace("\"", "");
                if (!UTF8_CHARSETS.contains(charset.toLowerCase(Locale.ROOT))
                        && !(chineseCharsets && CHINESE_CHARSETS.contains(charset.toLowerCase(Locale.ROOT)))) {
                    throw new ProblemException(Problems.unsupportedCharset(charset, accepted));
                }
            }
        }
        return type;
    }
}
