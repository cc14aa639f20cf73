package org.jingan.progress.streams.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The management endpoints, served on {@link ManagementServer}'s port only: liveness, readiness (ready = Kafka
 * Streams RUNNING and no schema registry fault lately: an unknown schema id or an unreachable registry keeps a record
 * being retried), Prometheus metrics, and an index of the three at {@code /}.
 */
final class ManagementRoutes {
    static final String METRICS = "/metrics";
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";

    private final Supplier<KafkaStreams> streams;
    private final PrometheusMeterRegistry meters;
    private final Supplier<Optional<String>> notReadyBecause;

    ManagementRoutes(Supplier<KafkaStreams> streams, PrometheusMeterRegistry meters, Supplier<Optional<String>> notReadyBecause) {
        this.streams = streams;
        this.meters = meters;
        this.notReadyBecause = notReadyBecause;
    }

    void register(Javalin app) {
        app.get("/", ctx -> ctx.json(Map.of("metrics", METRICS, "liveness", LIVE, "readiness", READY)));
        app.get(METRICS, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
        app.get(LIVE, ctx -> {
            KafkaStreams.State state = state();
            // dead stream threads or a failed client need a restart: say so to the orchestrator
            boolean live = state == null || !(state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR);
            ctx.status(live ? 200 : 503).json(health(live ? "UP" : "DOWN", state));
        });
        app.get(READY, ctx -> {
            KafkaStreams.State state = state();
            Optional<String> fault = notReadyBecause.get();
            boolean ready = state == KafkaStreams.State.RUNNING && fault.isEmpty();
            if (!ready) {
                ctx.header("Retry-After", "1");
            }
            Map<String, Object> body = health(ready ? "UP" : "DOWN", state);
            fault.ifPresent(reason -> body.put("reason", reason));
            ctx.status(ready ? 200 : 503).json(body);
        });
    }

    private KafkaStreams.State state() {
        KafkaStreams current = streams.get();
        return current == null ? null : current.state();
    }

    private static Map<String, Object> health(String status, KafkaStreams.State state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("streamsState", state == null ? "NOT_ATTACHED" : state.name());
        return body;
    }
}
