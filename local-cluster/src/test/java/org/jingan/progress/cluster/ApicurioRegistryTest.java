package org.jingan.progress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioRegistryTest {
    private static final String SCHEMA = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"}]}\"}";
    private final HttpClient http = HttpClient.newHttpClient();
    private final KafkaLogin deployer = KafkaLogin.generate("deployer");
    private final KafkaLogin app = KafkaLogin.generate("streams-app");
    private final RegistryAccounts accounts = RegistryAccounts.of(deployer, List.of(app));

    @Test
    void shouldKeepSchemaIdsAcrossARestartWithPersistentStorage(@TempDir Path dir) throws Exception {
        ApicurioRegistry registry = ApicurioRegistry.persistent(0, dir, dir.resolve("storage"), accounts);
        try {
            registry.start();
            String id = register(registry, "kept-value");
            registry.stop();
            registry.start();

            HttpResponse<String> fetched = send(app, "GET", registry.url() + "/schemas/ids/" + id, null);
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).contains("Kept");
            assertThat(register(registry, "kept-value")).isEqualTo(id);
        } finally {
            registry.stop();
        }
    }

    @Test
    void shouldRefuseAnIncompatibleChangeOnEverySubjectByDefault(@TempDir Path dir) throws Exception {
        try (ApicurioRegistry registry = ApicurioRegistry.inMemory(0, dir, accounts).start()) {
            register(registry, "evolving-value");
            String withNewRequiredField = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":["
                    + "{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"},{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

            HttpResponse<String> refused = send(deployer, "POST", registry.url() + "/subjects/evolving-value/versions",
                    withNewRequiredField);

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("Incompatible");
        }
    }

    @Test
    void shouldRefuseEveryWayOfDeletingOrHidingASubjectToEveryAccountAndKeepItsVersions(@TempDir Path dir) throws Exception {
        try (ApicurioRegistry registry = ApicurioRegistry.inMemory(0, dir, accounts).start()) {
            String id = register(registry, "progress-events-value");
            for (KafkaLogin who : List.of(deployer, app)) {
                assertNothingDeletedBy(who, registry, id);
            }
        }
    }

    private void assertNothingDeletedBy(KafkaLogin who, ApicurioRegistry registry, String id) throws Exception {
        {
            String native3 = registry.url().replace("/apis/ccompat/v7", "/apis/registry/v3");

            for (String method : new String[] {"DELETE", "delete", "Delete"}) {
                assertRefused(send(method, registry.url() + "/subjects/progress-events-value", null));
            }
            assertRefused(send(who, "DELETE", registry.url() + "/subjects/progress-events-value?permanent=true", null));
            assertRefused(send(who, "DELETE", registry.url() + "/subjects/progress-events-value/versions/1", null));
            assertRefused(send(who, "DELETE", registry.url() + "/subjects/progress-events-value/versions/1?permanent=true", null));
            assertRefused(send(who, "DELETE", registry.url() + "/config/progress-events-value", null));
            assertRefused(send(who, "DELETE", native3 + "/groups/default/artifacts/progress-events-value", null));
            assertRefused(send(who, "DELETE", native3 + "/groups/default", null));
            // the native API is read-only: no disabling a version, no switching deletion back on at run time
            assertRefused(send(who, "PUT", native3 + "/groups/default/artifacts/progress-events-value/versions/1/state",
                    "{\"state\":\"DISABLED\"}"));
            assertRefused(send(who, "PUT", native3 + "/admin/config/properties/apicurio.rest.deletion.artifact.enabled",
                    "{\"value\":\"true\"}"));
            assertRefused(send(who, "DELETE", registry.url() + "/subjects/progress-events-value?permanent=true", null));

            HttpResponse<String> subjects = send(who, "GET", registry.url() + "/subjects", null);
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body()).contains("progress-events-value");
            HttpResponse<String> versions = send(who, "GET", registry.url() + "/subjects/progress-events-value/versions", null);
            assertThat(versions.statusCode()).isEqualTo(200);
            assertThat(versions.body()).isEqualTo("[1]");
            HttpResponse<String> byId = send(who, "GET", registry.url() + "/schemas/ids/" + id, null);
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.body()).contains("Kept");
            // and what the deployer needs still works: registration, compatibility per subject
            assertThat(register(registry, "progress-events-value")).isEqualTo(id);
            assertThat(send(deployer, "PUT", registry.url() + "/config/progress-events-value", "{\"compatibility\":\"BACKWARD\"}")
                    .statusCode()).isEqualTo(200);
        }
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isIn(401, 403, 405);
    }

    @Test
    void shouldLetTheAppsReadButNeverRegisterOrChangeACompatibilityRule(@TempDir Path dir) throws Exception {
        try (ApicurioRegistry registry = ApicurioRegistry.inMemory(0, dir, accounts).start()) {
            String id = register(registry, "progress-events-value");
            String url = registry.url();

            assertThat(send(null, "GET", url + "/subjects", null).statusCode()).as("anonymous").isEqualTo(401);
            assertThat(send(new KafkaLogin(app.username(), "wrong-password"), "GET", url + "/subjects", null).statusCode())
                    .as("wrong password").isEqualTo(401);
            assertThat(send(app, "GET", url + "/subjects", null).statusCode()).isEqualTo(200);
            assertThat(send(app, "GET", url + "/schemas/ids/" + id, null).statusCode()).isEqualTo(200);
            assertThat(send(app, "GET", url + "/subjects/progress-events-value/versions/latest", null).statusCode())
                    .isEqualTo(200);

            String other = SCHEMA.replace("Kept", "Forged");
            for (String path : List.of("/subjects/progress-events-value/versions",
                    "/subjects/progress-events-value/versions;x=1", "/subjects/progress-events-value/versions/",
                    "//subjects/progress-events-value/versions", "/subjects/forged-value/versions",
                    "/subjects/progress-events-value")) {
                assertThat(send(app, "POST", url + path, other).statusCode()).as("POST " + path).isEqualTo(403);
            }
            for (String path : List.of("/config", "/config/progress-events-value", "/mode", "/mode/progress-events-value")) {
                assertThat(send(app, "PUT", url + path, "{\"compatibility\":\"NONE\",\"mode\":\"IMPORT\"}").statusCode())
                        .as("PUT " + path).isEqualTo(403);
            }

            assertThat(send(app, "GET", url + "/subjects", null).body()).doesNotContain("forged-value");
            assertThat(send(app, "GET", url + "/subjects/progress-events-value/versions", null).body()).isEqualTo("[1]");
            assertThat(send(app, "GET", url + "/config", null).body()).contains("BACKWARD");
        }
    }

    @Test
    void shouldKeepItsSettingsOffTheCommandLineInAnOwnerOnlyFileWithoutPasswords(@TempDir Path dir) throws Exception {
        try (ApicurioRegistry registry = ApicurioRegistry.inMemory(0, dir, accounts).start()) {
            Path settings = dir.resolve("config/application.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.getParent())))
                    .isEqualTo("rwx------");
            assertThat(Files.readString(settings)).contains("streams-app").doesNotContain(app.password())
                    .doesNotContain(deployer.password());
        }
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return send(deployer, method, url, body);
    }

    private HttpResponse<String> send(KafkaLogin who, String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (who != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    who.registryUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String register(ApicurioRegistry registry, String subject) throws Exception {
        HttpResponse<String> response = send(deployer, "POST", registry.url() + "/subjects/" + subject + "/versions", SCHEMA);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll("\\D+", "");
    }
}
