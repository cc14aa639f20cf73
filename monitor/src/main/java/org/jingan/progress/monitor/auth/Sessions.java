package org.jingan.progress.monitor.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in browsers, in memory: a session id (the cookie) maps to the operator and a CSRF token the
 * page sends back on every change. A session lasts one shift ({@link #LIFETIME}) from sign-in, whatever happens in
 * between; signing out ends it, and so does a restart of the monitor (sign in again).
 */
public final class Sessions {
    /** A long shift: the monitoring center runs around the clock in shifts. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One signed-in browser.
     *
     * @param credential what the operator signed in with (their line's hash): a session outlives neither a
     *                   password change nor the removal of its operator
     */
    public record Session(String id, Operator operator, String csrfToken, Instant expiresAt, String credential) {
        /** Constant-time comparison with the token a request sent. */
        public boolean csrfTokenIs(String sent) {
            return sent != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Session of " + operator.name() + " until " + expiresAt; // never the id or the token
        }
    }

    private final Clock clock;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session open(Operator operator, String credential) {
        Instant now = clock.instant();
        if (byId.size() >= MAX_SESSIONS) {
            byId.values().removeIf(s -> !now.isBefore(s.expiresAt()));
            if (byId.size() >= MAX_SESSIONS) {
                throw new IllegalStateException("Too many console sessions; try again later");
            }
        }
        Session session = new Session(randomToken(), operator, randomToken(), now.plus(LIFETIME), credential);
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id; an expired one is forgotten. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** 256 random bits, URL-safe. */
    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
