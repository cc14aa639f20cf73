package org.jingan.progress.streams.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A page's side of the live feed for tests: reads the event stream of one connection on its own thread and keeps
 * every event (name, id, JSON data) in arrival order; {@link #ended()} once the server closed the connection.
 */
final class SseTestClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Event(String name, String id, JsonNode data) {
    }

    private final List<Event> events = new ArrayList<>();
    private final Thread reader;
    private volatile InputStream body;
    private volatile boolean ended;
    private volatile String lastId;

    /** Connects to {@code url} (the stream with its query), resuming from {@code lastEventId} when not null. */
    SseTestClient(String url, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        this.lastId = lastEventId;
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        body = response.body();
        reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null && data.length() > 0) {
                        Event event = new Event(name, id, MAPPER.readTree(data.toString()));
                        synchronized (events) {
                            if (id != null) {
                                lastId = id;
                            }
                            events.add(event);
                        }
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            ended = true;
        }
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events named {@code name}, in arrival order. */
    List<Event> events(String name) {
        return events().stream().filter(e -> e.name().equals(name)).toList();
    }

    /** The id of the last event that had one: what a browser sends back as Last-Event-ID. */
    String lastEventId() {
        synchronized (events) {
            return lastId;
        }
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // gone
        }
    }

    /** The actual each target has on the page now: its last board, then every change after it. */
    Map<String, Double> latestActuals() {
        Map<String, Double> actuals = new HashMap<>();
        for (Event e : events("standings")) {
            if (e.data().path("full").asBoolean()) {
                actuals.clear();
            }
            e.data().path("items").forEach(s -> actuals.put(s.path("targetId").asText(), s.path("actual").asDouble()));
        }
        return actuals;
    }

    /** The actuals each target changed to after the page's board, in arrival order. */
    Map<String, List<Double>> changes() {
        Map<String, List<Double>> changes = new HashMap<>();
        events("standings").stream().filter(e -> !e.data().path("full").asBoolean())
                .forEach(e -> e.data().path("items").forEach(s -> changes.computeIfAbsent(s.path("targetId").asText(),
                        k -> new ArrayList<>()).add(s.path("actual").asDouble())));
        return changes;
    }
}
