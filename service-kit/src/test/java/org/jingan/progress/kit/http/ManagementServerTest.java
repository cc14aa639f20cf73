package org.jingan.progress.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

class ManagementServerTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldServeMetricsLivenessAndReadinessOnLoopback() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.counter("kit.test.things").increment();
        AtomicBoolean ready = new AtomicBoolean(false);
        try (ManagementServer server = ManagementServer.start("test app", ManagementEndpoint.LOOPBACK_ANY_PORT, mapper,
                meters, Health::up, () -> ready.get() ? Health.up()
                        : Health.down(Map.of("waitingFor", List.of("the decisions"))))) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            assertThat(get(server, "/metrics").body()).contains("kit_test_things_total 1.0");
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = get(server, "/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(mapper.readTree(notReady.body()).path("waitingFor").get(0).asText()).isEqualTo("the decisions");
            assertThat(mapper.readTree(notReady.body()).path("status").asText()).isEqualTo("DOWN");
            ready.set(true);
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(mapper.readTree(get(server, "/").body()).path("metrics").asText()).isEqualTo("/metrics");
            assertThat(get(server, "/elsewhere").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldTellLoopbackFromOtherInterfaces() {
        assertThat(ManagementEndpoint.loopback(8089).loopbackOnly()).isTrue();
        assertThat(new ManagementEndpoint("0.0.0.0", 8089).loopbackOnly()).isFalse();
    }

    private HttpResponse<String> get(ManagementServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
