package org.jingan.progress.intake.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The credentials of the local demo: every department of the 2020 catalog has the public key
 * {@code demo-<departmentId>-key}, whose hash is in the shipped {@value #RESOURCE}. For a laptop only.
 *
 * <pre>{@code
 * IntakeConfig.builder()...credentialsFile(DemoCredentials.writeTo(dataDir.resolve("intake-credentials.properties")))
 * // the demo then posts with: Authorization: Bearer DemoCredentials.keyFor("construction")
 * }</pre>
 */
public final class DemoCredentials {
    public static final String RESOURCE = "org/jingan/progress/intake/demo-credentials.properties";

    private DemoCredentials() {
    }

    /** The demo key of a department. */
    public static String keyFor(String departmentId) {
        return "demo-" + departmentId + "-key";
    }

    /** The shipped credentials file's text (hashes only). */
    public static String text() {
        try (InputStream in = DemoCredentials.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: is the producer jar on it?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the demo credentials file to {@code file} unless it exists (an operator may have edited it to rotate
     * keys), and returns it: give it to the intake as its credentials file.
     */
    public static Path writeTo(Path file) {
        try {
            if (!Files.exists(file)) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, text(), StandardCharsets.UTF_8);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo credentials to " + file, e);
        }
    }
}
