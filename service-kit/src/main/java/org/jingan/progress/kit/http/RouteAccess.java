package org.jingan.progress.kit.http;

import java.util.Optional;
import java.util.function.Supplier;

import io.javalin.http.Context;

/**
 * Runs an {@link Authenticator} for a request and keeps what it found on the request, so the handlers (and the
 * apps' audit lines) read the caller from one place: {@link #principal(Context)}.
 */
public final class RouteAccess {
    static final String ATTRIBUTE = "kit.principal";

    private RouteAccess() {
    }

    /** Who the request is from, if anyone; kept for {@link #principal(Context)}. */
    public static Optional<Principal> identify(Context ctx, Authenticator authenticator) {
        Optional<Principal> found = authenticator.authenticate(ctx);
        found.ifPresent(principal -> ctx.attribute(ATTRIBUTE, principal));
        return found;
    }

    /** Who the request is from; a request without credentials ends with {@code whenAnonymous} (a 401). */
    public static Principal require(Context ctx, Authenticator authenticator,
                                    Supplier<? extends RuntimeException> whenAnonymous) {
        return identify(ctx, authenticator).orElseThrow(whenAnonymous);
    }

    /** The caller {@link #identify} or {@link #require} found for this request. */
    public static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }
}
