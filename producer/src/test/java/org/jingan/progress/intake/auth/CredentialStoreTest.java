package org.jingan.progress.intake.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("credentials.properties"), text);
    }

    @Test
    void shouldResolveEachKeyToItsDepartmentAndNothingElse() throws IOException {
        String commerceKey = ApiKeys.generate();
        String constructionKey = ApiKeys.generate();
        var store = CredentialStore.load(write("""
                # department keys
                commerce = %s
                construction=%s
                """.formatted(ApiKeys.hash(commerceKey), ApiKeys.hash(constructionKey))), null, Duration.ofSeconds(1));

        assertThat(store.departmentFor(commerceKey)).contains("commerce");
        assertThat(store.departmentFor(" " + constructionKey + " ")).contains("construction");
        assertThat(store.departmentFor("jpk_guess")).isEmpty();
        assertThat(store.departmentFor(null)).isEmpty();
        assertThat(store.departments()).containsExactly("commerce", "construction");
    }

    @Test
    void shouldNeverStoreTheKeyItself() {
        String key = ApiKeys.generate();
        assertThat(key).startsWith("jpk_").hasSizeGreaterThan(40);
        assertThat(ApiKeys.hash(key)).startsWith("sha256:").doesNotContain(key.substring(4));
        assertThat(ApiKeys.generate()).isNotEqualTo(key);
    }

    @Test
    void shouldPickUpARotatedKeyWithoutRestartAndDropTheOldOne() throws IOException {
        String oldKey = ApiKeys.generate();
        String newKey = ApiKeys.generate();
        Path file = write("commerce = " + ApiKeys.hash(oldKey) + "\n");
        var store = CredentialStore.load(file, null, Duration.ofMillis(50));
        assertThat(store.departmentFor(oldKey)).contains("commerce");

        // step 1: both keys valid while the department switches
        Files.writeString(file, "commerce = " + ApiKeys.hash(oldKey) + ", " + ApiKeys.hash(newKey) + "\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.departmentFor(newKey).isPresent());
        assertThat(store.departmentFor(oldKey)).contains("commerce");

        // step 2: the old key is removed
        Files.writeString(file, "commerce = " + ApiKeys.hash(newKey) + "\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.departmentFor(oldKey).isEmpty());
        assertThat(store.departmentFor(newKey)).contains("commerce");
    }

    @Test
    void shouldKeepThePreviousCredentialsWhenAnEditIsBroken() throws IOException {
        String key = ApiKeys.generate();
        Path file = write("commerce = " + ApiKeys.hash(key) + "\n");
        var store = CredentialStore.load(file, null, Duration.ofMillis(20));

        Files.writeString(file, "commerce = " + key + "\n"); // a plain key pasted by mistake
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            store.reloadIfChanged();
            return store.brokenEdits() == 1;
        });
        assertThat(store.departmentFor(key)).as("the previous credentials stay in force").contains("commerce");
        assertThat(store.departments()).containsExactly("commerce");
    }

    @Test
    void shouldRefuseABrokenFileAtStartWithLineAndWithoutEchoingIt() throws IOException {
        Path file = write("# keys\ncommerce = jpk_secretsecret\n");

        assertThatThrownBy(() -> CredentialStore.load(file, null, Duration.ofSeconds(1)))
                .hasMessageContaining("line 2").hasMessageContaining("commerce").hasMessageContaining("sha256:")
                .hasMessageNotContaining("secretsecret");
        assertThatThrownBy(() -> CredentialStore.load(dir.resolve("missing"), null, Duration.ofSeconds(1)))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> CredentialStore.load(write("# nothing\n"), null, Duration.ofSeconds(1)))
                .hasMessageContaining("no department credentials");
    }

    @Test
    void shouldReadInlineCredentialsAsAnEnvironmentVariableHoldsThem() {
        String a = ApiKeys.generate();
        String b = ApiKeys.generate();
        var store = CredentialStore.load(null, "commerce=" + ApiKeys.hash(a) + ";construction=" + ApiKeys.hash(b),
                Duration.ofSeconds(1));
        assertThat(store.departmentFor(a)).contains("commerce");
        assertThat(store.departmentFor(b)).contains("construction");
    }

    /** docker-compose.yml mounts this file: its public keys must still open every department's targets. */
    @Test
    void shouldShipComposeDemoCredentialsForEveryDepartmentThatOwnsATargetInTheCatalog() throws Exception {
        String text;
        try (var in = getClass().getClassLoader().getResourceAsStream("org/jingan/progress/intake/demo-credentials.properties")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var store = CredentialStore.load(null, text, Duration.ofSeconds(1));
        var owners = org.jingan.progress.catalog.Catalog.loadDefault().targets().stream()
                .map(org.jingan.progress.avro.Target::getDepartmentId).distinct().toList();

        assertThat(owners).hasSizeGreaterThan(10).allSatisfy(department ->
                assertThat(store.departmentFor("demo-" + department + "-key")).contains(department));
    }
}
