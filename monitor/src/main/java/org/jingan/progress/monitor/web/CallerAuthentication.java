package org.jingan.progress.monitor.web;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jingan.progress.kit.http.Authenticator;
import org.jingan.progress.kit.http.Principal;
import org.jingan.progress.kit.http.ProblemException;
import org.jingan.progress.monitor.auth.InvalidCredentialsException;
import org.jingan.progress.monitor.auth.Operator;
import org.jingan.progress.monitor.auth.OperatorLine;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.OidcTokenVerifier;
import org.jingan.progress.monitor.auth.Sessions;

import io.javalin.http.Context;

/**
 * Finds out who sent a request: an {@code Authorization} header (HTTP Basic against the operators file, or an
 * OIDC bearer token), else the console's session cookie. Presented credentials that are wrong end the request with
 * 401; none at all is for the caller of {@link #authenticate} to judge.
 */
final class CallerAuthentication implements Authenticator {
    static final String SESSION_COOKIE = "progress_monitor_session";
    static final String REALM = "progress-monitor";

    private final OperatorsFile operators;
    private final OidcTokenVerifier oidc;
    private final Sessions sessions;

    /** {@code operators} or {@code oidc} may be null: that way of signing in is then off. */
    CallerAuthentication(OperatorsFile operators, OidcTokenVerifier oidc, Sessions sessions) {
        this.operators = operators;
        this.oidc = oidc;
        this.sessions = sessions;
    }

    /**
     * The pipeline's auth seam ({@link Authenticator}): the operator as a principal with their role; the whole
     * {@link Caller} (with the console session) is kept on the request for {@link AccessFilter#caller}.
     */
    @Override
    public Optional<Principal> authenticate(Context ctx) {
        return caller(ctx).map(caller -> {
            ctx.attribute(Caller.ATTRIBUTE, caller);
            return new Principal(caller.operator().name(), Set.of(caller.operator().role().id()));
        });
    }

    Optional<Caller> caller(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            return Optional.of(new Caller(fromHeader(ctx, authorization.strip()), null));
        }
        String sessionId = ctx.cookie(SESSION_COOKIE);
        if (sessionId != null) {
            // an expired or forgotten session (the monitor restarted) is as good as none: sign in again
            return sessions.find(sessionId).flatMap(this::stillValid);
        }
        return Optional.empty();
    }

    /**
     * The session's caller as the operators file has them now (a changed role applies at once); none, and the session
     * ended, when their line was removed or their password changed since they signed in.
     */
    private Optional<Caller> stillValid(Sessions.Session session) {
        Optional<OperatorLine> line = operators == null ? Optional.empty() : operators.line(session.operator().name());
        if (line.isEmpty() || !line.get().hash().equals(session.credential())) {
            sessions.close(session.id());
            return Optional.empty();
        }
        return Optional.of(new Caller(line.get().operator(), session));
    }

    private Operator fromHeader(Context ctx, String authorization) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String value = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Basic") && operators != null) {
            return basic(ctx, value);
        }
        if (scheme.equalsIgnoreCase("Bearer") && oidc != null) {
            try {
                return oidc.verify(value);
            } catch (InvalidCredentialsException e) {
                throw unauthorized(ctx, "The bearer token was not accepted: " + e.getMessage(), "invalid_token");
            }
        }
        throw unauthorized(ctx, "The monitor does not take '" + scheme + "' credentials here; it takes: "
                + String.join(", ", schemes()), null);
    }

    private Operator basic(Context ctx, String encoded) {
        char[] decoded = decodeBasic(encoded);
        try {
            int colon = indexOf(decoded, ':');
            if (colon < 0) {
                throw unauthorized(ctx, "Basic credentials must be base64 of name:password", null);
            }
            String name = new String(decoded, 0, colon);
            char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
            try {
                return operators.authenticate(name, password).orElseThrow(() ->
                        unauthorized(ctx, "Unknown operator name or wrong password", null));
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(decoded, '\0');
        }
    }

    /** Base64, then UTF-8 (RFC 7617's charset="UTF-8": names like 张三); anything else is not credentials. */
    private char[] decodeBasic(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
            Arrays.fill(bytes, (byte) 0);
            char[] out = new char[chars.remaining()];
            chars.get(out);
            return out;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return new char[0];
        }
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A 401 with the challenges that could succeed. The console's own script (it sends {@code X-Requested-With})
     * is not offered Basic: the browser would pop up its password dialog instead of letting the page send the
     * person to the sign-in form; it gets the {@code Cookie} scheme naming the form.
     */
    ProblemException unauthorized(Context ctx, String detail, String bearerError) {
        List<String> challenges = new ArrayList<>();
        boolean consoleScript = ctx.header("X-Requested-With") != null;
        if (operators != null && !consoleScript) {
            challenges.add("Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        if (oidc != null) {
            challenges.add("Bearer realm=\"" + REALM + "\"" + (bearerError == null ? "" : ", error=\"" + bearerError + "\""));
        }
        if (operators != null && consoleScript) {
            challenges.add("Cookie realm=\"" + REALM + "\", form-action=\"/login\", cookie-name=\"" + SESSION_COOKIE + "\"");
        }
        if (challenges.isEmpty()) {
            challenges.add("Basic realm=\"" + REALM + "\""); // nobody can sign in (the detail says why); still a challenge
        }
        return new ProblemException(MonitorProblems.unauthorized(detail)
                .withHeader("WWW-Authenticate", String.join(", ", challenges)));
    }

    /** How one may sign in here, for messages. */
    List<String> schemes() {
        List<String> schemes = new ArrayList<>();
        if (operators != null) {
            schemes.add("Basic (the operators file), or the console's sign-in form");
        }
        if (oidc != null) {
            schemes.add("Bearer (an OIDC access token)");
        }
        return schemes.isEmpty() ? List.of("nothing: the monitor was started without --operators-file or --oidc-issuer")
                : schemes;
    }

    boolean passwordSignIn() {
        return operators != null;
    }

    /** The operator's line when name and password are right: a session keeps its hash ({@link #stillValid}). */
    Optional<OperatorLine> signIn(String name, char[] password) {
        if (operators == null) {
            return Optional.empty();
        }
        return operators.authenticate(name, password).flatMap(o -> operators.line(o.name()));
    }
}
