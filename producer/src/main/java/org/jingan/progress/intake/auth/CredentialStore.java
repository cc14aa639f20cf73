package org.jingan.progress.intake.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which API key belongs to which department, from a credentials file of lines
 * {@code departmentId = sha256:<hex>[, sha256:<hex>…]} ({@code #} starts a comment). Several hashes per department
 * let a new key be rolled out before the old one is removed. The file is re-read when it changes (checked at most
 * once per {@code recheckInterval}), so keys rotate without a restart; a broken edit is refused with file and line
 * and the previous credentials stay in force.
 */
public final class CredentialStore {
    private static final Logger log = LoggerFactory.getLogger(CredentialStore.class);

    private record Entry(String departmentId, byte[] digest) {
    }

    private final Path file;
    private final String inline;
    private final Duration recheckInterval;
    private final Clock clock;
    private volatile List<Entry> entries;
    private volatile Instant nextCheck;
    private byte[] lastFileContent;
    /** Edits of the file that could not be read and were ignored: an operator's alarm (a metric). */
    private final java.util.concurrent.atomic.AtomicLong brokenEdits = new java.util.concurrent.atomic.AtomicLong();

    private CredentialStore(Path file, String inline, Duration recheckInterval, Clock clock) {
        this.file = file;
        this.inline = inline;
        this.recheckInterval = recheckInterval;
        this.clock = clock;
    }

    /**
     * Credentials from a file (may be null) and inline text (may be null or blank; entries separated by newlines or
     * ';', as an environment variable holds them). Fails with file, line and reason when either is broken.
     */
    public static CredentialStore load(Path file, String inline, Duration recheckInterval) {
        var store = new CredentialStore(file, inline, recheckInterval, Clock.systemUTC());
        store.entries = store.readAll();
        store.nextCheck = store.clock.instant().plus(recheckInterval);
        if (store.entries.isEmpty()) {
            throw new IllegalArgumentException("no department credentials configured: set a credentials file "
                    + "(departmentId = sha256:<hex> per line) or INTAKE_API_KEYS");
        }
        return store;
    }

    /** The department whose key this is; empty for an unknown key. Takes the same time for every stored key. */
    public Optional<String> departmentFor(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        reloadIfChanged();
        byte[] digest = ApiKeys.sha256(presentedKey.strip());
        String match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                match = entry.departmentId();
            }
        }
        return Optional.ofNullable(match);
    }

    /** Whether a key of this SHA-256 digest is still valid for the department (a session ends when its key is removed). */
    public boolean stillValid(String departmentId, byte[] digest) {
        reloadIfChanged();
        boolean valid = false;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && entry.departmentId().equals(departmentId)) {
                valid = true;
            }
        }
        return valid;
    }

    public Set<String> departments() {
        var departments = new TreeSet<String>();
        entries.forEach(e -> departments.add(e.departmentId()));
        return departments;
    }

    /** How many edits of the file were broken and ignored since the start (the previous credentials stayed). */
    public long brokenEdits() {
        return brokenEdits.get();
    }

    /** Re-reads the file when it changed since the last look; a broken file is logged and ignored. */
    public void reloadIfChanged() {
        if (file == null || clock.instant().isBefore(nextCheck)) {
            return;
        }
        synchronized (this) {
            if (clock.instant().isBefore(nextCheck)) {
                return;
            }
            nextCheck = clock.instant().plus(recheckInterval);
            try {
                byte[] content = Files.readAllBytes(file);
                if (Arrays.equals(content, lastFileContent)) {
                    return;
                }
                lastFileContent = content; // a broken edit is reported once, not on every check
                List<Entry> fresh = readAll();
                entries = fresh;
                log.atInfo().addKeyValue("file", file).addKeyValue("departments", departments())
                        .log("department credentials reloaded");
            } catch (IOException | IllegalArgumentException e) {
                brokenEdits.incrementAndGet();
                log.atError().addKeyValue("file", file).addKeyValue("error", e.getMessage())
                        .log("credentials file not reloaded, the previous credentials stay in force");
            }
        }
    }

    private List<Entry> readAll() {
        var all = new ArrayList<Entry>();
        if (file != null) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("credentials file " + file + " does not exist");
            } catch (IOException e) {
                throw new IllegalArgumentException("credentials file " + file + " cannot be read: " + e.getMessage());
            }
            all.addAll(parse(new String(content, StandardCharsets.UTF_8), file.toString(), "\n"));
            lastFileContent = content;
        }
        if (inline != null && !inline.isBlank()) {
            all.addAll(parse(inline, "INTAKE_API_KEYS", "[;\n]"));
        }
        return List.copyOf(all);
    }

    static List<Entry> parse(String text, String source, String separator) {
        var byDepartment = new LinkedHashMap<String, List<byte[]>>();
        String[] lines = text.split(separator, -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\uFEFF", "").strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                // Never echo the line: it could be a plain key pasted by mistake.
                throw new IllegalArgumentException("%s line %d: expected 'departmentId = sha256:<hex>'".formatted(source, i + 1));
            }
            String department = line.substring(0, eq).strip();
            for (String hash : line.substring(eq + 1).split(",")) {
                byte[] digest = ApiKeys.parseStoredHash(hash);
                if (digest == null) {
                    throw new IllegalArgumentException(("%s line %d: the hash for '%s' is not 'sha256:' followed by 64 hex digits; "
                            + "generate one with `intake hash-key`").formatted(source, i + 1, department));
                }
                byDepartment.computeIfAbsent(department, d -> new ArrayList<>()).add(digest);
            }
        }
        var entries = new ArrayList<Entry>();
        byDepartment.forEach((department, digests) -> digests.forEach(d -> entries.add(new Entry(department, d))));
        return entries;
    }
}
