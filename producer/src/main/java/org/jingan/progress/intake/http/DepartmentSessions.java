package org.jingan.progress.intake.http;

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
 * The department page's signed-in browsers, in memory (as the monitor's console sessions): a session id, the cookie,
 * maps to the department, the SHA-256 of the key it signed in with (a session ends when that key is removed from the
 * credentials) and a CSRF token the page sends back on every change. A session lasts a working day from sign-in;
 * signing out or a restart of the intake ends it. The key itself is never kept.
 */
final class DepartmentSessions {
    static final Duration LIFETIME = Duration.ofHours(10);
    private static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Session(String id, String department, byte[] keyDigest, String csrfToken, Instant expiresAt) {
        boolean csrfTokenIs(String sent) {
            return sent != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Session of " + department + " until " + expiresAt; // never the id, the token or the digest
        }
    }

    /** Session expiry is wall time: how long a browser stays signed in, not a question of the district's calendar. */
    private final Clock clock;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    DepartmentSessions(Clock clock) {
        this.clock = clock;
    }

    Session open(String department, byte[] keyDigest) {
        Instant now = clock.instant();
        if (byId.size() >= MAX_SESSIONS) {
            byId.values().removeIf(s -> !now.isBefore(s.expiresAt()));
            if (byId.size() >= MAX_SESSIONS) {
                throw new IllegalStateException("too many department page sessions");
            }
        }
        Session session = new Session(randomToken(), department, keyDigest, randomToken(), now.plus(LIFETIME));
        byId.put(session.id(), session);
        return session;
    }

    Optional<Session> find(String id) {
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

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** 256 random bits, URL-safe. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
