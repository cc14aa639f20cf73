package org.jingan.progress.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

class ProblemMappingTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.prefer405over404 = true;
        });
        new ProblemMapping(mapper).explain(Map.of("busy", "Try again later. / 请稍后重试。")).install(app);
        app.get("/things", ctx -> ctx.result("things"));
        app.post("/things", ctx -> ctx.result("made"));
        app.get("/busy", ctx -> {
            throw new ProblemException(new Problem(503, "busy", "Busy", "繁忙", "Try in 2 s.", "请 2 秒后重试。")
                    .with("errors", List.of(Map.of("field", "x"))).withHeader("Retry-After", "2"));
        });
        app.get("/boom", ctx -> {
            throw new IllegalStateException("secret internals");
        });
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void shouldWriteAProblemWithItsHeadersAndExtensions() throws Exception {
        HttpResponse<String> r = send("GET", "/busy");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
        JsonNode body = mapper.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo("/problems/busy");
        assertThat(body.path("status").asInt()).isEqualTo(503);
        assertThat(body.path("instance").asText()).isEqualTo("/busy");
        assertThat(body.path("titleZh").asText()).isEqualTo("繁忙");
        assertThat(body.path("detailZh").asText()).isEqualTo("请 2 秒后重试。");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("x");
    }

    @Test
    void shouldAnswerAnUnknownPathWithNotFound() throws Exception {
        HttpResponse<String> r = send("GET", "/nowhere");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(mapper.readTree(r.body()).path("type").asText()).isEqualTo("/problems/not-found");
    }

    @Test
    void shouldAnswerAWrongMethodWithMethodNotAllowedAndAllow() throws Exception {
        HttpResponse<String> r = send("DELETE", "/things");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(mapper.readTree(r.body()).path("type").asText()).isEqualTo("/problems/method-not-allowed");
        assertThat(r.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET", "POST"));
    }

    @Test
    void shouldHideAnUnexpectedExceptionBehindInternalError() throws Exception {
        HttpResponse<String> r = send("GET", "/boom");
        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = mapper.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo("/problems/internal-error");
        assertThat(r.body()).doesNotContain("secret internals", "at org.");
    }

    @Test
    void shouldExplainEachRegisteredProblemType() throws Exception {
        assertThat(send("GET", "/problems/busy").body()).contains("Try again later");
        assertThat(send("GET", "/problems/not-found").statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = send("GET", "/problems/no-such-type");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    }

    @Test
    void shouldLeaveOutAnAbsentChineseDetail() {
        assertThat(new Problem(400, "bad-request", "Bad request", "请求有误", "no").body("/x")).doesNotContainKey("detailZh")
                .containsEntry("type", "/problems/bad-request");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
