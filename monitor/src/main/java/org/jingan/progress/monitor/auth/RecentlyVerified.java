package org.jingan.progress.monitor.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords checked a moment ago. HTTP Basic sends the password with every request, and a PBKDF2 check takes a
 * good fraction of a second by design: without this, a console client polling the API would keep a core busy.
 * Keyed by a SHA-256 of name and password (the password itself is not kept); entries last a few minutes, and the
 * operators file clears them when it changes.
 */
final class RecentlyVerified {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 1_000;

    private record Entry(Operator operator, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Optional<Operator> get(String name, char[] password) {
        Entry entry = entries.get(key(name, password));
        if (entry == null || System.nanoTime() - entry.expiresAtNanos() > 0) {
            return Optional.empty();
        }
        return Optional.of(entry.operator());
    }

    void put(String name, char[] password, Operator operator) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude, but bounded: the next requests just check their password again
        }
        entries.put(key(name, password), new Entry(operator, System.nanoTime() + TTL.toNanos()));
    }

    void clear() {
        entries.clear();
    }

    private static String key(String name, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
