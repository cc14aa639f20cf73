package org.jingan.progress.streams.query;

import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A second HTTP server beside the query API, for operators and orchestrators: metrics and health
 * ({@link ManagementRoutes}) on their own port, loopback by default. Kept off the public port: the metrics name every
 * route, store and thread and weigh a megabyte, and readiness tells anyone when the app is restoring.
 */
final class ManagementServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

    private final ManagementEndpoint endpoint;
    private final Javalin app;

    private ManagementServer(ManagementEndpoint endpoint, Javalin app) {
        this.endpoint = endpoint;
        this.app = app;
    }

    static ManagementServer start(ManagementEndpoint endpoint, ObjectMapper mapper, int retryAfterSeconds,
                                  Supplier<KafkaStreams> streams, PrometheusMeterRegistry meters,
                                  Supplier<Optional<String>> notReadyBecause) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
        });
        Problems.register(app, retryAfterSeconds);
        new ManagementRoutes(streams, meters, notReadyBecause).register(app);
        app.start(endpoint.bindHost(), endpoint.port());
        ManagementServer server = new ManagementServer(endpoint, app);
        if (endpoint.loopbackOnly()) {
            log.info("Metrics and health of this instance: {}/metrics, /health/ready (this host only)", server.url());
        } else {
            log.warn("Metrics and health of this instance listen on {}:{}, not loopback: anyone who reaches it reads"
                    + " them without credentials; keep the port off public networks", endpoint.bindHost(), server.port());
        }
        return server;
    }

    int port() {
        return app.port();
    }

    /** http://host:port to reach it from this host (loopback when it listens on every interface). */
    String url() {
        String host = "0.0.0.0".equals(endpoint.bindHost()) || "::".equals(endpoint.bindHost()) ? "127.0.0.1"
                : endpoint.bindHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
