package org.jingan.progress.monitor;

import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.monitor.board.AlertBoard;
import org.jingan.progress.monitor.decision.DecisionLog;
import org.jingan.progress.monitor.decision.DecisionStore;
import org.jingan.progress.monitor.kafka.AlertConsumer;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.jingan.progress.monitor.notify.NotificationPolicy;
import org.jingan.progress.monitor.notify.WebhookForwarder;
import org.jingan.progress.monitor.web.AlertEvents;
import org.jingan.progress.monitor.web.ConsoleApi;
import org.jingan.progress.monitor.web.ConsoleView;
import org.jingan.progress.monitor.web.DepartmentNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.javalin.Javalin;

/**
 * The monitoring center, embeddable: {@code MonitorServer.start(config)} starts the console and reads the operators'
 * decisions, then the alerts; {@link #close()} stops it, committing what was handled. Start returns at once;
 * {@link #isReady()} (and {@code /health/ready}) tells when the decisions are loaded and the history replayed.
 */
public final class MonitorServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorServer.class);

    private final MonitorConfig config;
    private final MonitorMetrics metrics = new MonitorMetrics();
    private final AlertBoard board = new AlertBoard(50);
    private final DecisionStore decisions = new DecisionStore();
    private final DecisionLog decisionLog;
    private final AlertConsumer consumer;
    private final AlertEvents events;
    private final Javalin http;

    private MonitorServer(MonitorConfig config) {
        this.config = config;
        ObjectMapper json = objectMapper();
        ConsoleView view = new ConsoleView(board, decisions, DepartmentNames.fromDefaultCatalog(), config.clock());
        this.events = new AlertEvents(view, json);
        this.decisionLog = new DecisionLog(config.bootstrapServers(), config.acksTopic(), config.clientProperties(),
                decisions, metrics, json);
        WebhookForwarder forwarder = new WebhookForwarder(config.webhooks(), config.retryPolicy(),
                config.webhookTimeout(), metrics, json);
        this.consumer = new AlertConsumer(config, board, events, decisionLog, decisions,
                new NotificationPolicy(config.repeatInterval()), forwarder, metrics);
        metrics.gauge("monitor.alerts.firing", "Alerts firing now", () -> board.firing().size());
        metrics.gauge("monitor.console.connections", "Open live console streams", events::connected);
        try {
            this.http = new ConsoleApi(view, board, decisionLog, events, metrics, this::notReadyReasons,
                    config.clock(), json).start(config.httpHost(), config.httpPort());
        } catch (RuntimeException e) {
            consumer.close();
            decisionLog.close();
            throw new IllegalStateException("Cannot start the console on " + config.httpHost() + ":"
                    + config.httpPort() + " (is the port taken? choose another with --http-port): " + e.getMessage(), e);
        }
    }

    /** Starts a monitor; the console answers at once, readiness follows once Kafka was read. */
    public static MonitorServer start(MonitorConfig config) {
        MonitorServer server = new MonitorServer(config);
        server.decisionLog.start();
        server.consumer.start();
        log.info("Monitoring center on http://{}:{}/ reading '{}' as group '{}', decisions in '{}', {} webhook(s)",
                config.httpHost(), server.port(), config.alertsTopic(), config.groupId(), config.acksTopic(),
                config.webhooks().size());
        return server;
    }

    /** The port the console listens on (useful with port 0). */
    public int port() {
        return http.port();
    }

    /** The console's base URL, e.g. {@code http://127.0.0.1:8083}. */
    public String baseUrl() {
        return "http://" + config.httpHost() + ":" + port();
    }

    public boolean isReady() {
        return notReadyReasons().isEmpty();
    }

    /** What readiness still waits for; empty when ready. */
    public List<String> notReadyReasons() {
        List<String> waiting = new ArrayList<>();
        if (!decisionLog.isLoaded()) {
            waiting.add(decisionLog.waitingFor());
        }
        if (!consumer.isCaughtUp()) {
            waiting.add(consumer.waitingFor());
        }
        return waiting;
    }

    public MonitorConfig config() {
        return config;
    }

    @Override
    public void close() {
        events.closeAll();
        consumer.close();
        decisionLog.close();
        http.stop();
        log.info("Monitoring center stopped");
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
