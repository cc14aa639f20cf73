package org.jingan.progress.streams.query;

import java.util.Optional;
import java.util.Set;

import org.jingan.progress.kit.http.Authenticator;
import org.jingan.progress.kit.http.Principal;
import org.jingan.progress.kit.http.RouteAccess;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Lets only the app's own instances through to {@code /internal}: each request must carry the shared
 * {@link PeerSecret} in {@value PeerSecret#HEADER}. The stores behind those routes hold more than the public API
 * shows, and a whole partition per answer. The pipeline's one auth seam ({@link Authenticator}, {@link RouteAccess}).
 */
final class PeerAuthentication implements Authenticator {
    static final String PATHS = "/internal/*";
    /** What every instance that shows the secret is. */
    static final Principal PEER = new Principal("peer", Set.of("peer"));

    private final PeerSecret secret;

    PeerAuthentication(PeerSecret secret) {
        this.secret = secret;
    }

    void register(Javalin app) {
        app.before(PATHS, ctx -> RouteAccess.require(ctx, this, () -> new UnauthorizedException("The /internal"
                + " endpoints answer only the other instances of this streams app, which send the shared peer secret"
                + " in the " + PeerSecret.HEADER + " header. The public API is under " + ProgressRoutes.BASE + ".")));
    }

    /** A peer when the request shows the secret; none when it shows nothing; 401 when it shows another. */
    @Override
    public Optional<Principal> authenticate(Context ctx) {
        String presented = ctx.header(PeerSecret.HEADER);
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        if (!secret.matches(presented)) {
            throw new UnauthorizedException("The peer secret in " + PeerSecret.HEADER + " is not this instance's:"
                    + " every instance must be given the same --peer-secret-file.");
        }
        return Optional.of(PEER);
    }
}
