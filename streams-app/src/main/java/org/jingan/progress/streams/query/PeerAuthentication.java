package org.jingan.progress.streams.query;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Lets only the app's own instances through to {@code /internal}: each request must carry the shared
 * {@link PeerSecret} in {@value PeerSecret#HEADER}. The stores behind those routes hold more than the public API
 * shows, and a whole partition per answer.
 */
final class PeerAuthentication {
    static final String PATHS = "/internal/*";

    private final PeerSecret secret;

    PeerAuthentication(PeerSecret secret) {
        this.secret = secret;
    }

    void register(Javalin app) {
        app.before(PATHS, this::check);
    }

    private void check(Context ctx) {
        String presented = ctx.header(PeerSecret.HEADER);
        if (presented == null || presented.isEmpty()) {
            throw new UnauthorizedException("The /internal endpoints answer only the other instances of this streams"
                    + " app, which send the shared peer secret in the " + PeerSecret.HEADER + " header. The public"
                    + " API is under " + ProgressRoutes.BASE + ".");
        }
        if (!secret.matches(presented)) {
            throw new UnauthorizedException("The peer secret in " + PeerSecret.HEADER + " is not this instance's:"
                    + " every instance must be given the same --peer-secret-file.");
        }
    }
}
