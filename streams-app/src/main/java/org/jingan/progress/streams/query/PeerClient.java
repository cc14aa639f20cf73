package org.jingan.progress.streams.query;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks another instance's internal endpoints for its local copy of a store partition, showing the shared
 * {@link PeerSecret}.
 */
final class PeerClient {
    private static final Logger log = LoggerFactory.getLogger(PeerClient.class);

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final PeerSecret secret;

    PeerClient(ObjectMapper mapper, Duration timeout, PeerSecret secret) {
        this.mapper = mapper;
        this.timeout = timeout;
        this.secret = secret;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * GETs {@code path} (with query) from {@code host}; a peer that is down, slow, answers 503 or does not know the
     * endpoint (404/405: another version) is an {@link UnavailableException} so the caller can try another copy.
     * Any other answer but 200 is a fault of that peer, reported as such.
     */
    JsonNode get(HostInfo host, String path, Map<String, String> query) {
        URI uri = URI.create("http://" + QueryHosts.name(host) + path + queryString(query));
        return send(host, uri, HttpRequest.newBuilder(uri).GET());
    }

    /** POSTs {@code body} as JSON to {@code path} of {@code host}; failures as in {@link #get}. */
    JsonNode post(HostInfo host, String path, Object body) {
        URI uri = URI.create("http://" + QueryHosts.name(host) + path);
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write " + body + " as JSON", e);
        }
        return send(host, uri, HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    private JsonNode send(HostInfo host, URI uri, HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(timeout).header("Accept", "application/json")
                            .header(PeerSecret.HEADER, secret.value()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UnavailableException("peer-unreachable", "Instance " + QueryHosts.name(host)
                    + " did not answer (" + e.getClass().getSimpleName() + "); it may be down.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("peer-unreachable", "Interrupted while asking " + QueryHosts.name(host), e);
        }
        JsonNode body = parse(host, response.body());
        if (response.statusCode() == 200) {
            return body;
        }
        String detail = body.path("detail").asText("HTTP " + response.statusCode());
        if (response.statusCode() == 503) {
            throw new UnavailableException(body.path("code").asText("store-migrating"),
                    "Instance " + QueryHosts.name(host) + ": " + detail);
        }
        if (response.statusCode() == 401) {
            // a configuration fault, but maybe on that peer alone (or mid-rotation): another copy may still answer
            log.warn("Instance {} refused this instance's peer secret: give every instance the same --peer-secret-file",
                    QueryHosts.name(host));
            throw new UnavailableException("peer-unauthorized", "Instance " + QueryHosts.name(host) + " refused this"
                    + " instance's peer secret; every instance must be given the same --peer-secret-file.");
        }
        if (response.statusCode() == 404 || response.statusCode() == 405) {
            // the internal endpoints answer every valid question with 200 or 503: a peer that does not know the
            // endpoint runs another version, as during a rolling upgrade, so another copy (or a retry) may answer
            throw new UnavailableException("peer-incompatible", "Instance " + QueryHosts.name(host) + " does not serve "
                    + uri.getPath() + " (HTTP " + response.statusCode() + "); it may run another version during a"
                    + " rolling upgrade. Retry shortly.");
        }
        throw new IllegalStateException("Instance " + QueryHosts.name(host) + " answered " + response.statusCode()
                + " to " + uri.getPath() + ": " + detail);
    }

    private JsonNode parse(HostInfo host, byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new UnavailableException("peer-unreachable", "Instance " + QueryHosts.name(host)
                    + " sent an unreadable answer: " + e.getMessage(), e);
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
