package org.jingan.progress.kit.secrets;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * Files that hold secrets (logins, keys, hashes): readable by their owner only (POSIX 600, in a 700 directory when
 * this makes it) and replaced at once, so a reader never sees one half written. On a file system without POSIX
 * permissions the directory's own protection applies.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code file}, owner-only, replacing what was there; makes its directory if missing. */
    public static Path write(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                directory(dir);
            }
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            restrict(file, FILE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code properties} as a properties file (with {@code comment} on top), written as {@link #write} does. */
    public static Path write(Path file, Properties properties, String comment) {
        StringWriter text = new StringWriter();
        try {
            properties.store(text, comment);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return write(file, text.toString());
    }

    /** Makes {@code dir} (and its parents) if missing, and makes it owner-only. */
    public static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            restrict(dir, DIRECTORY);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // the directory's own protection applies
        }
    }
}
