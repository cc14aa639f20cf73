package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerSecretTest {
    @TempDir
    Path dir;

    @Test
    void shouldMatchOnlyItsOwnValue() {
        PeerSecret secret = PeerSecret.random();

        assertThat(secret.matches(secret.value())).isTrue();
        assertThat(secret.matches(secret.value() + "x")).isFalse();
        assertThat(secret.matches(secret.value().substring(1))).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
        assertThat(PeerSecret.random().matches(secret.value())).as("two random secrets differ").isFalse();
        assertThat(secret.toString()).doesNotContain(secret.value());
    }

    @Test
    void shouldMakeTheFileOwnerOnlyOnceAndReadTheSameSecretAfterwards() throws IOException {
        Path file = dir.resolve("credentials").resolve("streams-peer-secret");

        PeerSecret made = PeerSecret.loadOrCreate(file);
        PeerSecret again = PeerSecret.loadOrCreate(file);

        assertThat(again.matches(made.value())).isTrue();
        assertThat(made.generated()).as("kept in a file others may be given").isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void shouldReadTheFirstLineTrimmedAndRefuseAShortOrEmptySecret() throws IOException {
        Path good = Files.writeString(dir.resolve("good"), "  0123456789abcdefXYZ  \nignored\n");
        Path shortOne = Files.writeString(dir.resolve("short"), "tooshort\n");
        Path empty = Files.writeString(dir.resolve("empty"), "");

        assertThat(PeerSecret.readFrom(good).matches("0123456789abcdefXYZ")).isTrue();
        assertThatThrownBy(() -> PeerSecret.readFrom(shortOne)).hasMessageContaining("at least 16")
                .hasMessageNotContaining("tooshort");
        assertThatThrownBy(() -> PeerSecret.readFrom(empty)).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> PeerSecret.readFrom(dir.resolve("missing"))).hasMessageContaining("missing");
    }
}
