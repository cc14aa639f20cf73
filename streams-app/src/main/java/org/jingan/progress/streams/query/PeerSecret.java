package org.jingan.progress.streams.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.jingan.progress.kit.secrets.OwnerOnlyFiles;
import org.jingan.progress.kit.secrets.RandomSecrets;

/**
 * The secret every instance of one streams app shares: a peer sends it with each request to another instance's
 * {@code /internal} endpoints, which answer nobody else. Kept in a file (one line), never logged or printed.
 */
public final class PeerSecret {
    /** The request header that carries it. */
    public static final String HEADER = "Progress-Peer-Secret";
    /** Shorter secrets are refused: a guessable one would reopen the stores to anyone. */
    static final int MIN_LENGTH = 16;
    private static final int GENERATED_LENGTH = 32;

    private final String value;
    private final byte[] digest;
    private final String origin;
    private final boolean generated;

    private PeerSecret(String value, String origin, boolean generated) {
        if (value.length() < MIN_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("A peer secret must be at least " + MIN_LENGTH + " printable ASCII"
                    + " characters without spaces (" + origin + ")");
        }
        this.value = value;
        this.digest = sha256(value);
        this.origin = origin;
        this.generated = generated;
    }

    /**
     * A new random secret (32 characters, about 185 bits). An instance without a configured secret makes one of its
     * own: it then answers no other instance, which is safe for a single instance and fails loudly for several.
     */
    public static PeerSecret random() {
        return new PeerSecret(RandomSecrets.generate(GENERATED_LENGTH), "generated at start, known to this process only", true);
    }

    /** The secret in {@code file}: its first line, surrounding whitespace removed. */
    public static PeerSecret readFrom(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the peer secret file " + file, e);
        }
        return new PeerSecret(text.lines().findFirst().orElse("").strip(), "file " + file, false);
    }

    /**
     * The secret kept in {@code file}, made when the file does not exist: random, written readable by its owner only
     * (mode 600, in a mode 700 directory if the directory is new).
     */
    public static PeerSecret loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            OwnerOnlyFiles.write(file, RandomSecrets.generate(GENERATED_LENGTH) + "\n");
        }
        return readFrom(file);
    }

    /** Whether {@code presented} is this secret; compared in constant time (digests of equal length). */
    boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    /** Made by {@link #random()}: no other process knows it. */
    boolean generated() {
        return generated;
    }

    /** The value to send in {@link #HEADER}. */
    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "peer secret (" + origin + ", value hidden)";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

}
