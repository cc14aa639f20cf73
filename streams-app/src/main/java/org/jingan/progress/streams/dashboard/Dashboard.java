package org.jingan.progress.streams.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jingan.progress.streams.query.ProgressQueries;
import org.jingan.progress.streams.query.Staleness;
import org.jingan.progress.streams.query.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The web dashboard: static pages from the classpath ({@code /dashboard}) and a Server-Sent-Events feed at
 * {@value #STREAM_PATH} that pushes every standing and alert change this instance observes.
 *
 * <p>The feed polls the cluster-wide standings and alert notices through the query service every push interval
 * and sends the differences: {@code standings} (changed targets; all of them, with {@code full: true}, to a newly
 * connected page and, after the first round that could read the stores, to every page connected before it), {@code alert} (a newly firing alert, or one whose condition left the firing-alerts store,
 * then with {@code state: RESOLVED}) and {@code feed} (whether the stores could be read). Polling the stores rather than consuming the output topics keeps one source of truth for page and API.
 */
public final class Dashboard implements AutoCloseable {
    public static final String STREAM_PATH = "/api/v1/stream";
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    private static final long HEARTBEAT_EVERY_TICKS = 15;

    private final Supplier<ProgressQueries> queries;
    private final ObjectMapper mapper;
    private final Duration interval;
    private final Timer visibleLatency;
    private final Queue<SseClient> clients = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private Map<String, JsonNode> standings;
    private Map<String, JsonNode> firing;
    private boolean feedOk;
    private String instance;
    private long ticks;
    private ScheduledExecutorService poller;

    public Dashboard(Supplier<ProgressQueries> queries, ObjectMapper mapper, MeterRegistry meters, Duration interval) {
        this.queries = queries;
        this.mapper = mapper;
        this.interval = interval;
        this.visibleLatency = Timer.builder("progress.standing.visible.latency")
                .description("From the stream time a standing was computed at (its asOf) to this instance observing"
                        + " it in the stores: report-to-dashboard latency in live operation; the data's age during a replay")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder("progress.dashboard.clients", clients, Queue::size)
                .description("Dashboard pages connected to this instance's live feed").register(meters);
    }

    /** Static files: the page, its script and style, from the classpath. */
    public void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/dashboard";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
    }

    public void register(Javalin app) {
        app.sse(STREAM_PATH, client -> {
            client.keepAlive();
            client.onClose(() -> clients.remove(client));
            clients.add(client);
            synchronized (lock) {
                client.sendEvent("hello", json(Map.of("instance", instance == null ? "" : instance)));
                if (standings != null) {
                    client.sendEvent("standings", standingsEvent(standings.values(), true));
                }
                client.sendEvent("feed", json(Map.of("ok", feedOk)));
            }
        });
    }

    /** Starts polling; {@code self} names this instance in the feed. */
    public void start(String self) {
        this.instance = self;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dashboard-feed-" + self);
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        clients.forEach(SseClient::close);
        clients.clear();
    }

    private void tick() {
        try {
            poll();
            if (++ticks % HEARTBEAT_EVERY_TICKS == 0) {
                clients.forEach(c -> c.sendComment("keep-alive"));
            }
        } catch (RuntimeException e) {
            log.warn("Dashboard feed round failed: {}", e.toString());
        }
    }

    private void poll() {
        JsonNode items;
        JsonNode alertItems;
        try {
            ProgressQueries service = queries.get();
            items = service.targets(ProgressQueries.TargetFilter.ALL, Staleness.ANY).body().path("items");
            alertItems = service.alerts(ProgressQueries.AlertFilter.ALL, Staleness.ANY).body().path("items");
        } catch (UnavailableException e) {
            setFeed(false, e.getMessage());
            return;
        }
        synchronized (lock) {
            setFeed(true, null);
            Map<String, JsonNode> nextStandings = new LinkedHashMap<>();
            ArrayNode changed = mapper.createArrayNode();
            for (JsonNode item : items) {
                String id = item.path("targetId").asText();
                nextStandings.put(id, item);
                JsonNode before = standings == null ? null : standings.get(id);
                if (standings != null && !item.equals(before)) {
                    changed.add(item);
                    observeLatency(item);
                }
            }
            // standings before alerts: a page dates an alert that resolved by its target's standing, newer by now
            if (standings == null) {
                // pages that connected before the stores could be read have had no snapshot yet: this is their first
                broadcast("standings", standingsEvent(nextStandings.values(), true));
            } else if (!changed.isEmpty()) {
                broadcast("standings", standingsEvent(changed, false));
            }
            Map<String, JsonNode> nextFiring = new HashMap<>();
            for (JsonNode alert : alertItems) {
                String key = alert.path("dedupKey").asText();
                nextFiring.put(key, alert);
                JsonNode before = firing == null ? null : firing.get(key);
                if (firing != null && (before == null || !before.path("alertId").equals(alert.path("alertId")))) {
                    broadcast("alert", alert);
                }
            }
            if (firing != null) {
                // the store forgets a condition when it resolves: tell the pages it did
                firing.forEach((key, alert) -> {
                    if (!nextFiring.containsKey(key)) {
                        ObjectNode resolved = alert.deepCopy();
                        resolved.put("state", "RESOLVED");
                        broadcast("alert", resolved);
                    }
                });
            }
            standings = nextStandings;
            firing = nextFiring;
        }
    }

    private void setFeed(boolean ok, String detail) {
        synchronized (lock) {
            if (ok != feedOk) {
                feedOk = ok;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("ok", ok);
                body.put("detail", detail);
                broadcast("feed", json(body));
            }
        }
    }

    private void observeLatency(JsonNode standing) {
        String asOf = standing.path("asOf").asText(null);
        if (asOf != null) {
            long ms = Duration.between(Instant.parse(asOf), Instant.now()).toMillis();
            if (ms >= 0) {
                visibleLatency.record(ms, TimeUnit.MILLISECONDS);
            }
        }
    }

    private ObjectNode standingsEvent(Iterable<JsonNode> items, boolean full) {
        ObjectNode event = mapper.createObjectNode();
        event.put("full", full);
        ArrayNode array = event.putArray("items");
        items.forEach(array::add);
        return event;
    }

    private void broadcast(String event, JsonNode data) {
        for (SseClient client : clients) {
            if (client.terminated()) {
                clients.remove(client);
            } else {
                client.sendEvent(event, data);
            }
        }
    }

    private JsonNode json(Map<String, ?> values) {
        return mapper.valueToTree(values);
    }
}
