package org.jingan.progress.streams.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.MeterRegistry;

import org.jingan.progress.contract.UnitNames;

/**
 * The web dashboard: static pages from the classpath ({@code /dashboard}) and its live feed at {@value #STREAM_PATH}
 * (Server-Sent Events, pushed by {@link LiveFeed} as the topology publishes).
 *
 * <p>Events: {@code hello} (the instance), {@code standings} ({@code full: true} with the board a page shows, then
 * {@code full: false} with changed targets, and {@code removed} ids of withdrawn ones), {@code alerts} (the firing
 * alerts, {@code full: true}, after the board), {@code alert} (a notice, FIRING or RESOLVED) and {@code feed}
 * (whether the board can be read). Every event about the board has the feed's version as its id. Query parameters:
 * {@code target} or {@code department} (only what that page shows), {@code lastEventId} (as the
 * {@code Last-Event-ID} header: resume from there).
 */
public final class Dashboard implements AutoCloseable {
    public static final String STREAM_PATH = "/api/v1/stream";
    /** What the page links to beside the board: {@code {"bulletinsUrl": ... or null}}. */
    public static final String LINKS_PATH = "/api/v1/dashboard/links";
    /** The units' English names as a script the page loads before its texts: {@code window.UNITS_EN = {...}}. */
    public static final String UNITS_PATH = "/units.js";

    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private volatile LiveFeed feed;
    private volatile String bulletinsUrl;

    public Dashboard(ObjectMapper mapper, MeterRegistry meters) {
        this.mapper = mapper;
        this.meters = meters;
        LiveFeed.visibleLatency(meters);
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
        app.sse(STREAM_PATH, this::connect);
        app.get(LINKS_PATH, ctx -> {
            Map<String, Object> links = new LinkedHashMap<>();
            links.put("bulletinsUrl", bulletinsUrl);
            ctx.json(links);
        });
        String units = unitsScript();
        app.get(UNITS_PATH, ctx -> ctx.contentType("text/javascript; charset=utf-8").result(units));
    }

    /** The one table of English unit names ({@link UnitNames}), for the English page. */
    private String unitsScript() {
        try {
            return "window.UNITS_EN = " + mapper.writeValueAsString(UnitNames.table()) + ";\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The unit names cannot be written as JSON", e);
        }
    }

    /** The monitor's kept bulletins (its console's section, viewer login): the page links there; null: no link. */
    public void linkBulletins(String url) {
        this.bulletinsUrl = url;
    }

    /** The topics the live feed follows; without them the feed says it cannot be read. */
    public void follow(FeedSource source) {
        if (feed != null) {
            throw new IllegalStateException("The dashboard already follows a feed");
        }
        feed = new LiveFeed(source, mapper, meters);
    }

    /** Starts the feed (if it has a source); {@code self} names this instance in it. */
    public void start(String self) {
        if (feed != null) {
            feed.start(self);
        }
    }

    /** The live feed, or null without a source. */
    public LiveFeed feed() {
        return feed;
    }

    private void connect(SseClient client) {
        LiveFeed current = feed;
        if (current == null) {
            client.sendEvent("hello", Map.of("instance", ""));
            Map<String, Object> down = new LinkedHashMap<>();
            down.put("ok", false);
            down.put("detail", "this instance follows no standings topic");
            client.sendEvent("feed", down);
            return; // closed at once: the browser retries after a while
        }
        FeedFilter filter;
        try {
            filter = FeedFilter.of(client.ctx().queryParam("target"), client.ctx().queryParam("department"));
        } catch (IllegalArgumentException e) {
            client.sendEvent("feed", Map.of("ok", false, "detail", e.getMessage()));
            return;
        }
        String last = client.ctx().header("Last-Event-ID");
        if (last == null || last.isBlank()) {
            last = client.ctx().queryParam("lastEventId");
        }
        current.connect(client, filter, FeedVersion.parse(last));
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
    }
}
