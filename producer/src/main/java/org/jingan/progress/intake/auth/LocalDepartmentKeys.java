package org.jingan.progress.intake.auth;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * API keys for every department of a local stack, made at random ({@link ApiKeys#generate()}) on the first start
 * of a data directory and kept there: {@value #KEYS_FILE} holds the keys (the demo posts with them, a person copies
 * one from it), readable by its owner only (600, in a 700 directory), and {@value #CREDENTIALS_FILE} beside it
 * the hashes the intake reads. A department added to the catalog later gets a key on the next start; the others
 * keep theirs. To give a department a new key, delete its line (or the file) and start again.
 *
 * <pre>{@code
 * LocalDepartmentKeys keys = LocalDepartmentKeys.loadOrCreate(dataDir.resolve("intake"), catalogDepartments);
 * IntakeConfig.builder()...credentialsFile(keys.credentialsFile())
 * // the demo then posts with: Authorization: Bearer keys.keyFor("construction")
 * }</pre>
 */
public final class LocalDepartmentKeys {
    public static final String KEYS_FILE = "department-keys.properties";
    public static final String CREDENTIALS_FILE = "credentials.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final Map<String, String> keyByDepartment;

    private LocalDepartmentKeys(Path dir, Map<String, String> keyByDepartment) {
        this.dir = dir;
        this.keyByDepartment = Map.copyOf(keyByDepartment);
    }

    /**
     * The keys kept in {@code dir}, with a new random key for each of {@code departments} that has none yet; writes
     * both files when something changed (the hashes always match the keys).
     */
    public static LocalDepartmentKeys loadOrCreate(Path dir, Collection<String> departments) {
        try {
            ownerOnly(dir);
            Path keysFile = dir.resolve(KEYS_FILE);
            var keys = new TreeMap<String, String>();
            if (Files.exists(keysFile)) {
                keys.putAll(read(keysFile));
            }
            boolean added = false;
            for (String department : departments) {
                if (!keys.containsKey(department)) {
                    keys.put(department, ApiKeys.generate());
                    added = true;
                }
            }
            if (added || !Files.exists(keysFile)) {
                write(keysFile, keysText(keys));
            }
            Path credentials = dir.resolve(CREDENTIALS_FILE);
            String hashes = credentialsText(keys);
            if (!Files.exists(credentials) || !Files.readString(credentials, StandardCharsets.UTF_8).equals(hashes)) {
                write(credentials, hashes); // also replaces the public demo hashes an older stack left here
            }
            return new LocalDepartmentKeys(dir, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the department keys in " + dir, e);
        }
    }

    /** The department's key; fails for a department without one. */
    public String keyFor(String departmentId) {
        String key = keyByDepartment.get(departmentId);
        if (key == null) {
            throw new IllegalArgumentException("no key for department '" + departmentId + "' in " + keysFile());
        }
        return key;
    }

    /** The keys, one line {@code departmentId = key} each: a secret, never to be printed. */
    public Path keysFile() {
        return dir.resolve(KEYS_FILE);
    }

    /** The hashes of the keys, the intake's credentials file ({@code departmentId = sha256:<hex>}). */
    public Path credentialsFile() {
        return dir.resolve(CREDENTIALS_FILE);
    }

    public Set<String> departments() {
        return new java.util.TreeSet<>(keyByDepartment.keySet());
    }

    @Override
    public String toString() {
        return "department keys in " + keysFile() + " (hidden)";
    }

    private static Map<String, String> read(Path file) throws IOException {
        var p = new Properties();
        try (Reader in = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            p.load(in);
        }
        var keys = new TreeMap<String, String>();
        p.forEach((department, key) -> {
            if (!key.toString().isBlank()) {
                keys.put(department.toString().strip(), key.toString().strip());
            }
        });
        return keys;
    }

    private static String keysText(Map<String, String> keys) {
        var text = new StringBuilder("""
                # The local stack's department API keys, made at random on the first start of this data directory.
                # Secret: keep this file mode 600, never commit or paste it. The intake stores only their hashes
                # (credentials.properties beside it). Delete a line (or the file) and restart for a new key.
                # Use: curl -H "Authorization: Bearer <key>" http://127.0.0.1:8081/api/v1/targets
                """);
        keys.forEach((department, key) -> text.append(department).append(" = ").append(key).append('\n'));
        return text.toString();
    }

    private static String credentialsText(Map<String, String> keys) {
        var text = new StringBuilder("""
                # Hashes of the keys in department-keys.properties (written from it on every start of the local stack).
                # Format: departmentId = sha256:<hex of SHA-256 of the key>
                """);
        keys.forEach((department, key) -> text.append(department).append(" = ").append(ApiKeys.hash(key)).append('\n'));
        return text.toString();
    }

    /** Writes {@code text} to {@code file} readable by its owner only, replacing it at once (never half written). */
    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        restrict(file, OWNER_ONLY);
    }

    private static void ownerOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, OWNER_ONLY_DIR);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: the directory's own protection applies
        }
    }
}
