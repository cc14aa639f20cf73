package org.jingan.progress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioRegistryTest {
    private static final String SCHEMA = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"}]}\"}";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldKeepSchemaIdsAcrossARestartWithPersistentStorage(@TempDir Path dir) throws Exception {
        ApicurioRegistry registry = ApicurioRegistry.persistent(0, dir, dir.resolve("storage"));
        try {
            registry.start();
            String id = register(registry, "kept-value");
            registry.stop();
            registry.start();

            HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(
                    URI.create(registry.url() + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).contains("Kept");
            assertThat(register(registry, "kept-value")).isEqualTo(id);
        } finally {
            registry.stop();
        }
    }

    @Test
    void shouldRefuseAnIncompatibleChangeOnEverySubjectByDefault(@TempDir Path dir) throws Exception {
        try (ApicurioRegistry registry = ApicurioRegistry.inMemory(0, dir).start()) {
            register(registry, "evolving-value");
            String withNewRequiredField = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":["
                    + "{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"},{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
                            URI.create(registry.url() + "/subjects/evolving-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(withNewRequiredField)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("Incompatible");
        }
    }

    @Test
    void shouldRefuseEveryWayOfDeletingOrHidingASubjectAndKeepItsVersions(@TempDir Path dir) throws Exception {
        try (ApicurioRegistry registry = ApicurioRegistry.inMemory(0, dir).start()) {
            String id = register(registry, "progress-events-value");
            String native3 = registry.url().replace("/apis/ccompat/v7", "/apis/registry/v3");

            for (String method : new String[] {"DELETE", "delete", "Delete"}) {
                assertRefused(send(method, registry.url() + "/subjects/progress-events-value", null));
            }
            assertRefused(send("DELETE", registry.url() + "/subjects/progress-events-value?permanent=true", null));
            assertRefused(send("DELETE", registry.url() + "/subjects/progress-events-value/versions/1", null));
            assertRefused(send("DELETE", registry.url() + "/subjects/progress-events-value/versions/1?permanent=true", null));
            assertRefused(send("DELETE", registry.url() + "/config/progress-events-value", null));
            assertRefused(send("DELETE", native3 + "/groups/default/artifacts/progress-events-value", null));
            assertRefused(send("DELETE", native3 + "/groups/default", null));
            // the native API is read-only: no disabling a version, no switching deletion back on at run time
            assertRefused(send("PUT", native3 + "/groups/default/artifacts/progress-events-value/versions/1/state",
                    "{\"state\":\"DISABLED\"}"));
            assertRefused(send("PUT", native3 + "/admin/config/properties/apicurio.rest.deletion.artifact.enabled",
                    "{\"value\":\"true\"}"));
            assertRefused(send("DELETE", registry.url() + "/subjects/progress-events-value?permanent=true", null));

            HttpResponse<String> subjects = send("GET", registry.url() + "/subjects", null);
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body()).contains("progress-events-value");
            HttpResponse<String> versions = send("GET", registry.url() + "/subjects/progress-events-value/versions", null);
            assertThat(versions.statusCode()).isEqualTo(200);
            assertThat(versions.body()).isEqualTo("[1]");
            HttpResponse<String> byId = send("GET", registry.url() + "/schemas/ids/" + id, null);
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.body()).contains("Kept");
            // and what the apps and the deployer need still works: look-up, registration, compatibility per subject
            assertThat(register(registry, "progress-events-value")).isEqualTo(id);
            assertThat(send("PUT", registry.url() + "/config/progress-events-value", "{\"compatibility\":\"BACKWARD\"}")
                    .statusCode()).isEqualTo(200);
        }
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isIn(401, 403, 405);
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String register(ApicurioRegistry registry, String subject) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(SCHEMA)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll("\\D+", "");
    }
}
