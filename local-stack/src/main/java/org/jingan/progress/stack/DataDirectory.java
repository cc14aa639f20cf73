package org.jingan.progress.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** The stack's data directory: created when missing, emptied by --fresh only when it is recognisably the stack's. */
final class DataDirectory {
    /** What the stack puts in its data directory; --fresh refuses to delete a directory holding anything else. */
    private static final Set<String> OURS = Set.of("kafka", "registry", "streams", "intake", "demo", "logs", "monitor",
            "credentials", "bulletins");

    private DataDirectory() {
    }

    static void prepare(Path dir, boolean fresh) {
        try {
            if (fresh && Files.exists(dir)) {
                requireOurs(dir);
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException("Cannot prepare the data directory " + dir + " (" + e.getMessage()
                    + "): choose another with --data-dir.", e);
        }
    }

    private static void requireOurs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new StackException("--fresh: " + dir + " is not a directory; choose the data directory with --data-dir.");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                if (!OURS.contains(entry.getFileName().toString())) {
                    throw new StackException("--fresh would delete " + dir + ", but it holds '" + entry.getFileName()
                            + "', which the local stack did not put there; delete it yourself or choose another --data-dir.");
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
