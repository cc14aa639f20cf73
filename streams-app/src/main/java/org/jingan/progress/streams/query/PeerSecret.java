package org.jingan.progress.streams.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;

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
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

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
        return new PeerSecret(randomValue(), "generated at start, known to this process only", true);
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
            write(file, randomValue());
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

    private static String randomValue() {
        StringBuilder s = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static void write(Path file, String value) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                restrict(dir, OWNER_ONLY_DIR);
            }
            // written aside and moved into place: a reader never sees a half-written secret
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            restrict(file, OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the peer secret file " + file, e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection applies
        }
    }
}
