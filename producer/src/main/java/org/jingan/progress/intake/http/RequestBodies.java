package org.jingan.progress.intake.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.TreeSet;
import org.jingan.progress.intake.service.IntakeMetrics;
import org.jingan.progress.intake.validation.Printable;
import org.jingan.progress.intake.validation.UnreadableInputException;
import org.jingan.progress.kit.http.ProblemException;

/**
 * Reads a request's body within the size limit: a JSON body, or an upload's spreadsheet (a CSV body, or the form
 * field {@code file} of a multipart form). Past the limit the rest is read and thrown away (up to 32 MiB), so the
 * client gets its 413 instead of a reset connection.
 */
final class RequestBodies {
    static final String FILE_FIELD = "file";
    private static final long DRAIN_LIMIT = 32L * 1024 * 1024;
    /** Room for a multipart form's headers and boundaries around the file. */
    static final long FORM_OVERHEAD = 64 * 1024;

    private final long maxBodyBytes;
    private final IntakeMetrics metrics;

    RequestBodies(long maxBodyBytes, IntakeMetrics metrics) {
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    /** A JSON body. */
    byte[] json(Context ctx) {
        RequestContentType.requireJson(ctx);
        return body(ctx);
    }

    /** An upload's spreadsheet (CSV or .xlsx): the body, or the multipart form's field {@code file}. */
    Spreadsheet spreadsheet(Context ctx) {
        var upload = RequestContentType.requireSpreadsheet(ctx);
        return switch (upload.upload()) {
            case CSV_BODY -> new Spreadsheet(body(ctx), upload.statedCharset());
            case MULTIPART_FORM -> new Spreadsheet(formFile(ctx), formCharset(ctx, upload.statedCharset()));
        };
    }

    /** A spreadsheet's bytes and the CSV encoding its sender named (null: detected). */
    record Spreadsheet(byte[] bytes, java.nio.charset.Charset statedCharset) {
    }

    /** A form's own field {@code charset} (the department page's choice: auto, UTF-8 or GBK) wins. */
    private static java.nio.charset.Charset formCharset(Context ctx, java.nio.charset.Charset header) {
        String field = ctx.formParam("charset");
        if (field == null || field.isBlank() || field.equalsIgnoreCase("auto")) {
            return header;
        }
        try {
            return org.jingan.progress.intake.validation.SpreadsheetText.named(field);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException(UnreadableInputException.Kind.INVALID_HEADER, null, null, "charset",
                    "the field charset must be auto, UTF-8 or GBK", "字段 charset 须为 auto、UTF-8 或 GBK");
        }
    }

    private byte[] formFile(Context ctx) {
        if (ctx.req().getContentLengthLong() > maxBodyBytes + FORM_OVERHEAD) {
            drain(ctx);
            throw new ProblemException(Problems.bodyTooLarge(maxBodyBytes));
        }
        UploadedFile file;
        List<String> parts;
        try {
            file = ctx.uploadedFile(FILE_FIELD);
            parts = file != null ? List.of() : partNames(ctx);
        } catch (IllegalStateException tooLarge) {
            throw new ProblemException(Problems.bodyTooLarge(maxBodyBytes));
        }
        if (file == null) {
            String sent = parts.isEmpty() ? "no parts" : "the fields " + String.join(", ", parts);
            String sentZh = parts.isEmpty() ? "没有任何字段" : "只有字段 " + String.join("、", parts);
            throw new UnreadableInputException(UnreadableInputException.Kind.MISSING_FILE, null, null, FILE_FIELD,
                    "the form has no field 'file' (it has %s); attach the CSV or .xlsx file as form field 'file'".formatted(sent),
                    "表单中没有字段 file（%s）；请以表单字段 file 上传 CSV 或 .xlsx 文件".formatted(sentZh));
        }
        try (InputStream in = file.content()) {
            return readLimited(in);
        } catch (IOException e) {
            throw new IllegalStateException("reading the uploaded file failed", e);
        }
    }

    /** The names of a form's parts (text fields and files), escaped: they are quoted back. */
    private static List<String> partNames(Context ctx) {
        var names = new TreeSet<String>(ctx.formParamMap().keySet());
        ctx.uploadedFileMap().keySet().forEach(names::add);
        return names.stream().map(n -> "'" + Printable.quote(n, 40) + "'").limit(10).toList();
    }

    private byte[] body(Context ctx) {
        if (ctx.req().getContentLengthLong() > maxBodyBytes) {
            drain(ctx);
            throw new ProblemException(Problems.bodyTooLarge(maxBodyBytes));
        }
        try {
            return readLimited(ctx.req().getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("reading the request body failed", e);
        }
    }

    private byte[] readLimited(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBodyBytes) {
                in.skip(DRAIN_LIMIT);
                metrics.requestRefused("body-too-large");
                throw new ProblemException(Problems.bodyTooLarge(maxBodyBytes));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void drain(Context ctx) {
        metrics.requestRefused("body-too-large");
        try {
            ctx.req().getInputStream().skip(DRAIN_LIMIT);
        } catch (IOException ignored) {
            // the client hung up; nothing to drain
        }
    }
}
