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

    private String register(ApicurioRegistry registry, String subject) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(SCHEMA)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll("\\D+", "");
    }
}
