package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.stack.demo.DemoSink.Rejection;
import org.jingan.progress.stack.demo.DemoSink.SinkUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's side of the intake protocol, against a stand-in HTTP server that answers as the intake does
 * (202, a 422 problem naming the refused reports by index, 503, 401). The real intake is used end to end by
 * LocalStackIntegrationTest.
 */
class HttpIntakeSinkTest {
    private static final DemoScript SCRIPT = DemoGenerator.generate(Catalog.loadDefault().targets(), 2020);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private volatile Answer answer = body -> new Reply(202, "{\"status\":\"accepted\"}");
    private volatile String retryAfter;
    private HttpServer server;
    private HttpIntakeSink sink;

    interface Answer {
        Reply to(JsonNode body);
    }

    record Reply(int status, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(HttpIntakeSink.BATCH_PATH, this::handle);
        server.start();
        sink = new HttpIntakeSink("http://127.0.0.1:" + server.getAddress().getPort() + "/", d -> "key-of-" + d,
                revised -> { });
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldPostEachDepartmentsReportsWithItsKeyAsTheDepartmentWritesThem() throws Exception {
        List<DemoReport> reports = SCRIPT.reports().subList(0, 40);

        assertThat(sink.send(reports)).isEmpty();

        long departments = reports.stream().map(DemoReport::departmentId).distinct().count();
        assertThat(requests).hasSize((int) departments);
        assertThat(keys).allMatch(k -> k.startsWith("Bearer key-of-"));
        List<String> sent = new ArrayList<>();
        requests.forEach(r -> r.forEach(report -> sent.add(report.path("eventId").asText())));
        assertThat(sent).containsExactlyInAnyOrderElementsOf(reports.stream().map(DemoReport::eventId).toList());
        JsonNode first = requests.get(0).get(0);
        DemoReport original = reports.get(0);
        assertThat(first.path("eventTime").asText()).endsWith("+08:00");
        assertThat(first.path("value").isTextual()).isTrue();
        assertThat(first.path("kind").asText()).isEqualTo(original.kind().name());
        Map<String, JsonNode> sentById = new HashMap<>();
        requests.forEach(r -> r.forEach(report -> sentById.put(report.path("eventId").asText(), report)));
        DemoReport whole = reports.stream().filter(r -> r.value() != null && r.value() % 1 == 0).findFirst()
                .orElseThrow(() -> new AssertionError("no report with a whole-number value among the first 40 to check"));
        assertThat(sentById.get(whole.eventId()).path("value").asText()).as("a whole number, without a decimal point")
                .isEqualTo(Long.toString(whole.value().longValue()));
        DemoReport fraction = reports.stream().filter(r -> r.value() != null && r.value() % 1 != 0).findFirst()
                .orElseThrow(() -> new AssertionError("no report with a fractional value among the first 40 to check"));
        assertThat(new BigDecimal(sentById.get(fraction.eventId()).path("value").asText()))
                .as("a fraction, as written").isEqualByComparingTo(BigDecimal.valueOf(fraction.value()));
    }

    @Test
    void shouldTakeOutTheReportsTheIntakeRefusesAndSendTheRestAgain() throws Exception {
        List<DemoReport> oneDepartment = SCRIPT.reports().stream()
                .filter(r -> r.departmentId().equals(SCRIPT.reports().get(0).departmentId())).limit(5).toList();
        String refusedId = oneDepartment.get(2).eventId();
        answer = body -> {
            for (int i = 0; i < body.size(); i++) {
                if (body.get(i).path("eventId").asText().equals(refusedId)) {
                    return new Reply(422, "{\"status\":422,\"detail\":\"1 of " + body.size() + " reports have errors\","
                            + "\"errors\":[{\"index\":" + i + ",\"field\":\"unit\",\"reason\":\"unit must be 台\"}]}");
                }
            }
            return new Reply(202, "{}");
        };

        List<Rejection> refused = sink.send(oneDepartment);

        assertThat(refused).extracting(r -> r.report().eventId()).containsExactly(refusedId);
        assertThat(refused.get(0).reason()).contains("422").contains("unit: unit must be 台");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1)).hasSize(4);
    }

    @Test
    void shouldTreatAnOverloadedOrDownIntakeAsUnavailableAndAWrongKeyAsFatal() {
        List<DemoReport> one = SCRIPT.reports().subList(0, 1);
        answer = body -> new Reply(503, "{\"detail\":\"the broker did not acknowledge\"}");
        assertThatThrownBy(() -> sink.send(one)).isInstanceOf(SinkUnavailableException.class)
                .hasMessageContaining("503").hasMessageContaining("did not acknowledge");

        answer = body -> new Reply(401, "{\"detail\":\"API key not recognised\"}");
        assertThatThrownBy(() -> sink.send(one)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not know the API key of department '" + one.get(0).departmentId() + "'");

        server.stop(0);
        assertThatThrownBy(() -> sink.send(one)).isInstanceOf(SinkUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void shouldPassOnHowLongAThrottlingIntakeAsksToWait() {
        List<DemoReport> one = SCRIPT.reports().subList(0, 1);
        answer = body -> new Reply(429, "{\"detail\":\"too many reports from this department\"}");
        retryAfter = "7";

        assertThatThrownBy(() -> sink.send(one)).isInstanceOfSatisfying(SinkUnavailableException.class, e -> {
            assertThat(e).hasMessageContaining("429").hasMessageContaining("too many reports");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });

        retryAfter = "Wed, 21 Oct 2020 07:28:00 GMT";
        assertThatThrownBy(() -> sink.send(one)).isInstanceOfSatisfying(SinkUnavailableException.class,
                e -> assertThat(e.retryAfter()).as("an HTTP date: the replay's own back-off").isEmpty());
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(body);
        keys.add(exchange.getRequestHeaders().getFirst("Authorization"));
        Reply reply = answer.to(body);
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
