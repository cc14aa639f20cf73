package org.jingan.progress.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLoginTest {

    @Test
    void shouldKeepALoginInAFileOnlyItsOwnerCanReadAndNeverShowThePassword(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials").resolve("intake.properties");

        KafkaLogin created = KafkaLogin.loadOrCreate(file, "intake");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(created.password()).hasSize(32);
        assertThat(created.toString()).isEqualTo("User:intake (password hidden)").doesNotContain(created.password());
        assertThat(Files.readString(file)).contains("security.protocol=SASL_PLAINTEXT").contains("sasl.mechanism=SCRAM-SHA-512")
                .contains("ScramLoginModule required username\\=\"intake\"");
        assertThat(KafkaLogin.loadOrCreate(file, "intake")).as("the second start reads the same login").isEqualTo(created);
        assertThat(KafkaLogin.generate("intake")).isNotEqualTo(created);
        assertThatThrownBy(() -> KafkaLogin.loadOrCreate(file, "monitor")).hasMessageContaining("is for user 'intake'");
    }

    @Test
    void shouldRefuseNamesThatCannotTravelInAJaasLine() {
        assertThatThrownBy(() -> new KafkaLogin("a\"b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KafkaLogin("a", "p;w")).isInstanceOf(IllegalArgumentException.class);
    }
}
