package org.jingan.progress.intake.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Department API keys: 256 random bits, so a plain SHA-256 of the key is a safe stored form (a slow password hash
 * such as PBKDF2 protects guessable passwords; a random key cannot be guessed, and a fast hash keeps every request
 * cheap). Stored hashes carry their algorithm, {@code sha256:<64 hex>}, so another can be added later.
 */
public final class ApiKeys {
    public static final String SHA256_PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A fresh key, e.g. {@code jpk_3q2…}; the prefix makes a leaked key easy to recognise in a scan. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "jpk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a key. */
    public static String hash(String apiKey) {
        return SHA256_PREFIX + HexFormat.of().formatHex(sha256(apiKey));
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** The digest bytes of a stored hash, or null when it is not of the form {@code sha256:<64 hex>}. */
    static byte[] parseStoredHash(String stored) {
        String s = stored.strip();
        if (!s.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length()) || s.length() != SHA256_PREFIX.length() + 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(s.substring(SHA256_PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }
}
