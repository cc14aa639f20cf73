package org.jingan.progress.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * The registry's {@code config/application.properties}, which Quarkus reads from its working directory: settings
 * kept off the command line, where every user of the host could read them in the process list. Owner-only (600 in a
 * 700 directory), although it holds digests, not passwords.
 */
final class RegistrySettingsFile {
    private RegistrySettingsFile() {
    }

    static Path write(Path workDir, Map<String, String> settings) {
        Path dir = workDir.resolve("config");
        Path file = dir.resolve("application.properties");
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            Path tmp = dir.resolve("application.properties.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            ownerOnly(tmp, "rw-------");
            Properties p = new Properties();
            p.putAll(settings);
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "Schema registry accounts and HTTP permissions, written at each start (RegistryAccounts)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the schema registry's settings " + file, e);
        }
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
