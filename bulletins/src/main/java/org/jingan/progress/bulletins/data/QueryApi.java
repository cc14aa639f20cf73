package org.jingan.progress.bulletins.data;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The streams app's public query API ({@code /api/v1}): read-only GETs, open to any reader that reaches the port (no
 * credentials; the peers' secret is only for {@code /internal}). Every answer carries its freshness, which
 * {@link FreshnessTally} sums up for the document.
 */
public final class QueryApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final FreshnessTally freshness;

    public QueryApi(String baseUrl, FreshnessTally freshness) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.freshness = freshness;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode clock() {
        return get("/api/v1/clock");
    }

    public JsonNode targets() {
        return get("/api/v1/targets");
    }

    public JsonNode target(String id) {
        return get("/api/v1/targets/" + encode(id));
    }

    public JsonNode history(String id) {
        return get("/api/v1/targets/" + encode(id) + "/history");
    }

    public JsonNode alerts() {
        return get("/api/v1/alerts");
    }

    /** Every target's current supervision case, closed ones too; null when the streams app keeps no cases (404). */
    public JsonNode cases() {
        return get("/api/v1/cases?stage=all", true);
    }

    /** One target's supervision cases, closed earlier ones too, each with its timeline. */
    public JsonNode targetCases(String id) {
        return get("/api/v1/targets/" + encode(id) + "/cases");
    }

    private JsonNode get(String path) {
        return get(path, false);
    }

    private JsonNode get(String path, boolean nullWhenNotFound) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new QueryApiException("The streams app's query API at " + baseUrl + " does not answer (" + e
                    + "): is the streams app running? Give its address with --query-url.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryApiException("Interrupted while asking " + baseUrl + path, e);
        }
        if (nullWhenNotFound && response.statusCode() == 404) {
            return null;
        }
        JsonNode body = parse(response.body(), path);
        if (response.statusCode() != 200) {
            throw new QueryApiException("GET " + baseUrl + path + " answered " + response.statusCode() + ": "
                    + body.path("title").asText("") + " " + body.path("detail").asText(response.body()), null);
        }
        freshness.add(body.path("freshness"));
        return body;
    }

    private JsonNode parse(String body, String path) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new QueryApiException("GET " + baseUrl + path + " did not answer JSON: " + body, e);
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
