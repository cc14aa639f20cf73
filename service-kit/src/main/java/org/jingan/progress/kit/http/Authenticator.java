package org.jingan.progress.kit.http;

import java.util.Optional;

import io.javalin.http.Context;

/**
 * The one auth seam of the pipeline's HTTP apps: each app says how it recognises a caller (the intake a department's
 * API key, the streams app a peer's secret, the monitor an operator's Basic login, OIDC token or session), and
 * {@link RouteAccess} runs it before the routes it guards.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * The caller of {@code ctx}; empty when the request carries no credentials at all (whether that is enough is the
     * route's to say). Credentials that are there but wrong end the request: throw (a {@link ProblemException}, 401
     * with {@code WWW-Authenticate}, or the app's own exception mapped to one).
     */
    Optional<Principal> authenticate(Context ctx);
}
