package org.jingan.progress.kit.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @Test
    void shouldWriteAFileOnlyItsOwnerReadsInADirectoryOnlyItsOwnerEnters(@TempDir Path dir) throws Exception {
        Path file = OwnerOnlyFiles.write(dir.resolve("credentials/secret.txt"), "s3cret\n");

        assertThat(Files.readString(file)).isEqualTo("s3cret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(file.resolveSibling("secret.txt.tmp")).doesNotExist();
    }

    @Test
    void shouldReplaceAFileAndKeepItOwnerOnlyEvenIfItWasOpenBefore(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("login.properties"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Properties p = new Properties();
        p.setProperty("user", "alice");

        OwnerOnlyFiles.write(file, p, "a login");

        assertThat(Files.readString(file)).startsWith("#a login").contains("user=alice").doesNotContain("old");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void shouldGenerateSecretsNobodyMisreads() {
        String secret = RandomSecrets.generate();

        assertThat(secret).hasSize(32).matches("[A-Za-z2-9]+").doesNotContain("0", "O", "1", "l", "I");
        assertThat(RandomSecrets.generate()).isNotEqualTo(secret);
    }
}
