package org.jingan.progress.streams.query;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;

/**
 * Every error as an RFC 9457 problem+json body saying what went wrong and what to do; never a stack trace.
 * 503s carry Retry-After: stores migrating or an instance restoring is a normal, short condition.
 */
final class Problems {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    /** Problem types are URNs: stable identifiers, not pages to fetch. */
    static final String TYPE_BASE = "urn:jingan-progress:problem:";

    private Problems() {
    }

    static void register(Javalin app, int retryAfterSeconds) {
        app.exception(UnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(retryAfterSeconds));
            write(ctx, 503, e.type(), "Service Unavailable", e.getMessage());
        });
        app.exception(BadRequestException.class, (e, ctx) -> write(ctx, 400, "bad-request", "Bad Request", e.getMessage()));
        app.exception(ValidationException.class, (e, ctx) ->
                write(ctx, 400, "bad-request", "Bad Request", "Invalid parameter(s): " + e.getErrors().keySet()));
        app.exception(UnauthorizedException.class, (e, ctx) -> {
            // RFC 9110: a 401 names the scheme that would be accepted
            ctx.header("WWW-Authenticate", PeerSecret.HEADER);
            write(ctx, 401, "unauthorized", "Unauthorized", e.getMessage());
        });
        app.exception(NotFoundException.class, (e, ctx) -> write(ctx, 404, "not-found", "Not Found", e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 404) {
                notFound(ctx);
            } else {
                write(ctx, e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage());
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("Query {} {} failed", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal-error", "Internal Server Error",
                    "The query failed on this instance (" + e.getClass().getSimpleName() + "); details are in its log.");
        });
    }

    private static void notFound(Context ctx) {
        write(ctx, 404, "not-found", "Not Found", "No endpoint " + ctx.method() + " " + ctx.path()
                + "; the API is described at /openapi.json");
    }

    static void write(Context ctx, int status, String code, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        body.put("code", code);
        ctx.status(status).json(body).contentType("application/problem+json");
    }
}
