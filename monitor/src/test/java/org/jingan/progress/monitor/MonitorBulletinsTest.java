package org.jingan.progress.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.jingan.progress.bulletins.BulletinSettings;
import org.jingan.progress.bulletins.store.BulletinStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The kept bulletins on the monitor's console, behind its sign-in: a viewer lists and downloads them, only an
 * operator asks for one written now. The query API the monitor would write from is down here (a closed port): the
 * on-demand answer says so as a 503 problem, and the month-end checks keep nothing rather than a wrong document.
 * (The documents themselves are proven in the bulletins module's BulletinsIntegrationTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorBulletinsTest {
    @TempDir
    static Path store;
    private MonitorFixture fixture;
    private MonitorServer monitor;

    @BeforeAll
    void start() throws Exception {
        new BulletinStore(store).keep(YearMonth.of(2020, 4), Map.of("bulletin-zh.pdf", "%PDF-1.4 april".getBytes()),
                Map.of("month", "2020-04", "trigger", "month-end", "clockAtGeneration", "2020-05-01T00:00:00Z",
                        "files", List.of("bulletin-zh.pdf")));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        fixture = new MonitorFixture();
        monitor = MonitorServer.start(fixture.config()
                .bulletins(new BulletinSettings("http://127.0.0.1:" + closedPort, store, Duration.ofMillis(200))).build());
        await().atMost(Duration.ofSeconds(60)).until(monitor::isReady);
    }

    @AfterAll
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldListAndServeTheKeptBulletinsToAViewer() throws Exception {
        HttpResponse<String> list = fixture.http(fixture.request(monitor, "/api/bulletins", MonitorFixture.VIEWER).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode items = fixture.json.readTree(list.body()).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("month").asText()).isEqualTo("2020-04");
        assertThat(items.get(0).path("files").get(0).path("url").asText()).isEqualTo("api/bulletins/2020-04/bulletin-zh.pdf");

        HttpResponse<String> pdf = fixture.http(fixture.request(monitor, "/api/bulletins/2020-04/bulletin-zh.pdf",
                MonitorFixture.VIEWER).GET().build());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("bulletin-2020-04-zh.pdf"));
        assertThat(pdf.body()).isEqualTo("%PDF-1.4 april");
        assertThat(fixture.http(fixture.request(monitor, "/api/bulletins/2020-04/manifest.json", MonitorFixture.VIEWER)
                .GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAskASignInToReadAndAnOperatorToWriteOneNow() throws Exception {
        assertThat(fixture.http(fixture.request(monitor, "/api/bulletins", null).GET().build()).statusCode()).isEqualTo(401);
        assertThat(fixture.http(fixture.request(monitor, "/api/on-demand/bulletins/2020-04", MonitorFixture.VIEWER)
                .GET().build()).statusCode()).isEqualTo(403);
        HttpResponse<String> now = fixture.http(fixture.request(monitor, "/api/on-demand/bulletins/2020-04?lang=en",
                MonitorFixture.OPERATOR).GET().build());
        assertThat(now.statusCode()).isEqualTo(503);
        assertThat(now.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(now.body()).contains("does not answer");
        assertThat(fixture.http(fixture.request(monitor, "/api/on-demand/bulletins/April?lang=en", MonitorFixture.OPERATOR)
                .GET().build()).statusCode()).isEqualTo(400);
        try (var months = Files.list(store)) {
            assertThat(months.map(p -> p.getFileName().toString()).toList()).containsExactly("2020-04");
        }
    }
}
