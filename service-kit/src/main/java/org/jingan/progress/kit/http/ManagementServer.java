package org.jingan.progress.kit.http;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A second HTTP server beside an app's public one, for operators and orchestrators: Prometheus metrics, liveness and
 * readiness on their own port, loopback by default ({@link ManagementEndpoint}). Kept off the public port: the
 * metrics name every route, topic and thread, and readiness tells anyone when the app is restoring.
 *
 * <pre>
 * GET /               an index of the three
 * GET /metrics        Prometheus text format
 * GET /health/live    200 {"status":"UP",...} or 503 {"status":"DOWN",...}
 * GET /health/ready   the same; a 503 carries Retry-After: 1
 * </pre>
 * Errors are {@link Problem}s, as on the public port.
 */
public final class ManagementServer implements AutoCloseable {
    public static final String METRICS = "/metrics";
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";

    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

    private final ManagementEndpoint endpoint;
    private final Javalin app;

    private ManagementServer(ManagementEndpoint endpoint, Javalin app) {
        this.endpoint = endpoint;
        this.app = app;
    }

    /**
     * Starts serving on {@code endpoint}.
     *
     * @param name      the app's name, for the log
     * @param meters    what /metrics scrapes
     * @param liveness  asked on each /health/live
     * @param readiness asked on each /health/ready
     */
    public static ManagementServer start(String name, ManagementEndpoint endpoint, ObjectMapper mapper,
                                         PrometheusMeterRegistry meters, Supplier<Health> liveness,
                                         Supplier<Health> readiness) {
        Objects.requireNonNull(meters, "meters");
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
        });
        new ProblemMapping(mapper).install(app);
        app.get("/", ctx -> ctx.json(Map.of("metrics", METRICS, "liveness", LIVE, "readiness", READY)));
        app.get(METRICS, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
        app.get(LIVE, ctx -> {
            Health health = liveness.get();
            ctx.status(health.ok() ? 200 : 503).json(health.body());
        });
        app.get(READY, ctx -> {
            Health health = readiness.get();
            if (!health.ok()) {
                ctx.header("Retry-After", "1");
            }
            ctx.status(health.ok() ? 200 : 503).json(health.body());
        });
        app.start(endpoint.bindHost(), endpoint.port());
        ManagementServer server = new ManagementServer(endpoint, app);
        if (endpoint.loopbackOnly()) {
            log.info("Metrics and health of the {}: {}{}, {} (this host only)", name, server.url(), METRICS, READY);
        } else {
            log.warn("Metrics and health of the {} listen on {}:{}, not loopback: anyone who reaches it reads them"
                    + " without credentials; keep the port off public networks", name, endpoint.bindHost(), server.port());
        }
        return server;
    }

    public int port() {
        return app.port();
    }

    /** http://host:port to reach it from this host (loopback when it listens on every interface). */
    public String url() {
        String bind = endpoint.bindHost();
        String host = "0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : bind;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
