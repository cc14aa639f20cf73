package org.jingan.progress.intake.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.BindException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jingan.progress.intake.auth.CredentialStore;
import org.jingan.progress.intake.cases.CaseAnswers;
import org.jingan.progress.intake.delivery.KafkaEventPublisher;
import org.jingan.progress.catalog.plans.PlanSubmissionLog;
import org.jingan.progress.catalog.plans.PlanSubmitter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.http.DepartmentPage;
import org.jingan.progress.intake.http.IntakeHttpApi;
import org.jingan.progress.intake.service.IntakeMetrics;
import org.jingan.progress.intake.service.ReportIntake;
import org.jingan.progress.intake.validation.ReportValidator;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.jingan.progress.kit.http.Health;
import org.jingan.progress.kit.http.ManagementServer;
import org.jingan.progress.supervision.CaseFollower;
import org.jingan.progress.supervision.CaseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running intake: HTTP API (and, apart, metrics and health on a loopback management port), validation,
 * credentials, the catalog (the targets topic, followed live), the district clock, the memory of stored events and the
 * Kafka producer. Start it in-process with {@link #start(IntakeConfig)} (the local stack does; it returns once the
 * memory is rebuilt from the topic, or after {@link IntakeMemory#REBUILD_WAIT}) and stop it with {@link #close()},
 * which flushes every event already handed to the producer and stops following the clock and the topic.
 */
public final class IntakeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntakeServer.class);

    private final Javalin app;
    private final ManagementServer management;
    private final KafkaEventPublisher publisher;
    private final KafkaClientMetrics producerMetrics;
    private final PrometheusMeterRegistry prometheus;
    private final IntakeClock clock;
    private final IntakeMemory memory;
    private final IntakeCatalog catalog;
    private final String host;
    /** The supervision cases it serves, or null. */
    private CaseAnswers cases;
    private final PlanSubmissionLog plans;

    private IntakeServer(Javalin app, ManagementServer management, KafkaEventPublisher publisher,
                         KafkaClientMetrics producerMetrics, PrometheusMeterRegistry prometheus, IntakeClock clock,
                         IntakeMemory memory, IntakeCatalog catalog, String host, PlanSubmissionLog plans) {
        this.app = app;
        this.plans = plans;
        this.management = management;
        this.publisher = publisher;
        this.clock = clock;
        this.memory = memory;
        this.catalog = catalog;
        this.producerMetrics = producerMetrics;
        this.prometheus = prometheus;
        this.host = host;
    }

    /** Starts the intake; fails with one clear message when the catalog, credentials or port are not right. */
    public static IntakeServer start(IntakeConfig config) {
        CredentialStore credentials = CredentialStore.load(config.credentialsFile(), config.inlineCredentials(),
                config.credentialsRecheck());
        var connection = new HashMap<String, Object>(config.kafkaClientConfig());
        connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        var registryConfig = config.registryConfig();
        IntakeCatalog catalog = openCatalog(config, connection, registryConfig);
        TargetDirectory targets = catalog.directory();
        warnAboutUnknownDepartments(credentials.departments(), targets);

        var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(prometheus);
        var metrics = new IntakeMetrics(prometheus);

        IntakeClock clock;
        try {
            clock = IntakeClock.open(config.clockMode(), config.clock(), config.clockTopic(), config.clockStart(),
                    connection, registryConfig);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        KafkaEventPublisher publisher;
        IntakeMemory memory;
        try {
            publisher = new KafkaEventPublisher(config.topic(), connection, registryConfig, config.deliveryTimeout());
        } catch (RuntimeException e) {
            clock.close();
            catalog.close();
            throw e;
        }
        try {
            memory = IntakeMemory.open(config.topic(), targets, clock.clock(), config.dedupRetentionAfterYear(),
                    config.recentEventsCapacity(), connection, registryConfig);
        } catch (RuntimeException e) {
            publisher.close();
            clock.close();
            catalog.close();
            throw e;
        }
        var producerMetrics = new KafkaClientMetrics(publisher.producer());
        PlanSubmissionLog plans = null;
        producerMetrics.bindTo(prometheus);
        CaseAnswers caseAnswers = null;
        try {
            var validator = new ReportValidator(targets, clock.clock(), config.zone(), config.eventTimeBounds(),
                    config.valueBounds(), clock::catchUp);
            var intake = new ReportIntake(validator, publisher, clock.clock(), memory.known(),
                    publisher.answerBound(), config.retryAfter(), metrics);
            io.micrometer.core.instrument.Gauge.builder("intake.credentials.broken.edits", credentials,
                            CredentialStore::brokenEdits)
                    .description("Edits of the credentials file that could not be read (the previous keys stayed)")
                    .register(metrics.registry());
            // departments' plans go to plan-submissions (the intake only writes them; operators decide in the monitor)
            var planClient = new HashMap<String, Object>(connection);
            planClient.putAll(registryConfig);
            plans = new PlanSubmissionLog(planClient, Topics.PLAN_SUBMISSIONS.name(), config.deliveryTimeout());
            var api = new IntakeHttpApi(intake, targets, credentials, metrics,
                    new IntakeHttpApi.Limits(config.maxBodyBytes(), config.maxRows()), config.rateLimit())
                    .withPlans(new PlanSubmitter(plans, () -> java.time.Instant.ofEpochMilli(clock.clock().millis())));
            caseAnswers = openCases(config, connection, registryConfig, clock);
            if (caseAnswers != null) {
                api.withCases(caseAnswers);
            }
            final CaseAnswers cases = caseAnswers;
            Supplier<Health> readiness = () -> {
                var checks = new LinkedHashMap<String, Boolean>();
                checks.put("catalog", catalog.ready());
                checks.put("credentials", !credentials.departments().isEmpty());
                checks.put("kafka", publisher.brokerReachable());
                checks.put("eventMemory", memory.ready());
                if (cases != null) {
                    checks.put("supervisionCases", cases.ready());
                }
                return new Health(checks.values().stream().allMatch(Boolean::booleanValue), Map.of("checks", checks));
            };
            Javalin app = api.create();
            new DepartmentPage(api, memory.reports(), config.standingsUrl(), () -> {
                clock.catchUp(); // the ticks written so far: "today" on the form is the clock the check will use
                return clock.clock().today();
            }).addRoutes(app);
            try {
                app.start(config.httpHost(), config.httpPort());
            } catch (RuntimeException e) {
                app.stop();
                if (hasCause(e, BindException.class)) {
                    throw new IllegalStateException("port %d on %s is already in use: stop what uses it or set INTAKE_HTTP_PORT (--port)"
                            .formatted(config.httpPort(), config.httpHost()), e);
                }
                throw e;
            }
            ManagementServer management;
            try {
                management = ManagementServer.start("department intake", config.management(), new ObjectMapper(),
                        prometheus, Health::up, readiness);
            } catch (RuntimeException e) {
                app.stop();
                if (hasCause(e, BindException.class)) {
                    throw new IllegalStateException("port %d on %s is already in use: stop what uses it or set INTAKE_MANAGEMENT_PORT"
                            .formatted(config.management().port(), config.management().bindHost()), e);
                }
                throw e;
            }
            var server = new IntakeServer(app, management, publisher, producerMetrics, prometheus, clock, memory, catalog,
                    config.httpHost(), plans);
            server.cases = cases;
            // listening (alive, not ready) while the memory is rebuilt: a report is answered 503 until it is
            try {
                memory.awaitRebuilt(IntakeMemory.REBUILD_WAIT);
            } catch (RuntimeException e) {
                management.close();
                app.stop();
                throw e;
            }
            log.atInfo().addKeyValue("url", server.url()).addKeyValue("management", server.managementUrl())
                    .addKeyValue("topic", config.topic())
                    .addKeyValue("clock", clock)
                    .addKeyValue("memory", memory)
                    .addKeyValue("bootstrapServers", config.bootstrapServers())
                    .addKeyValue("catalog", catalog).addKeyValue("departments", credentials.departments().size())
                    .log("department intake listening");
            return server;
        } catch (RuntimeException e) {
            if (caseAnswers != null) {
                caseAnswers.close();
            }
            if (plans != null) {
                plans.close();
            }
            producerMetrics.close();
            memory.close();
            publisher.close();
            clock.close();
            catalog.close();
            throw e;
        }
    }

    /** The departments' supervision cases, followed from the topic (null when no topic is configured). */
    private static CaseAnswers openCases(IntakeConfig config, Map<String, Object> connection,
                                         Map<String, ?> registryConfig, IntakeClock clock) {
        if (config.casesTopic() == null || config.casesTopic().isBlank()) {
            return null;
        }
        CaseFollower follower = new CaseFollower(config.casesTopic(), connection, registryConfig,
                "progress-intake-cases").start(Duration.ofSeconds(30));
        CaseWriter writer = new CaseWriter(config.casesTopic(), connection, registryConfig, "progress-intake-answers",
                config.deliveryTimeout());
        return new CaseAnswers(follower, writer, clock.clock(), config.clock());
    }

    /**
     * The catalog: a fixed one when given (targets, or a file), else the targets topic followed live, read once to its
     * end before the intake listens, so that no report is checked against a partial catalog.
     */
    private static IntakeCatalog openCatalog(IntakeConfig config, Map<String, Object> connection,
                                             Map<String, Object> registryConfig) {
        if (config.targets() != null) {
            return IntakeCatalog.fixed(config.targets(), "the configured targets");
        }
        if (config.catalogFile() != null) {
            log.warn("catalog from the file {}: revisions published to '{}' are not seen (unset INTAKE_CATALOG_FILE"
                    + " to follow the topic)", config.catalogFile(), config.targetsTopic());
            return IntakeCatalog.fixed(CatalogTargets.load(config.catalogFile()), config.catalogFile().toString());
        }
        IntakeCatalog catalog = IntakeCatalog.follow(config.targetsTopic(), connection, registryConfig);
        try {
            catalog.awaitFirstRead(IntakeCatalog.FIRST_READ_WAIT);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        return catalog;
    }

    private static void warnAboutUnknownDepartments(Set<String> credentialed, TargetDirectory targets) {
        var unknown = new TreeSet<>(credentialed);
        unknown.removeAll(targets.departments());
        if (!unknown.isEmpty()) {
            log.warn("credentials name departments that own no target in the catalog: {}", unknown);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Its memory of stored events (for tests in this package). */
    IntakeMemory memory() {
        return memory;
    }

    /** The bound HTTP port (the real one when the config asked for 0). */
    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Where metrics and health are served, e.g. {@code http://127.0.0.1:8091} (loopback unless configured otherwise). */
    public String managementUrl() {
        return management.url();
    }

    @Override
    public void close() {
        management.close();
        app.stop();
        if (cases != null) {
            cases.close();
        }
        plans.close();
        producerMetrics.close();
        memory.close();
        publisher.close();
        clock.close();
        catalog.close();
        prometheus.close();
        log.info("department intake stopped");
    }
}
