package org.jingan.progress.kit.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * The one exception-to-status mapping of the pipeline's HTTP apps, installed on a Javalin app: a
 * {@link ProblemException} is answered with its {@link Problem}; Javalin's 404 with {@code not-found}, its 405 with
 * {@code method-not-allowed} and {@code Allow}; any other unexpected exception with a 500 {@code internal-error},
 * logged with the request, never a stack trace to the client. {@code GET /problems/{slug}} serves the explanation
 * of each problem type the app registered. Apps add handlers for their own exceptions with
 * {@code app.exception(...)} and {@link #write(Context, Problem)}: Javalin picks the most specific one.
 */
public final class ProblemMapping {
    private static final Logger log = LoggerFactory.getLogger(ProblemMapping.class);
    /** Where each problem type is explained. */
    public static final String EXPLANATIONS_PATH = Problem.TYPE_PREFIX + "{slug}";

    private static final Map<String, String> COMMON = Map.of(
            "not-found", "No such endpoint (or resource); the detail says where to look. / 没有此接口或资源。",
            "method-not-allowed", "This endpoint does not take that HTTP method; the Allow header lists those it takes. / 此接口不支持该 HTTP 方法，Allow 头列出了可用方法。",
            "internal-error", "The service failed unexpectedly; the details are in its log. Report it with the time of the request. / 服务内部错误，详情见服务日志；请告知请求时间。");

    private final ObjectMapper mapper;
    private final Map<String, String> explanations = new LinkedHashMap<>(COMMON);
    private final Map<Integer, Function<Context, Problem>> byStatus = new HashMap<>();
    private Function<Context, Problem> notFound = ctx -> Problem.notFound(
            "There is no endpoint " + ctx.method().name() + " " + ctx.path() + ".",
            "没有接口 " + ctx.method().name() + " " + ctx.path() + "。");
    private BiFunction<Context, Exception, Problem> internalError = (ctx, e) -> Problem.internalError(
            "The request failed unexpectedly (" + e.getClass().getSimpleName() + "); the details are in the service's log.",
            "请求意外失败（" + e.getClass().getSimpleName() + "），详情见服务日志。");

    public ProblemMapping(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Explains the app's own problem types at {@code /problems/<slug>} (replacing the common texts of the same slug). */
    public ProblemMapping explain(Map<String, String> slugToExplanation) {
        explanations.putAll(slugToExplanation);
        return this;
    }

    /** The problem for a request no endpoint matched (by default: "There is no endpoint GET /x."). */
    public ProblemMapping notFound(Function<Context, Problem> problem) {
        this.notFound = Objects.requireNonNull(problem);
        return this;
    }

    /** The problem for one more status Javalin itself answers with (e.g. 413 when a body is too large). */
    public ProblemMapping onStatus(int status, Function<Context, Problem> problem) {
        byStatus.put(status, Objects.requireNonNull(problem));
        return this;
    }

    /** The problem for an unexpected exception (logged before); by default it names only the exception's class. */
    public ProblemMapping internalError(BiFunction<Context, Exception, Problem> problem) {
        this.internalError = Objects.requireNonNull(problem);
        return this;
    }

    /** Every slug explained, with its text. */
    public Map<String, String> explanations() {
        return Collections.unmodifiableMap(explanations);
    }

    /** Installs the mapping and {@code GET /problems/{slug}} on {@code app}; returns the app. */
    public Javalin install(Javalin app) {
        app.get(EXPLANATIONS_PATH, ctx -> {
            String text = explanations.get(ctx.pathParam("slug"));
            if (text == null) {
                throw new ProblemException(Problem.notFound("There is no problem type " + ctx.path() + ".",
                        "没有问题类型 " + ctx.path() + "。"));
            }
            ctx.contentType("text/plain; charset=utf-8").result(text + "\n");
        });
        app.exception(ProblemException.class, (e, ctx) -> write(ctx, e.problem()));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(ctx, e)));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            write(ctx, internalError.apply(ctx, e));
        });
        // a status set without an exception (or by Javalin itself, past the exception handlers)
        app.error(404, ctx -> {
            if (!answered(ctx)) {
                write(ctx, notFound.apply(ctx));
            }
        });
        app.error(405, ctx -> {
            if (!answered(ctx)) {
                write(ctx, Problem.methodNotAllowed(ctx.method().name(), ctx.path(), ctx.res().getHeader("Allow")));
            }
        });
        return app;
    }

    /** Writes {@code problem} as the answer: its status, its headers, {@value Problem#MEDIA_TYPE}, UTF-8 JSON. */
    public void write(Context ctx, Problem problem) {
        problem.headers().forEach(ctx::header);
        try {
            ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE)
                    .result(mapper.writeValueAsBytes(problem.body(ctx.path()))); // bytes: UTF-8 whatever the type's default
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a problem as JSON", e);
        }
    }

    /** Whether the answer so far is a problem. */
    public static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.MEDIA_TYPE);
    }

    private static boolean answered(Context ctx) {
        return isProblem(ctx) || ctx.resultInputStream() != null;
    }

    private Problem fromJavalin(Context ctx, HttpResponseException e) {
        int status = e.getStatus();
        Function<Context, Problem> registered = byStatus.get(status);
        if (registered != null) {
            return registered.apply(ctx);
        }
        if (status == 404) {
            return notFound.apply(ctx);
        }
        if (status == 405) {
            Map<String, String> details = e.getDetails();
            String allow = details.getOrDefault("availableMethods", details.get("Available methods"));
            return Problem.methodNotAllowed(ctx.method().name(), ctx.path(), allow);
        }
        if (status < 400 || status > 599) {
            return internalError.apply(ctx, e);
        }
        return new Problem(status, "http-" + status, e.getMessage(), "请求未被接受（HTTP " + status + "）", e.getMessage());
    }
}
