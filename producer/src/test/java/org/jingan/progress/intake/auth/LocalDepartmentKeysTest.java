package org.jingan.progress.intake.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDepartmentKeysTest {
    @TempDir
    Path data;

    @Test
    void shouldMakeRandomKeysOnTheFirstStartOwnerOnlyAndStoreOnlyTheirHashesForTheIntake() throws Exception {
        Path dir = data.resolve("intake");

        var keys = LocalDepartmentKeys.loadOrCreate(dir, List.of("construction", "commerce"));

        assertThat(keys.keyFor("construction")).startsWith("jpk_").hasSizeGreaterThan(40)
                .isNotEqualTo(keys.keyFor("commerce")).isNotEqualTo("demo-construction-key");
        assertThat(Files.getPosixFilePermissions(keys.keysFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(keys.credentialsFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String hashes = Files.readString(keys.credentialsFile());
        assertThat(hashes).doesNotContain(keys.keyFor("construction")).contains(ApiKeys.hash(keys.keyFor("construction")));
        var store = CredentialStore.load(keys.credentialsFile(), null, Duration.ofSeconds(1));
        assertThat(store.departmentFor(keys.keyFor("commerce"))).contains("commerce");
        assertThat(keys.toString()).doesNotContain(keys.keyFor("commerce"));
    }

    @Test
    void shouldReuseTheKeysOfADataDirectoryAndAddOnlyNewDepartments() {
        Path dir = data.resolve("intake");
        var first = LocalDepartmentKeys.loadOrCreate(dir, List.of("construction"));

        var again = LocalDepartmentKeys.loadOrCreate(dir, List.of("construction", "finance"));

        assertThat(again.keyFor("construction")).isEqualTo(first.keyFor("construction"));
        assertThat(again.departments()).containsExactly("construction", "finance");
        assertThat(LocalDepartmentKeys.loadOrCreate(data.resolve("other"), List.of("construction")).keyFor("construction"))
                .as("another data directory, another key").isNotEqualTo(first.keyFor("construction"));
    }

    @Test
    void shouldReplaceThePublicDemoHashesAnOlderStackLeft() throws Exception {
        Path dir = Files.createDirectories(data.resolve("intake"));
        Files.writeString(dir.resolve("credentials.properties"), "construction = " + ApiKeys.hash("demo-construction-key") + "\n");

        var keys = LocalDepartmentKeys.loadOrCreate(dir, List.of("construction"));

        var store = CredentialStore.load(keys.credentialsFile(), null, Duration.ofSeconds(1));
        assertThat(store.departmentFor("demo-construction-key")).isEmpty();
        assertThat(store.departmentFor(keys.keyFor("construction"))).contains("construction");
    }
}
