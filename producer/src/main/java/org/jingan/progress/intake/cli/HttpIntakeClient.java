package org.jingan.progress.intake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import org.jingan.progress.intake.http.IntakeHttpApi;
import org.jingan.progress.intake.validation.ReportRequest;

/** The command line over the intake's HTTP API. */
final class HttpIntakeClient implements IntakeClient {
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http;

    HttpIntakeClient(String url, String apiKey, Duration timeout) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public ClientAnswer report(ReportRequest report, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = request("api/v1/reports")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(report)));
        if (idempotencyKey != null) {
            request.header(IntakeHttpApi.IDEMPOTENCY_HEADER, idempotencyKey);
        }
        return send(request.build());
    }

    @Override
    public ClientAnswer importSpreadsheet(Path csv, ProgressBarFactory progress) throws Exception {
        long size = Files.size(csv);
        ProgressBar bar = progress.create("uploading " + csv.getFileName(), "bytes", size);
        HttpRequest request = request("api/v1/reports/upload")
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> counting(csv, bar)), size))
                .build();
        try (bar) {
            return send(request);
        }
    }

    @Override
    public ClientAnswer targets(boolean all) throws Exception {
        return send(request(all ? "api/v1/catalog" : "api/v1/targets").GET().build());
    }

    @Override
    public ClientAnswer cases() throws Exception {
        return send(request("api/v1/cases").GET().build());
    }

    @Override
    public ClientAnswer answer(String targetId, String body) throws Exception {
        return send(request("api/v1/cases/" + java.net.URLEncoder.encode(targetId, java.nio.charset.StandardCharsets.UTF_8)
                + "/answer").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Override
    public ClientAnswer plan(String targetId, Path csv, String note) throws Exception {
        String path = "api/v1/targets/" + java.net.URLEncoder.encode(targetId, java.nio.charset.StandardCharsets.UTF_8) + "/plan";
        if (csv == null) {
            HttpResponse<String> response = http.send(request(path + "/template.csv").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return new ClientAnswer(200, com.fasterxml.jackson.databind.node.TextNode.valueOf(response.body()));
            }
            return new ClientAnswer(response.statusCode(), parse(response.body()));
        }
        String query = note == null || note.isBlank() ? ""
                : "?note=" + java.net.URLEncoder.encode(note, java.nio.charset.StandardCharsets.UTF_8);
        return send(request(path + query).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json, application/problem+json")
                .header(IntakeHttpApi.CHANNEL_HEADER, "CLI");
    }

    private ClientAnswer send(HttpRequest request) throws UnreachableException, IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new UnreachableException("cannot reach the intake at " + base + " (" + e.getClass().getSimpleName()
                    + "); is it running? Start it with `intake serve` or the local stack, or pass --url", e);
        } catch (HttpTimeoutException e) {
            throw new UnreachableException("the intake at " + base + " did not answer within " + timeout.toSeconds()
                    + " s; retry later (reports already stored count once)", e);
        }
        return new ClientAnswer(response.statusCode(), parse(response.body()));
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? mapper.nullNode() : mapper.readTree(body);
        } catch (JsonProcessingException notJson) {
            return mapper.getNodeFactory().textNode(body);
        }
    }

    private static InputStream counting(Path csv, ProgressBar bar) {
        try {
            return new FilterInputStream(Files.newInputStream(csv)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        bar.stepBy(n);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // java.net.http.HttpClient of Java 17 has nothing to close
    }
}
