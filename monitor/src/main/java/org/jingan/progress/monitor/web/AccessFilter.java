package org.jingan.progress.monitor.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.jingan.progress.kit.http.ProblemException;
import org.jingan.progress.kit.http.RouteAccess;
import org.jingan.progress.monitor.auth.Role;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;

/**
 * Runs before every matched route: the route's {@link Role} says who may use it (no role: anyone, e.g. health and
 * the sign-in form).
 *
 * <p>A change (any method but GET and HEAD) must come from this origin ({@link SameOrigin}, else 403) with a JSON
 * body type (else 415: an HTML form or a {@code text/plain} fetch from another site cannot send one without a CORS
 * preflight, which this server never grants), before anything else is looked at. Then: no credentials is 401 (the
 * console page sends the browser to the sign-in form instead), a role too small is 403, and a change made with the
 * console's session cookie must carry the session's CSRF token in {@code X-CSRF-Token} (403).
 */
final class AccessFilter implements Handler {
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final CallerAuthentication authentication;
    private final boolean anonymousRead;

    AccessFilter(CallerAuthentication authentication, boolean anonymousRead) {
        this.authentication = authentication;
        this.anonymousRead = anonymousRead;
    }

    @Override
    public void handle(Context ctx) {
        boolean change = isChange(ctx.method());
        if (change) {
            requireSameOrigin(ctx);
            requireJson(ctx);
        }
        Role needed = needed(ctx.routeRoles());
        if (needed == null) {
            return;
        }
        // through the pipeline's one auth seam; the operator's Caller (with the session) is kept on the request
        if (RouteAccess.identify(ctx, authentication).isEmpty()) {
            if (!change && anonymousRead && needed == Role.VIEWER) {
                return;
            }
            if (isConsolePage(ctx)) {
                String here = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw authentication.unauthorized(ctx, "This needs a signed-in " + needed.id() + "; sign in with "
                    + String.join(" or ", authentication.schemes()), null);
        }
        Caller caller = caller(ctx);
        if (!caller.operator().may(needed)) {
            throw new ProblemException(MonitorProblems.forbidden("'" + caller.operator().name() + "' is signed in as "
                    + caller.operator().role().id() + "; this needs " + needed.id()));
        }
        if (change && caller.session() != null && !caller.session().csrfTokenIs(ctx.header(CSRF_HEADER))) {
            throw new ProblemException(MonitorProblems.csrfToken("A change made with the console's session needs its CSRF"
                    + " token in the " + CSRF_HEADER + " header (GET /api/session gives it)"));
        }
    }

    /** The caller {@link AccessFilter} let through; null on an anonymous read. */
    static Caller caller(Context ctx) {
        return ctx.attribute(Caller.ATTRIBUTE);
    }

    private static boolean isChange(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    private static void requireSameOrigin(Context ctx) {
        String why = SameOrigin.whyCrossOrigin(ctx);
        if (why != null) {
            throw new ProblemException(MonitorProblems.crossOrigin("Changes are accepted from the monitor's own console"
                    + " only: " + why));
        }
    }

    /** POST and PUT always, DELETE when it has a body: {@code application/json} or a {@code +json} type. */
    private static void requireJson(Context ctx) {
        boolean hasBody = ctx.method() != HandlerType.DELETE || ctx.contentLength() > 0;
        if (!hasBody) {
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            throw new ProblemException(MonitorProblems.unsupportedMediaType("Send Content-Type: application/json (with"
                    + " an empty body or {\"note\": \"...\"}), not '" + (type.isEmpty() ? "none" : type) + "'"));
        }
    }

    private static Role needed(Set<RouteRole> roles) {
        return roles.stream().filter(Role.class::isInstance).map(Role.class::cast).min(Enum::compareTo).orElse(null);
    }

    private static boolean isConsolePage(Context ctx) {
        return ctx.method() == HandlerType.GET && (ctx.matchedPath().equals("/") || ctx.matchedPath().equals("/plans"));
    }
}
