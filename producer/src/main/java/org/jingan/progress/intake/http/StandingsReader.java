package org.jingan.progress.intake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads targets' standings from the streams app's public query API (read-only, open, GET only:
 * {@code /api/v1/departments/{id}} and {@code /api/v1/targets/{id}/history}), server-side, so the department page
 * needs no second origin and works on an intranet where browsers reach only the intake. Nothing is cached: the page
 * shows what the streams app answers now, or says it cannot.
 */
final class StandingsReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** What the streams app answered: its JSON, or why there is none. */
    record Reading(JsonNode body, String unavailable) {
    }

    private final String baseUrl;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param baseUrl the streams app's public URL, e.g. {@code http://streams-app:8080}; null: not configured */
    StandingsReader(String baseUrl, ObjectMapper mapper) {
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
        this.mapper = mapper;
    }

    Reading department(String departmentId) {
        return get("/api/v1/departments/" + path(departmentId));
    }

    Reading history(String targetId) {
        return get("/api/v1/targets/" + path(targetId) + "/history");
    }

    Optional<String> url() {
        return Optional.ofNullable(baseUrl);
    }

    private Reading get(String path) {
        if (baseUrl == null) {
            return new Reading(null, "not-configured");
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return new Reading(null, "not-found");
            }
            if (response.statusCode() != 200) {
                return new Reading(null, "status-" + response.statusCode());
            }
            return new Reading(mapper.readTree(response.body()), null);
        } catch (IOException e) {
            return new Reading(null, "unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(null, "interrupted");
        }
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
