package org.jingan.progress.bulletins.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kept bulletins: one directory per month ({@code 2020-03/}) holding its documents and {@code manifest.json}.
 * A month's directory is written whole under a temporary name and renamed into place; the rename is the decision
 * that the month has its bulletin, so a month is kept once: a second writer (another tick, a restarted process,
 * another process on the same directory) finds the name taken and keeps nothing. A temporary directory left by a
 * crash is never read, and removed by the next start once it is ten minutes old (a younger one may be another
 * process's, still writing).
 */
public final class BulletinStore {
    public static final String MANIFEST = "manifest.json";
    private static final String TEMPORARY = ".writing-";
    /** A temporary directory untouched this long is a crash's leftover; a younger one may be another writer's. */
    private static final java.time.Duration LEFTOVER_AFTER = java.time.Duration.ofMinutes(10);

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    public BulletinStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> leftovers = Files.list(dir)) {
                for (Path left : leftovers.filter(p -> p.getFileName().toString().startsWith(TEMPORARY)).toList()) {
                    try {
                        if (isLeftover(left)) {
                            deleteTree(left);
                        }
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // another writer renamed or removed it meanwhile
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the bulletin store " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public boolean has(YearMonth month) {
        return Files.isRegularFile(dir.resolve(month.toString()).resolve(MANIFEST));
    }

    /**
     * Keeps {@code files} (name to bytes) and the manifest as the month's bulletin, unless the month has one.
     * Returns whether this call kept it.
     */
    public boolean keep(YearMonth month, Map<String, byte[]> files, Map<String, Object> manifest) {
        Path target = dir.resolve(month.toString());
        if (Files.exists(target)) {
            return false;
        }
        Path writing = dir.resolve(TEMPORARY + month + "-" + UUID.randomUUID());
        try {
            Files.createDirectory(writing, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(writing.resolve(checkedName(file.getKey())), file.getValue());
            }
            json.writerWithDefaultPrettyPrinter().writeValue(writing.resolve(MANIFEST).toFile(), manifest);
        } catch (IOException e) {
            deleteQuietly(writing);
            throw new UncheckedIOException("Cannot write the bulletin of " + month + " in " + dir + ": " + e.getMessage(), e);
        }
        try {
            Files.move(writing, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            deleteQuietly(writing);
            if (Files.exists(target)) {
                return false; // another writer kept the month first (rename(2) onto a non-empty directory fails)
            }
            throw new UncheckedIOException("Cannot keep the bulletin of " + month + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The kept bulletins, newest month first. */
    public List<KeptBulletin> list() {
        List<KeptBulletin> kept = new ArrayList<>();
        try (Stream<Path> months = Files.list(dir)) {
            for (Path monthDir : months.sorted(Comparator.reverseOrder()).toList()) {
                month(monthDir.getFileName().toString()).filter(this::has).ifPresent(m -> kept.add(read(m)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kept;
    }

    public Optional<KeptBulletin> get(YearMonth month) {
        return has(month) ? Optional.of(read(month)) : Optional.empty();
    }

    /** A kept document of a month, if it exists; the name must be one of the month's files. */
    public Optional<Path> file(YearMonth month, String name) {
        return get(month).filter(k -> k.files().contains(name)).map(k -> dir.resolve(month.toString()).resolve(name));
    }

    private KeptBulletin read(YearMonth month) {
        Path monthDir = dir.resolve(month.toString());
        try {
            JsonNode manifest = json.readTree(monthDir.resolve(MANIFEST).toFile());
            List<String> files = new ArrayList<>();
            manifest.path("files").forEach(f -> files.add(f.asText()));
            return new KeptBulletin(month, List.copyOf(files), manifest.path("clockAtGeneration").asText(),
                    manifest.path("trigger").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + monthDir.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A temporary directory nobody has written to for a while: a crash's. (A file's age on disk, not the district
     * clock: it tells whether a writer is still at work, not what date it is in the district.)
     */
    private static boolean isLeftover(Path temporary) throws IOException {
        return Files.getLastModifiedTime(temporary).toInstant().isBefore(java.time.Instant.now().minus(LEFTOVER_AFTER));
    }

    private static Optional<YearMonth> month(String name) {
        try {
            return Optional.of(YearMonth.parse(name));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String checkedName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.equals(MANIFEST)) {
            throw new IllegalArgumentException("Not a document name: " + name);
        }
        return name;
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException ignored) {
            // a leftover temporary directory is removed at the next start
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
