package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client puts on the wire (auth header, content type, body), which the real registry in the integration
 * tests does not check: Apicurio runs without authentication there.
 */
class HttpSchemaRegistryClientRequestTest {

    private record Seen(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void startRecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldSendBasicAuthTheRegistryContentTypeAndTheSchemaOnce() throws Exception {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url, "alice:s3cret");

        assertThat(client.register("readings-value", TestSchemas.READING_V1)).isEqualTo(7);
        assertThat(client.register("readings-value", TestSchemas.READING_V1)).isEqualTo(7);
        assertThat(client.schemaById(7)).isEqualTo(TestSchemas.READING_V1);

        assertThat(seen).hasSize(1); // the repeat and the id lookup came from the cache
        Seen register = seen.get(0);
        assertThat(register.method()).isEqualTo("POST");
        assertThat(register.path()).isEqualTo("/apis/ccompat/v7/subjects/readings-value/versions");
        assertThat(register.headers().get("Authorization")).containsExactly("Basic YWxpY2U6czNjcmV0");
        assertThat(register.headers().get("Content-Type")).containsExactly("application/vnd.schemaregistry.v1+json");
        JsonNode body = new ObjectMapper().readTree(register.body());
        assertThat(body.get("schemaType").asText()).isEqualTo("AVRO");
        assertThat(body.get("schema").asText()).isEqualTo(TestSchemas.READING_V1.toString());
    }
}
