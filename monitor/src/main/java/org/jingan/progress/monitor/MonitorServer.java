package org.jingan.progress.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.CatalogFollower;
import org.jingan.progress.clock.ClockFollower;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.clock.WallClock;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.kit.http.Health;
import org.jingan.progress.kit.http.ManagementServer;
import org.jingan.progress.bulletins.BulletinGenerator;
import org.jingan.progress.bulletins.MonthEndScheduler;
import org.jingan.progress.bulletins.data.QueryApiCases;
import org.jingan.progress.bulletins.store.BulletinStore;
import org.jingan.progress.bulletins.web.BulletinRoutes;
import org.jingan.progress.monitor.auth.Role;
import org.jingan.progress.monitor.board.AlertBoard;
import org.jingan.progress.monitor.catalog.LiveTargets;
import org.jingan.progress.monitor.cases.CaseReviews;
import org.jingan.progress.monitor.cases.CaseRoutes;
import org.jingan.progress.monitor.cases.EscalationNotifier;
import org.jingan.progress.monitor.decision.DecisionLog;
import org.jingan.progress.monitor.decision.DecisionStore;
import org.jingan.progress.monitor.kafka.AlertConsumer;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.jingan.progress.monitor.group.AlertGrouper;
import org.jingan.progress.monitor.notify.WebhookForwarder;
import org.jingan.progress.monitor.web.AlertEvents;
import org.jingan.progress.monitor.web.ConsoleAccess;
import org.jingan.progress.monitor.web.ConsoleApi;
import org.jingan.progress.monitor.web.ConsoleView;
import org.jingan.progress.monitor.web.DepartmentNames;
import org.jingan.progress.supervision.CaseFollower;
import org.jingan.progress.supervision.CaseWriter;
import org.jingan.progress.monitor.web.PlanDesk;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.catalog.plans.PlanApproval;
import org.jingan.progress.catalog.plans.PlanSubmissionLog;
import org.jingan.progress.contract.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.javalin.Javalin;

/**
 * The monitoring center, embeddable: {@code MonitorServer.start(config)} starts the console and reads the operators'
 * decisions, then the alerts; {@link #close()} stops it, committing what was handled. Start returns at once;
 * {@link #isReady()} (and {@code /health/ready} on the management port, {@link #managementUrl()}) tells when the decisions are loaded, the history replayed and, on
 * a simulated district clock, the clock read.
 */
public final class MonitorServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorServer.class);
    /** How long the first read of a simulated clock is waited for before saying so in the log (and waiting on). */
    private static final Duration CLOCK_READ_WAIT = Duration.ofSeconds(30);

    private final MonitorConfig config;
    private final DistrictClock districtClock;
    private final Thread clockReader;
    private volatile boolean clockRead;
    private volatile boolean closing;
    private final ScheduledExecutorService clockPush = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "monitor-clock-push");
        thread.setDaemon(true);
        return thread;
    });
    private final MonitorMetrics metrics = new MonitorMetrics();
    private final AlertBoard board = new AlertBoard(50);
    private final DecisionStore decisions = new DecisionStore();
    private final DecisionLog decisionLog;
    private final AlertConsumer consumer;
    private final AlertEvents events;
    private final ConsoleAccess access;
    private final Javalin http;
    private final ManagementServer management;
    private final MonthEndScheduler bulletins;
    private final ScheduledExecutorService bulletinChecks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "monitor-bulletins");
        thread.setDaemon(true);
        return thread;
    });
    /** Supervision cases: the operators' reviews and leadership's escalation notices; null without a cases topic. */
    private final CaseReviews cases;
    private final EscalationNotifier escalations;
    /** Follows the targets topic for the departments' names. */
    private final CatalogFollower catalog;
    private PlanSubmissionLog planLog;

    private MonitorServer(MonitorConfig config) {
        this.config = config;
        ObjectMapper json = objectMapper();
        // first: a bad operators file or OIDC setting stops the start before any Kafka client exists
        this.access = ConsoleAccess.from(config.auth(), config.wallClock(), json);
        BulletinRoutes bulletinRoutes = null;
        MonthEndScheduler scheduler = null;
        if (config.bulletins() != null) {
            // the store and the CJK font are checked now (before any Kafka client), not at the first month's end;
            // without a font the console runs on and says why it keeps no bulletins (alerts matter more)
            BulletinStore store = new BulletinStore(config.bulletins().storeDir());
            try {
                BulletinGenerator generator = new BulletinGenerator(config.bulletins().queryUrl(), new QueryApiCases(config.bulletins().queryUrl()));
                scheduler = MonthEndScheduler.of(store, generator, () -> districtClock().today());
                bulletinRoutes = new BulletinRoutes(store, generator);
            } catch (IllegalStateException e) {
                log.error("No monthly bulletins: {}", e.getMessage());
            }
        }
        this.bulletins = scheduler;
        this.districtClock = districtClock(config);
        this.clockRead = !(districtClock instanceof ClockFollower); // the wall clock needs no reading
        this.clockReader = new Thread(this::readClock, "monitor-clock-reader");
        this.clockReader.setDaemon(true);
        // the shipped catalog stands in for the targets topic until it is read (read once, for names and targets)
        Catalog shipped = Catalog.loadDefault();
        DepartmentNames departments = DepartmentNames.of(shipped);
        LiveTargets targets = LiveTargets.of(shipped);
        this.catalog = followCatalog(config, departments, targets);
        ConsoleView view = new ConsoleView(board, decisions, departments, config.wallClock(),
                districtClock);
        this.events = new AlertEvents(view, json);
        this.decisionLog = new DecisionLog(config.bootstrapServers(), config.acksTopic(), config.clientProperties(),
                decisions, metrics, json);
        WebhookForwarder forwarder = new WebhookForwarder(config.webhooks(), config.retryPolicy(),
                config.webhookTimeout(), metrics, json, departments);
        this.consumer = new AlertConsumer(config, board, events, decisionLog,
                new AlertGrouper(config.notificationTimings(), decisions), forwarder, metrics, districtClock);
        this.cases = openCases(config, districtClock, targets);
        this.escalations = cases == null ? null : new EscalationNotifier(config.casesTopic(), config.casesGroupId(),
                clientConfig(config, config.casesGroupId()), registryConfig(config), config.leadershipWebhooks(),
                config.retryPolicy(), config.webhookTimeout(), json, departments, targets);
        metrics.gauge("monitor.alerts.firing", "Alerts firing now", () -> board.firing().size());
        metrics.gauge("monitor.console.connections", "Open live console streams", events::connected);
        try {
            this.planLog = new PlanSubmissionLog(kafkaClient(config), Topics.PLAN_SUBMISSIONS.name(), Duration.ofSeconds(15));
            CatalogPublisher publisher = new CatalogPublisher(kafkaClient(config), config.targetsTopic(), Duration.ofSeconds(15));
            // an approval is dated by the district clock: the plan applies from that day
            PlanApproval approval = new PlanApproval(planLog, publisher,
                    () -> java.time.Instant.ofEpochMilli(districtClock.millis()), DistrictClock.ZONE);
            PlanDesk plans = new PlanDesk(approval, publisher, json, ConsoleApi.plansPage());
            BulletinRoutes routes = bulletinRoutes;
            ConsoleApi console = new ConsoleApi(view, board, decisionLog, events, metrics,
                    config.wallClock(), json, access)
                    .withRoutes(app -> {
                        if (routes != null) {
                            routes.register(app, Role.VIEWER, Role.OPERATOR);
                        }
                        plans.install(app);
                    });
            if (cases != null) {
                console.withRoutes(new CaseRoutes(cases, departments, json, ConsoleApi::operatorOf,
                        () -> events.decided("CASE", "cases"))::register);
            }
            this.http = console.start(config.httpHost(), config.httpPort());
        } catch (RuntimeException e) {
            closeCases();
            consumer.close();
            decisionLog.close();
            catalog.close();
            closeDistrictClock();
            throw new IllegalStateException("Cannot start the console on " + config.httpHost() + ":"
                    + config.httpPort() + " (is the port taken? choose another with --http-port): " + e.getMessage(), e);
        }
        try {
            this.management = ManagementServer.start("monitoring center", config.management(), json,
                    metrics.registry(), Health::up, this::readiness);
        } catch (RuntimeException e) {
            http.stop();
            closeCases();
            consumer.close();
            decisionLog.close();
            catalog.close();
            closeDistrictClock();
            throw new IllegalStateException("Cannot start the management port on " + config.management().bindHost()
                    + ":" + config.management().port() + " (is the port taken? choose another with --management-port): "
                    + e.getMessage(), e);
        }
    }

    /** Starts a monitor; the console answers at once, readiness follows once Kafka was read. */
    public static MonitorServer start(MonitorConfig config) {
        MonitorServer server = new MonitorServer(config);
        server.decisionLog.start();
        server.consumer.start();
        server.clockReader.start();
        if (server.cases != null) {
            server.cases.start(Duration.ofSeconds(30));
            server.escalations.start();
        }
        server.catalog.start();
        server.clockPush.scheduleWithFixedDelay(server.events::clockMaybeMoved, 1, 1, TimeUnit.SECONDS);
        if (server.bulletins != null) {
            long every = config.bulletins().checkEvery().toMillis();
            server.bulletinChecks.scheduleWithFixedDelay(server::checkBulletins, every, every, TimeUnit.MILLISECONDS);
        }
        log.info("Monitoring center on http://{}:{}/ (metrics and health: {}) reading '{}' as group '{}', decisions in"
                        + " '{}', {} webhook(s), district clock: {}; sign-in: {}; reading {}", config.httpHost(), server.port(),
                server.managementUrl(),
                config.alertsTopic(), config.groupId(), config.acksTopic(), config.webhooks().size(),
                server.districtClock, server.access.describe(),
                config.auth().anonymousRead() ? "open to anyone" : "needs a viewer");
        return server;
    }

    /** The monitor's Kafka login and registry settings, for the plans' reads and writes. */
    private static Map<String, Object> kafkaClient(MonitorConfig config) {
        Map<String, Object> client = new HashMap<>(config.clientProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        client.put("schema.registry.url", config.schemaRegistryUrl());
        return client;
    }

    /** Keeps the bulletin of each month the district clock has ended, once the clock was read. */
    private void checkBulletins() {
        if (!clockRead || closing) {
            return;
        }
        try {
            bulletins.check();
        } catch (RuntimeException e) {
            log.warn("Checking the monthly bulletins failed; trying again shortly: {}", e.getMessage());
        }
    }

    private static Map<String, Object> clientConfig(MonitorConfig config, String clientId) {
        Map<String, Object> client = new HashMap<>(config.clientProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        client.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return client;
    }

    private static Map<String, Object> registryConfig(MonitorConfig config) {
        Map<String, Object> registry = new HashMap<>(config.clientProperties());
        registry.put("schema.registry.url", config.schemaRegistryUrl());
        return registry;
    }

    /** The supervision cases, followed from their topic (null when no topic is configured). */
    private static CaseReviews openCases(MonitorConfig config, DistrictClock clock, LiveTargets targets) {
        if (config.casesTopic() == null || config.casesTopic().isBlank()) {
            return null;
        }
        CaseFollower follower = new CaseFollower(config.casesTopic(), clientConfig(config, config.groupId() + "-cases-follower"),
                registryConfig(config), config.groupId() + "-cases-follower");
        CaseWriter writer = new CaseWriter(config.casesTopic(), clientConfig(config, config.groupId() + "-reviews"),
                registryConfig(config), config.groupId() + "-reviews", Duration.ofSeconds(10));
        return new CaseReviews(follower, writer, clock, config.wallClock(), targets);
    }

    private void closeCases() {
        if (escalations != null) {
            escalations.close();
        }
        if (cases != null) {
            cases.close();
        }
    }

    /** The wall clock live; in a replay or the demo year the simulated clock, followed from its topic. */
    private static DistrictClock districtClock(MonitorConfig config) {
        if (config.clockMode() == ClockMode.WALL) {
            return new WallClock(config.wallClock());
        }
        // the same cluster, security and registry settings as the alerts consumer
        Map<String, Object> client = new HashMap<>(config.clientProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        client.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.groupId() + "-clock");
        Map<String, Object> registry = new HashMap<>(config.clientProperties());
        registry.put("schema.registry.url", config.schemaRegistryUrl());
        return new ClockFollower(config.clockTopic(), config.clockStart(), client, registry);
    }

    /** A follower of the targets topic that names departments as the topic does (started with the server). */
    private static CatalogFollower followCatalog(MonitorConfig config, DepartmentNames departments, LiveTargets targets) {
        Map<String, Object> client = new HashMap<>(config.clientProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        client.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.groupId() + "-catalog");
        client.put("schema.registry.url", config.schemaRegistryUrl());
        return new CatalogFollower(config.targetsTopic(), client, new CatalogFollower.Listener() {
            @Override
            public void put(Target target) {
                departments.put(target);
                targets.put(target);
            }

            @Override
            public void remove(String targetId) {
                // a withdrawn target's department keeps its name: its past alerts still show it
            }
        });
    }

    /** Starts following a simulated clock and marks it read once the ticks written so far are. */
    private void readClock() {
        if (!(districtClock instanceof ClockFollower follower)) {
            return;
        }
        follower.start(CLOCK_READ_WAIT);
        while (!closing && !follower.catchUp(CLOCK_READ_WAIT)) {
            log.warn("Still reading the district clock from '{}' (does the topic exist?); the console's ages wait for it",
                    config.clockTopic());
        }
        clockRead = !closing;
        if (clockRead) {
            log.info("District clock read: {}", districtClock);
        }
    }

    /** The district clock the console counts ages against. */
    public DistrictClock districtClock() {
        return districtClock;
    }

    /** The port the console listens on (useful with port 0). */
    public int port() {
        return http.port();
    }

    /** The console's base URL, e.g. {@code http://127.0.0.1:8083}. */
    public String baseUrl() {
        return "http://" + config.httpHost() + ":" + port();
    }

    /** Where metrics and health are served, e.g. {@code http://127.0.0.1:8093} (loopback unless configured otherwise). */
    public String managementUrl() {
        return management.url();
    }

    private Health readiness() {
        List<String> waiting = notReadyReasons();
        return waiting.isEmpty() ? Health.up() : Health.down(Map.of("waitingFor", waiting));
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
        if (cases != null && !cases.healthy()) {
            waiting.add("reading the supervision cases from topic '" + config.casesTopic() + "'");
        }
        if (!clockRead) {
            waiting.add("reading the simulated district clock from topic '" + config.clockTopic() + "'");
        }
        return waiting;
    }

    public MonitorConfig config() {
        return config;
    }

    @Override
    public void close() {
        closing = true;
        clockPush.shutdownNow();
        bulletinChecks.shutdownNow();
        events.closeAll();
        consumer.close();
        closeCases();
        decisionLog.close();
        catalog.close();
        if (planLog != null) {
            planLog.close();
        }
        closeDistrictClock();
        management.close();
        http.stop();
        log.info("Monitoring center stopped");
    }

    private void closeDistrictClock() {
        if (districtClock instanceof ClockFollower follower) {
            clockReader.interrupt();
            follower.close();
        }
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
