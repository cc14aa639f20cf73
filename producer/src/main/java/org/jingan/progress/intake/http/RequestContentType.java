package org.jingan.progress.intake.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jingan.progress.kit.http.ProblemException;

/**
 * Which bodies an endpoint reads, by the Content-Type the request declares. Strict on purpose: a body is read as
 * what it says it is, so {@code text/plain} JSON (what a cross-site form can send without a preflight) is refused
 * rather than parsed. Parameters are allowed, but a charset other than UTF-8 is refused: the intake reads UTF-8 only.
 */
final class RequestContentType {
    static final List<String> JSON = List.of("application/json");
    /** What Excel, browsers and scripts label a CSV file with, and a multipart form carrying one. */
    static final List<String> SPREADSHEET = List.of("text/csv", "multipart/form-data", "application/csv",
            "application/vnd.ms-excel", "application/octet-stream");
    /** US-ASCII is a subset of UTF-8. */
    private static final Set<String> UTF8_CHARSETS = Set.of("utf-8", "utf8", "us-ascii");

    /** How an upload's spreadsheet comes. */
    enum Upload { CSV_BODY, MULTIPART_FORM }

    private RequestContentType() {
    }

    /** Passes a JSON body ({@code application/json}, UTF-8); any other is a 415 problem. */
    static void requireJson(Context ctx) {
        require(ctx, JSON);
    }

    /** Passes a CSV body or a multipart form, and says which; any other is a 415 problem. */
    static Upload requireSpreadsheet(Context ctx) {
        String type = require(ctx, SPREADSHEET);
        return type.equals("multipart/form-data") ? Upload.MULTIPART_FORM : Upload.CSV_BODY;
    }

    /** The declared media type (lower case, without parameters) when it is one of {@code accepted}. */
    private static String require(Context ctx, List<String> accepted) {
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
                if (!UTF8_CHARSETS.contains(charset.toLowerCase(Locale.ROOT))) {
                    throw new ProblemException(Problems.unsupportedCharset(charset, accepted));
                }
            }
        }
        return type;
    }
}
