package org.jingan.progress.monitor.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jingan.progress.kit.http.ProblemException;
import org.jingan.progress.monitor.auth.Operator;
import org.jingan.progress.monitor.auth.OperatorLine;
import org.jingan.progress.monitor.auth.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Signing in to the console in a browser: the sign-in form, and the session behind it.
 *
 * <pre>
 * GET    /login         the sign-in form (name and password from the operators file)
 * POST   /api/session   {"name","password"}: sets the session cookie (HttpOnly, SameSite=Strict, Secure on https)
 *                       and answers {"name","role","csrfToken"}
 * GET    /api/session   who is signed in: {"name","role","via"} (+ "csrfToken" for a cookie session); 401 if nobody
 * DELETE /api/session   signs out
 * </pre>
 * The cookie is SameSite=Strict, so another site's page never sends it; the CSRF token (which a page of another
 * origin cannot read) is a second lock on changes ({@link AccessFilter}).
 */
final class SessionApi {
    private static final Logger log = LoggerFactory.getLogger(SessionApi.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SignIn(String name, String password) {
    }

    private final CallerAuthentication authentication;
    private final Sessions sessions;
    private final ObjectMapper json;
    private final String loginPage;

    SessionApi(CallerAuthentication authentication, Sessions sessions, ObjectMapper json) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.json = json;
        this.loginPage = ConsoleApi.resource("/monitor-web/login.html");
    }

    void addRoutes(Javalin app) {
        app.get("/login", ctx -> ctx.html(loginPage));
        app.get("/api/session", this::whoAmI);
        app.post("/api/session", this::signIn);
        app.delete("/api/session", this::signOut);
    }

    private void whoAmI(Context ctx) {
        Caller caller = authentication.caller(ctx).orElseThrow(() ->
                authentication.unauthorized(ctx, "Nobody is signed in", null));
        Map<String, Object> body = describe(caller.operator());
        body.put("via", caller.session() == null ? "authorization-header" : "session");
        if (caller.session() != null) {
            body.put("csrfToken", caller.session().csrfToken());
            body.put("expiresAt", caller.session().expiresAt());
        }
        ctx.json(body);
    }

    private void signIn(Context ctx) {
        if (!authentication.passwordSignIn()) {
            throw new ProblemException(MonitorProblems.notFound("Signing in with a password is off: the monitor has no"
                    + " operators file (--operators-file)"));
        }
        SignIn form = form(ctx);
        char[] password = form.password() == null ? new char[0] : form.password().toCharArray();
        OperatorLine line;
        try {
            line = authentication.signIn(form.name() == null ? "" : form.name(), password).orElse(null);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (line == null) {
            log.warn("Console sign-in refused for '{}' from {}", loggable(form.name()), ctx.ip());
            throw authentication.unauthorized(ctx, "Unknown operator name or wrong password", null);
        }
        Sessions.Session old = authentication.caller(ctx).map(Caller::session).orElse(null);
        if (old != null) {
            sessions.close(old.id()); // a fresh id on every sign-in: no session fixation
        }
        Operator operator = line.operator();
        Sessions.Session session = sessions.open(operator, line.hash());
        ctx.header("Set-Cookie", cookie(ctx, session.id(), Sessions.LIFETIME.toSeconds()));
        log.info("'{}' ({}) signed in to the console from {}", operator.name(), operator.role().id(), ctx.ip());
        Map<String, Object> body = describe(operator);
        body.put("csrfToken", session.csrfToken());
        body.put("expiresAt", session.expiresAt());
        ctx.json(body);
    }

    private void signOut(Context ctx) {
        String id = ctx.cookie(CallerAuthentication.SESSION_COOKIE);
        sessions.find(id).ifPresent(s -> log.info("'{}' signed out of the console", s.operator().name()));
        sessions.close(id);
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        ctx.status(204);
    }

    private SignIn form(Context ctx) {
        try {
            SignIn form = json.readValue(ctx.body(), SignIn.class);
            if (form == null) {
                throw new ProblemException(MonitorProblems.badRequest("Send {\"name\": \"...\", \"password\": \"...\"}"));
            }
            return form;
        } catch (IOException e) {
            throw new ProblemException(MonitorProblems.badRequest("Send {\"name\": \"...\", \"password\": \"...\"}"));
        }
    }

    /** Written by hand: every attribute that matters is visible here, SameSite included. */
    private static String cookie(Context ctx, String value, long maxAgeSeconds) {
        return CallerAuthentication.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (SameOrigin.secure(ctx) ? "; Secure" : "");
    }

    /** A name someone typed, safe for one log line. */
    private static String loggable(String name) {
        String text = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static Map<String, Object> describe(Operator operator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", operator.name());
        body.put("role", operator.role().id());
        return body;
    }
}
