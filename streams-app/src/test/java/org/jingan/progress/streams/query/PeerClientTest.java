package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** One test per way a peer's answer can fail a forwarded read; the peer is a real HTTP server on 127.0.0.1. */
class PeerClientTest {
    private HttpServer peer;
    private HostInfo host;
    private final PeerSecret secret = PeerSecret.random();
    private final PeerClient client = new PeerClient(new ObjectMapper(), Duration.ofSeconds(2), secret);

    @BeforeEach
    void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.start();
        host = new HostInfo("127.0.0.1", peer.getAddress().getPort());
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private void answer(String path, int status, String json) {
        peer.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @Test
    void shouldReturnThePeersAnswer() {
        answer("/internal/v1/stores/s/partitions/0/keys/k", 200, "{\"value\":{\"actual\":3}}");

        assertThat(client.get(host, "/internal/v1/stores/s/partitions/0/keys/k", Map.of()).path("value").path("actual").asInt())
                .isEqualTo(3);
    }

    @Test
    void shouldShowThePeerSecretWithEveryRequest() {
        List<String> shown = new CopyOnWriteArrayList<>();
        peer.createContext("/internal/", exchange -> {
            shown.add(exchange.getRequestHeaders().getFirst(PeerSecret.HEADER));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });

        client.get(host, "/internal/v1/stores/s/partitions/0/keys/k", Map.of());
        client.post(host, "/internal/v1/lookups/0", List.of());

        assertThat(shown).hasSize(2).allSatisfy(value -> assertThat(secret.matches(value)).isTrue());
    }

    @Test
    void shouldTreatAPeerThatRefusesTheSecretAsUnavailableAndSaySo() {
        // another copy (with the right secret) may still answer; the message says what to configure
        answer("/", 401, "{\"code\":\"unauthorized\",\"detail\":\"not this instance's secret\"}");

        assertThatThrownBy(() -> client.get(host, "/internal/v1/stores/s/partitions/0/keys/k", Map.of()))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.type()).isEqualTo("peer-unauthorized"))
                .hasMessageContaining("--peer-secret-file");
    }

    @Test
    void shouldTreatAPeerThatDoesNotKnowTheEndpointAsUnavailable() {
        // what Javalin answers for a path it has no route for: a peer of another version, mid rolling upgrade
        answer("/", 404, "{\"code\":\"not-found\",\"detail\":\"No endpoint GET /internal/v1/lookups/0\"}");

        assertThatThrownBy(() -> client.get(host, "/internal/v1/lookups/0", Map.of()))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.type()).isEqualTo("peer-incompatible"))
                .hasMessageContaining("does not serve /internal/v1/lookups/0 (HTTP 404)")
                .hasMessageContaining("Retry shortly");
    }

    @Test
    void shouldTreatAPeerThatDoesNotAllowTheMethodAsUnavailable() {
        // a peer of another version that serves the path, but not by this method
        answer("/", 405, "{\"code\":\"method-not-allowed\",\"detail\":\"POST not allowed on /internal/v1/lookups/0\"}");

        assertThatThrownBy(() -> client.post(host, "/internal/v1/lookups/0", List.of()))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.type()).isEqualTo("peer-incompatible"))
                .hasMessageContaining("does not serve /internal/v1/lookups/0 (HTTP 405)")
                .hasMessageContaining("Retry shortly");
    }

    @Test
    void shouldPassOnThePeersReasonWhenItIsUnavailable() {
        answer("/", 503, "{\"code\":\"store-migrating\",\"detail\":\"Partition 0 of store 's' is migrating\"}");

        assertThatThrownBy(() -> client.get(host, "/internal/v1/stores/s/partitions/0/keys/k", Map.of()))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.type()).isEqualTo("store-migrating"))
                .hasMessageContaining("Partition 0 of store 's' is migrating");
    }

    @Test
    void shouldReportAPeersInternalErrorAsAFaultNotAsUnavailable() {
        // a bug on the peer must not be hidden behind "retry later"
        answer("/", 500, "{\"code\":\"internal-error\",\"detail\":\"boom\"}");

        assertThatThrownBy(() -> client.get(host, "/internal/v1/stores/s/partitions/0/keys/k", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 500")
                .hasMessageContaining("boom");
    }

    @Test
    void shouldTreatAPeerThatIsDownAsUnreachable() {
        peer.stop(0);

        assertThatThrownBy(() -> client.get(host, "/internal/v1/stores/s/partitions/0/keys/k", Map.of()))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.type()).isEqualTo("peer-unreachable"));
    }
}
