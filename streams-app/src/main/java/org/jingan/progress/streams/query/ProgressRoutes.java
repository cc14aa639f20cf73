package org.jingan.progress.streams.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.javalin.Javalin;
import io.javalin.http.Context;

/** The public query API under {@code /api/v1}, and its description at {@code /openapi.json}. */
final class ProgressRoutes {
    static final String BASE = "/api/v1";

    private final Supplier<ProgressQueries> queries;
    private final JsonBodies json;

    ProgressRoutes(Supplier<ProgressQueries> queries, JsonBodies json) {
        this.queries = queries;
        this.json = json;
    }

    void register(Javalin app) {
        byte[] openApi = resource("/query/openapi.json");
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.get(BASE + "/targets", ctx -> answer(ctx, queries.get().targets(new ProgressQueries.TargetFilter(
                ctx.queryParam("department"), ctx.queryParam("section"), statuses(ctx)), staleness(ctx))));
        app.get(BASE + "/targets/{id}", ctx -> answer(ctx, queries.get().target(ctx.pathParam("id"), staleness(ctx))));
        app.get(BASE + "/targets/{id}/history", ctx -> answer(ctx, queries.get().history(ctx.pathParam("id"), staleness(ctx))));
        app.get(BASE + "/departments", ctx -> answer(ctx, queries.get().rollups("department", staleness(ctx))));
        app.get(BASE + "/departments/{id}", ctx -> answer(ctx, queries.get().rollup("department", ctx.pathParam("id"), staleness(ctx))));
        app.get(BASE + "/sections", ctx -> answer(ctx, queries.get().rollups("section", staleness(ctx))));
        app.get(BASE + "/sections/{id}", ctx -> answer(ctx, queries.get().rollup("section", ctx.pathParam("id"), staleness(ctx))));
        app.get(BASE + "/cases", ctx -> answer(ctx, queries.get().cases(ctx.queryParam("department"),
                "all".equals(ctx.queryParam("stage")), staleness(ctx))));
        app.get(BASE + "/targets/{id}/cases", ctx -> answer(ctx, queries.get().targetCases(ctx.pathParam("id"), staleness(ctx))));
        app.get(BASE + "/alerts", ctx -> answer(ctx, queries.get().alerts(new ProgressQueries.AlertFilter(
                ctx.queryParam("department"), ProgressQueries.upper(ctx.queryParam("severity")), ctx.queryParam("target")),
                staleness(ctx))));
    }

    static Staleness staleness(Context ctx) {
        return Staleness.fromQuery(ctx::queryParam);
    }

    private static Set<String> statuses(Context ctx) {
        String raw = ctx.queryParam("status");
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(ProgressQueries::upper).collect(Collectors.toSet());
    }

    /** The body (which says its freshness) written as JSON, and the freshness in headers for clients that only look there. */
    private void answer(Context ctx, ProgressQueries.Answer answer) {
        ctx.header("X-Answered-By", answer.freshness().answeredBy());
        ctx.header("X-Stale", String.valueOf(answer.freshness().stale()));
        if (answer.freshness().maxOffsetLag() != null) {
            ctx.header("X-Max-Offset-Lag", String.valueOf(answer.freshness().maxOffsetLag()));
        }
        json.write(ctx, answer.body());
    }

    private static byte[] resource(String name) {
        try (InputStream in = ProgressRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
