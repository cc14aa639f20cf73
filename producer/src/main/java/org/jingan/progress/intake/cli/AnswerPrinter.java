package org.jingan.progress.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Prints an answer for a person (or, with --json, as the intake sent it) and picks the exit code. */
final class AnswerPrinter {
    private AnswerPrinter() {
    }

    static int print(ClientAnswer answer, boolean json, PrintWriter out, PrintWriter err) {
        int exit = ExitCodes.forStatus(answer.status());
        JsonNode body = answer.body();
        if (json) {
            (exit == ExitCodes.OK ? out : err).println(body.toPrettyString());
            return exit;
        }
        if (exit == ExitCodes.OK) {
            if (body.has("count")) {
                out.printf("accepted: %d reports stored%n", body.get("count").asInt());
                if (body.has("ignoredColumns")) {
                    out.printf("note: columns not read: %s%n", body.get("ignoredColumns"));
                }
            } else {
                out.printf("accepted: event %s on target %s stored (partition %d, offset %d)%n", body.path("eventId").asText(),
                        body.path("targetId").asText(), body.path("partition").asInt(), body.path("offset").asLong());
            }
            return exit;
        }
        err.printf("%s (%d %s): %s%n", exit == ExitCodes.UNREACHABLE ? "not stored" : "refused", answer.status(),
                body.path("title").asText(""), body.path("detail").asText(body.asText()));
        if (body.hasNonNull("detailZh")) {
            err.println(body.get("detailZh").asText());
        }
        if (body.has("location")) {
            err.println("  at " + body.get("location"));
        }
        for (JsonNode e : body.path("errors")) {
            String where = e.has("line") ? "line " + e.get("line").asInt() : e.has("index") ? "report " + (e.get("index").asInt() + 1) : "report";
            err.printf("  %s, %s%s: %s%n    %s%n", where, e.path("field").asText(),
                    e.hasNonNull("value") ? " = '" + e.get("value").asText() + "'" : "", e.path("reason").asText(),
                    e.path("reasonZh").asText());
        }
        return exit;
    }
}
