package org.jingan.progress.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.jingan.progress.bulletins.BulletinSettings;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.catalog.PublishException;
import org.jingan.progress.clock.ClockFollower;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.clock.WallClock;
import org.apache.kafka.clients.admin.Admin;
import org.jingan.progress.cluster.AccessPlan;
import org.jingan.progress.cluster.AccessPlan.Role;
import org.jingan.progress.cluster.ApicurioRegistry;
import org.jingan.progress.cluster.KafkaLogin;
import org.jingan.progress.cluster.EmbeddedKafka;
import org.jingan.progress.cluster.FreePorts;
import org.jingan.progress.cluster.RegistryAccounts;
import org.jingan.progress.cluster.TopicSetup;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.app.IntakeConfig;
import org.jingan.progress.intake.app.IntakeServer;
import org.jingan.progress.intake.auth.LocalDepartmentKeys;
import org.jingan.progress.kit.http.ManagementEndpoint;
import org.jingan.progress.monitor.MonitorConfig;
import org.jingan.progress.monitor.MonitorServer;
import org.jingan.progress.stack.demo.DemoClock;
import org.jingan.progress.stack.demo.DemoGenerator;
import org.jingan.progress.stack.demo.DemoReplayer;
import org.jingan.progress.stack.demo.DemoScript;
import org.jingan.progress.stack.demo.DemoSink;
import org.jingan.progress.stack.demo.DemoSink.SinkUnavailableException;
import org.jingan.progress.stack.demo.DistrictDemoClock;
import org.jingan.progress.stack.demo.HttpIntakeSink;
import org.jingan.progress.stack.demo.DemoCaseActors;
import org.jingan.progress.stack.demo.ReplayListener;
import org.jingan.progress.stack.demo.ReplayPositionStore;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.app.StreamsRunner;
import org.jingan.progress.streams.query.PeerSecret;
import org.jingan.progress.streams.query.QueryServer;
import org.jingan.progress.streams.query.QueryServerConfig;
import org.jingan.progress.streams.query.QueryServerHook;
import org.jingan.progress.streams.query.QueryStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The running system: broker, registry, topics, the district clock, catalog, streams app, intake, monitor and the
 * demo replay, started in that order and stopped in the reverse one. A failure while starting stops what was already
 * started.
 *
 * <p>By default every component runs on the simulated district clock (the catalog is the 2020 report): it starts
 * on 1 January of the catalog's year, the demo replay moves it through the year ahead of the reports it posts, and
 * an operator can move it with {@code bin/clock set} (or {@code --clock-date} at start). With {@code --live} the
 * district runs on the wall clock in Asia/Shanghai.
 *
 * <p>The local broker is secured (SASL/SCRAM-SHA-512, ACLs): the stack sets it up as its admin, creates one principal
 * per role with the ACLs of {@link AccessPlan}, and runs each component under its own role's login. The logins are
 * generated on the first start into {@code <data>/credentials/<principal>.properties} (mode 600) and never printed.
 * The departments' API keys for the intake are made the same way, into {@code <data>/intake/department-keys.properties}
 * ({@link LocalDepartmentKeys}): the banner names the file, never a key.
 */
public final class Stack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Stack.class);
    private static final String DEMO_REVISION_NOTE = "演示数据：市政府下达目标 / demo data: the city set the target";
    private static final String CLOCK_LABEL = "District clock";
    private static final Duration CLOCK_READ_TIMEOUT = Duration.ofSeconds(30);

    private final StackConfig config;
    private final Consumer<String> status;
    private final Deque<Stoppable> started = new ArrayDeque<>();
    private final Map<String, String> where = new LinkedHashMap<>();
    private String bootstrapServers;
    private String registryUrl;
    /** The stack's own settings: the admin's login on the local broker, the given settings on an external cluster. */
    private Map<String, Object> clientConfig;
    /** Each role's login on the local broker; empty on an external cluster (every component uses the given settings). */
    private final Map<Role, KafkaLogin> logins = new java.util.EnumMap<>(Role.class);
    private Catalog catalog;
    private DemoScript script;
    private ReplayPositionStore positions;
    private CatalogPublisher publisher;
    private QueryServer dashboard;
    private IntakeServer intake;
    /** The departments' API keys of this data directory (the demo posts with them). */
    private LocalDepartmentKeys departmentKeys;
    private MonitorServer monitor;
    /** The monitor's operator and viewer accounts, made on the first start. */
    private MonitorLogins monitorLogins;
    private DemoReplayer replayer;
    /** The district clock as the stack reads it: a follower of the clock's topic, or the wall clock (--live). */
    private DistrictClock districtClock;
    /** The follower behind {@link #districtClock} on the simulated clock, else null. */
    private ClockFollower clockFollower;
    private boolean closed;

    private Stack(StackConfig config, Consumer<String> status) {
        this.config = config;
        this.status = status;
    }

    /**
     * Starts everything but the demo replay ({@link #startDemo}); {@code status} is told what is being started.
     * Throws a {@link StackException} (or a port/registry exception with a one-line message) when something
     * cannot start, after stopping what had started.
     */
    public static Stack start(StackConfig config, Consumer<String> status) {
        return create(config, status).start();
    }

    /** A stack not started yet: lets a shutdown hook hold it while it starts. */
    public static Stack create(StackConfig config, Consumer<String> status) {
        return new Stack(config, status);
    }

    /** Starts everything but the demo replay; see {@link #start(StackConfig, Consumer)}. */
    public Stack start() {
        try {
            startAll();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        DataDirectory.prepare(config.dataDir(), config.fresh());
        catalog = Catalog.loadDefault();
        prepareDemo();
        requirePortsFree();
        startCluster();
        step("creating the topics", () -> TopicSetup.createMissing(adminConfig(), Topics.ALL, replicationFactor()));
        if (!config.external()) {
            step("creating the Kafka principals and their ACLs", this::createPrincipals);
        }
        step("registering the schemas", () -> SchemaRegistration.forDeployment().registerAll(clientConfig));
        step(config.clock().simulated() ? "reading the district clock" : "setting the district clock to the wall clock",
                this::startClock);
        step("publishing the catalog", this::publishCatalog);
        step("starting the streams app and dashboard", this::startStreams);
        step("starting the intake API", this::startIntake);
        step("starting the monitoring center", this::startMonitor);
        if (config.demo()) {
            int position = positions.resumePosition(script);
            where.put("Demo", script.summary() + "; "
                    + (position >= script.size() ? "already replayed in an earlier run (--fresh replays it again)"
                    : config.demoSpeed() + (position > 0 ? ", resuming at step " + position + " of " + script.size() : "")));
        }
    }

    /** 1 January of the catalog's year: where the simulated clock stands before any tick (at 00:00 Asia/Shanghai). */
    public LocalDate clockStart() {
        return LocalDate.of(script.year(), 1, 1);
    }

    private Instant clockStartInstant() {
        return clockStart().atStartOfDay(DistrictClock.ZONE).toInstant();
    }

    /**
     * The district clock: on the simulated clock, a follower of the clock's topic (the time an earlier run left there,
     * or the start), moved to {@code --clock-date} if given (never backwards); on the wall clock, the wall clock.
     */
    private void startClock() {
        if (!config.clock().simulated()) {
            districtClock = new WallClock();
            where.put(CLOCK_LABEL, ""); // its date is read when the banner is printed
            return;
        }
        clockFollower = StackClock.follow(Topics.CLOCK.name(), clockStartInstant(), config.clock().moveTo(), roleConfig(Role.CLOCK),
                CLOCK_READ_TIMEOUT);
        pushStoppable("district clock", clockFollower::close);
        districtClock = clockFollower;
        where.put(CLOCK_LABEL, ""); // its date is read when the banner is printed
    }

    /** The banner's line for the district clock: its date, its mode and how to move it. */
    private String clockLine() {
        if (districtClock.live()) {
            return districtClock.today() + "  (wall clock, Asia/Shanghai: --live)";
        }
        String how = config.demo() ? "the demo moves it through " + script.year() + ", ahead of its reports"
                : "it stands still until moved";
        return districtClock.today() + "  (simulated, Asia/Shanghai, on topic '" + Topics.CLOCK.name() + "'; " + how
                + "; bin/clock show, bin/clock set " + script.year() + "-06-30 moves it forward)";
    }

    /** The demo script and how far an earlier run replayed it; checked first so a wrong --seed fails fast. */
    private void prepareDemo() {
        positions = ReplayPositionStore.in(config.dataDir());
        long seed = config.demo() ? config.seed() : positions.storedSeed().orElse(config.seed());
        script = DemoGenerator.generate(catalog.targets(), seed);
        if (config.demo() || positions.storedSeed().isPresent()) {
            positions.resumePosition(script); // throws when the data directory holds another seed's replay
        }
    }

    private void requirePortsFree() {
        StackConfig.Ports p = config.ports();
        if (!config.external()) {
            requireFree(p.kafka(), "Kafka broker", "--kafka-port");
            requireFree(p.kafkaController(), "Kafka controller", "--kafka-controller-port");
            requireFree(p.registry(), "schema registry", "--registry-port");
        }
        requireFree(p.intake(), "intake API", "--intake-port");
        requireFree(p.dashboard(), "dashboard", "--dashboard-port");
        requireFree(p.monitor(), "monitoring center", "--monitor-port");
        requireFree(p.streamsManagement(), "streams app metrics and health", "--streams-management-port");
        requireFree(p.intakeManagement(), "intake metrics and health", "--intake-management-port");
        requireFree(p.monitorManagement(), "monitoring center metrics and health", "--monitor-management-port");
    }

    private static void requireFree(int port, String what, String flag) {
        if (port != 0) {
            FreePorts.requireFree(port, what, flag);
        }
    }

    private void startCluster() {
        if (config.external()) {
            bootstrapServers = config.bootstrapServers();
            registryUrl = config.schemaRegistryUrl();
            clientConfig = config.clientConfig(bootstrapServers, registryUrl);
            step("checking Kafka at " + bootstrapServers, () -> ExternalCluster.requireBroker(clientConfig));
            step("checking the schema registry at " + registryUrl,
                    () -> ExternalCluster.requireRegistry(registryUrl, config.registryUserInfo()));
            where.put("Kafka broker", bootstrapServers + "  (external)");
            where.put("Schema registry", registryUrl + "  (external)");
            return;
        }
        StackConfig.Ports p = config.ports();
        KafkaLogin admin = adminLogin();
        // one login per role on both: the admin deploys the schemas, every role may read them
        logins.putAll(AccessPlan.loginsIn(config.credentialsDir()));
        ApicurioRegistry registry = ApicurioRegistry.persistent(p.registry(), config.logDir(), config.registryDir(),
                RegistryAccounts.of(admin, logins.values()));
        EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(config.kafkaDir()).port(p.kafka())
                .controllerPort(p.kafkaController()).admin(admin).build();
        pushStoppable("schema registry", registry::stop);
        pushStoppable("Kafka broker", kafka::stop);
        step("starting the Kafka broker and the schema registry", () -> {
            // The registry is a separate JVM: it boots while the broker starts here.
            CompletableFuture<Void> registryUp = CompletableFuture.runAsync(registry::start);
            try {
                kafka.start();
            } finally {
                try {
                    registryUp.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        });
        bootstrapServers = kafka.bootstrapServers();
        registryUrl = registry.url();
        clientConfig = config.clientConfig(bootstrapServers, registryUrl);
        clientConfig.putAll(admin.clientProperties());
        clientConfig.put("basic.auth.user.info", admin.registryUserInfo());
        where.put("Kafka broker", bootstrapServers + "  (KRaft, in-process, SASL/SCRAM-SHA-512 with ACLs, data in "
                + config.kafkaDir() + ")");
        where.put("Schema registry", registryUrl + "  (Apicurio " + ApicurioRegistry.VERSION + ", data in "
                + config.registryDir() + ", log " + registry.logFile() + "; HTTP basic auth with the same logins:"
                + " admin registers, the roles read)");
    }

    /**
     * The admin's login, kept in {@code <data>/credentials/admin.properties} since the broker's directory was
     * formatted with it. A broker directory without one predates the secured broker: it cannot be logged into.
     */
    private KafkaLogin adminLogin() {
        java.nio.file.Path file = AccessPlan.credentialsFile(config.credentialsDir(), "admin");
        if (!java.nio.file.Files.exists(file) && java.nio.file.Files.exists(config.kafkaDir().resolve("meta.properties"))) {
            throw new StackException("The broker in " + config.kafkaDir() + " was made before the local broker was"
                    + " secured and has no admin login (" + file + "): start once with --fresh.");
        }
        return KafkaLogin.loadOrCreate(file, "admin");
    }

    /** One principal per role with its ACLs ({@link AccessPlan}); the logins come from (or go to) the data directory. */
    private void createPrincipals() {
        logins.putAll(AccessPlan.loginsIn(config.credentialsDir())); // already loaded, unless the cluster is external
        try (Admin admin = Admin.create(adminConfig())) {
            AccessPlan.defaults().apply(admin, logins);
        }
        where.put("Kafka logins", config.credentialsDir() + "/<principal>.properties  (mode 600, never printed: "
                + String.join(", ", java.util.Arrays.stream(Role.values()).map(Role::username).toList())
                + "; admin.properties is for setup only; SECURITY.md says who may do what)");
    }

    /** The client settings of a component running as {@code role}: its own login on the local broker. */
    private Map<String, Object> roleConfig(Role role) {
        Map<String, Object> c = new LinkedHashMap<>(clientConfig);
        c.putAll(roleProperties(role));
        String registryLogin = registryUserInfo(role);
        if (registryLogin != null) {
            c.put("basic.auth.user.info", registryLogin);
        }
        return c;
    }

    /** The registry login of {@code role}: its own on the local registry, or the one given for an external registry. */
    private String registryUserInfo(Role role) {
        KafkaLogin login = logins.get(role);
        return login == null ? config.registryUserInfo() : login.registryUserInfo();
    }

    /** The Kafka settings of {@code role} as strings, for the apps' own options: its login, or the given settings. */
    private Map<String, String> roleProperties(Role role) {
        KafkaLogin login = logins.get(role);
        return login == null ? config.kafkaProperties() : login.clientProperties();
    }

    private int replicationFactor() {
        return config.external() ? config.replicationFactor() : 1;
    }

    /**
     * Seeds an empty targets topic with the shipped catalog. A topic that holds targets is the truth and is not
     * touched: a revision made since (with {@code catalog publish --note}, or by the demo) survives every restart.
     */
    private void publishCatalog() {
        publisher = new CatalogPublisher(roleConfig(Role.CATALOG), Topics.TARGETS.name(), Duration.ofSeconds(30));
        try {
            CatalogPublisher.Seeding seeding = publisher.seed(catalog);
            where.put("Catalog", seeding.summary() + "  (topic '" + Topics.TARGETS.name() + "'; revise with"
                    + " `catalog publish --note`, as the catalog principal)");
        } catch (PublishException e) {
            throw new StackException("Cannot publish the catalog: " + e.getMessage(), e);
        }
    }

    /**
     * The streams app in this JVM, configured as its command line is (same options, state in the data directory),
     * with its query API and dashboard on the dashboard port as this instance's {@code application.server}, its
     * metrics and health on the loopback management port, and the peer secret of the data directory (made on the
     * first start) that any further instance would need to ask it for its partitions.
     */
    private void startStreams() {
        PeerSecret.loadOrCreate(config.streamsPeerSecretFile());
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers,
                "--schema-registry-url", registryUrl, "--state-dir", config.streamsDir().toString(),
                "--replication-factor", String.valueOf(replicationFactor()),
                "--peer-secret-file", config.streamsPeerSecretFile().toString(),
                "--management-bind", "127.0.0.1", "--management-port", String.valueOf(config.ports().streamsManagement())));
        if (registryUserInfo(Role.STREAMS_APP) != null) {
            args.addAll(List.of("--schema-registry-user-info", registryUserInfo(Role.STREAMS_APP)));
        }
        roleProperties(Role.STREAMS_APP).forEach((k, v) -> args.addAll(List.of("--streams-config", k + "=" + v)));
        args.addAll(clockArgs());
        // the dashboard's link to the monthly bulletins the monitor keeps (its console's section, viewer login)
        args.addAll(List.of("--bulletins-url", "http://127.0.0.1:" + config.ports().monitor() + "/#bulletins"));
        StreamsAppConfig streamsConfig = new StreamsAppConfig();
        new CommandLine(streamsConfig).parseArgs(args.toArray(String[]::new));

        // The app's own query-server hook, on the dashboard port: it becomes this instance's application.server.
        QueryServerHook queryServer = new QueryServerHook(QueryServerConfig.defaults(QueryStores.progressTopology())
                .withPort(config.ports().dashboard()));
        StreamsRunner runner = StreamsRunner.of(streamsConfig, List.of(queryServer));
        dashboard = queryServer.server();
        pushStoppable("streams app", () -> {
            // Leave the group on the way out, so a restart is assigned its partitions at once rather than after
            // the old member's session times out (45 s).
            KafkaStreams streams = runner.streams();
            if (streams != null) {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
            runner.close();
        });
        runner.start();
        where.put("Dashboard", "http://" + dashboard.applicationServer() + "/  (query API under /api/v1, state in "
                + config.streamsDir() + ")");
        where.put("  metrics, health", dashboard.managementUrl() + "/metrics, " + dashboard.managementUrl()
                + "/health/ready  (this host only; /internal answers only instances showing "
                + config.streamsPeerSecretFile() + ", mode 600, never printed)");
    }

    /**
     * The streams app's clock: {@code --clock simulated --clock-start <1 January>} (it follows the district-clock
     * topic), or {@code --clock wall}.
     */
    private List<String> clockArgs() {
        return config.clock().simulated()
                ? List.of("--clock", "simulated", "--clock-start", clockStart().toString(),
                        "--clock-topic", Topics.CLOCK.name())
                : List.of("--clock", "wall");
    }

    private void startIntake() {
        departmentKeys = LocalDepartmentKeys.loadOrCreate(config.intakeDir(),
                catalog.targets().stream().map(Target::getDepartmentId).distinct().toList());
        IntakeConfig.Builder intakeConfig = IntakeConfig.builder()
                .httpPort(config.ports().intake())
                .management(ManagementEndpoint.loopback(config.ports().intakeManagement()))
                .bootstrapServers(bootstrapServers)
                .schemaRegistryUrl(registryUrl)
                .schemaRegistryBasicAuth(registryUserInfo(Role.INTAKE))
                .credentialsFile(departmentKeys.credentialsFile())
                .targetsTopic(Topics.TARGETS.name()); // the catalog's truth, followed live: revisions apply at once
        roleProperties(Role.INTAKE).forEach(intakeConfig::kafkaClientConfig);
        // The district clock: the intake refuses reports dated after its now + 1 h (the demo moves it first).
        intakeConfig.clockMode(config.clock().mode()).clockStart(clockStartInstant()).clockTopic(Topics.CLOCK.name());
        // the department page reads the standings from the streams app's public (read-only) query API, server-side
        intakeConfig.standingsUrl(dashboardUrl());
        intake = IntakeServer.start(intakeConfig.build());
        pushStoppable("intake API", intake::close);
        where.put("Intake API", intake.url() + "/api/v1  (its index: endpoints, OpenAPI document, problem types)");
        // The file, never a key: the example reads the key from it without showing it.
        Path keys = departmentKeys.keysFile();
        where.put("  department keys", keys + "  (mode 600, random per data directory), e.g. curl -H \"Authorization:"
                + " Bearer $(sed -n 's/^construction = //p' '" + keys + "')\" " + intake.url() + "/api/v1/targets");

        where.put("  intake metrics, health", intake.managementUrl() + "/metrics, " + intake.managementUrl()
                + "/health/ready  (this host only)");
        where.put("Department page", intake.url() + "/department  (each department signs in with its key from the file above)");
    }

    /** The file holding the departments' API keys of this data directory, once the intake started. */
    public Path departmentKeysFile() {
        return departmentKeys == null ? null : departmentKeys.keysFile();
    }

    private void startMonitor() {
        Map<String, String> properties = new LinkedHashMap<>(roleProperties(Role.MONITOR));
        if (registryUserInfo(Role.MONITOR) != null) {
            properties.put("basic.auth.user.info", registryUserInfo(Role.MONITOR));
        }
        monitorLogins = MonitorLogins.loadOrCreate(config.credentialsDir());
        monitor = MonitorServer.start(MonitorConfig.builder(bootstrapServers, registryUrl)
                .httpPort(config.ports().monitor()).clientProperties(properties)
                .clockMode(config.clock().mode()).clockStart(clockStartInstant()).clockTopic(Topics.CLOCK.name())
                .operatorsFile(monitorLogins.operatorsFile())
                .management(ManagementEndpoint.loopback(config.ports().monitorManagement()))
                // the leaders' monthly bulletins: written from the dashboard's query API, kept in the data directory
                .bulletins(new BulletinSettings(dashboardUrl(), config.dataDir().resolve("bulletins")))
                .build());
        pushStoppable("monitoring center", monitor::close);
        where.put("Monitoring center", monitor.baseUrl() + "/");
        where.put("  monitor metrics, health", monitor.managementUrl() + "/metrics, " + monitor.managementUrl()
                + "/health/ready  (this host only)");
        where.put("  monthly bulletins", monitor.baseUrl() + "/  (kept in " + config.dataDir().resolve("bulletins")
                + " at each month's end of the district clock; bin/bulletin month writes one now)");
        where.put("  monitor logins", monitorLogins.loginsFile() + "  (mode 600, never printed: '"
                + monitorLogins.operator().name() + "' may acknowledge and silence, '" + monitorLogins.viewer().name()
                + "' only reads; sign in at " + monitor.baseUrl() + "/login)");
    }

    /** Starts the demo replay on a background thread (no-op with --no-demo); it resumes where the last run stopped. */
    public synchronized void startDemo(ReplayListener listener) {
        if (!config.demo() || replayer != null || closed) {
            return;
        }
        DemoSink sink = new HttpIntakeSink(intake.url(), departmentKeys::keyFor, this::publishRevision);
        DistrictDemoClock demoClock = clockFollower == null ? null : new DistrictDemoClock(
                new ClockSetter(Topics.CLOCK.name(), DistrictDemoClock.setterConfig(roleConfig(Role.CLOCK)), roleConfig(Role.CLOCK),
                        DistrictDemoClock.SET_BY), clockFollower, Topics.CLOCK.name());
        // the departments and the operator act on the supervision cases the replay's days open
        DemoCaseActors caseActors = new DemoCaseActors(listener, intake.url(), departmentKeys::keyFor,
                departmentKeys.departments(), monitor.baseUrl(), monitorLogins.operator().basicAuthorization());
        replayer = new DemoReplayer(script, sink, config.demoSpeed(), positions, caseActors,
                demoClock == null ? DemoClock.NONE : demoClock).start();
        pushStoppable("demo replay", () -> {
            replayer.close();
            caseActors.close();
            sink.close();
            if (demoClock != null) {
                demoClock.close();
            }
        });
    }

    /**
     * The demo's revision is an act on the topic: the city setting an open value. It sets that value on the target as
     * the topic has it now, so an operator's own revision of the same target (its department, say) is kept.
     */
    private void publishRevision(Target revised) throws SinkUnavailableException {
        try {
            synchronized (publisher) {
                Target current = publisher.readPublished().get(revised.getId());
                Target next = current == null ? revised
                        : Target.newBuilder(current).setTargetValue(revised.getTargetValue()).build();
                publisher.publishTargets(List.of(next), DEMO_REVISION_NOTE);
            }
        } catch (PublishException e) {
            if (e.reason() == PublishException.Reason.UNREACHABLE) {
                throw new SinkUnavailableException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private void step(String what, Runnable action) {
        synchronized (this) {
            if (closed) {
                throw new StackException("Stopped before " + what + ".");
            }
        }
        status.accept(what);
        long startedAt = System.nanoTime();
        action.run();
        log.info("{}: done in {} ms", what, (System.nanoTime() - startedAt) / 1_000_000);
    }

    private synchronized void pushStoppable(String name, Runnable stop) {
        if (closed) {
            stop.run(); // a Ctrl-C came while this was starting
            throw new StackException("Stopped while starting the " + name + ".");
        }
        started.push(new Stoppable(name, stop));
    }

    /** What runs where, in start order: label to description, for the banner. */
    public Map<String, String> where() {
        Map<String, String> all = new LinkedHashMap<>(where);
        if (all.containsKey(CLOCK_LABEL)) {
            all.put(CLOCK_LABEL, clockLine());
        }
        all.put("Data directory", config.dataDir() + "  (kept across restarts; --fresh starts empty)");
        all.put("Log", config.logDir().resolve("local-stack.log").toString());
        return all;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return registryUrl;
    }

    /** The Kafka settings of {@link #clientConfig()} (security included), without the registry's. */
    private Map<String, Object> adminConfig() {
        Map<String, Object> admin = new LinkedHashMap<>(clientConfig);
        admin.keySet().removeIf(key -> key.startsWith("schema.registry.") || key.startsWith("basic.auth.")
                || key.equals("auto.register.schemas"));
        return admin;
    }

    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    /** The dashboard and query API of the streams app, e.g. http://127.0.0.1:8080. */
    public String dashboardUrl() {
        return dashboard == null ? null : "http://" + dashboard.applicationServer();
    }

    /** The streams app's metrics and health, e.g. http://127.0.0.1:8089 (loopback). */
    public String streamsManagementUrl() {
        return dashboard == null ? null : dashboard.managementUrl();
    }

    public String intakeUrl() {
        return intake == null ? null : intake.url();
    }

    /** The intake's metrics and health, e.g. http://127.0.0.1:8091 (loopback). */
    public String intakeManagementUrl() {
        return intake == null ? null : intake.managementUrl();
    }

    public String monitorUrl() {
        return monitor == null ? null : monitor.baseUrl();
    }

    /** The monitor's metrics and health, e.g. http://127.0.0.1:8093 (loopback). */
    public String monitorManagementUrl() {
        return monitor == null ? null : monitor.managementUrl();
    }

    /** The monitor's accounts: what code of the stack that calls the monitor signs in with. */
    public MonitorLogins monitorLogins() {
        return monitorLogins;
    }

    public DemoScript demoScript() {
        return script;
    }

    /** The district clock as the stack reads it (a follower of the clock's topic, or the wall clock with --live). */
    public DistrictClock districtClock() {
        return districtClock;
    }

    /** The demo replay once {@link #startDemo} ran, else null. */
    public synchronized DemoReplayer replayer() {
        return replayer;
    }

    /** Stops everything that started, newest first; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            Stoppable s = started.pop();
            status.accept("stopping " + s.name());
            try {
                s.action().run();
            } catch (RuntimeException e) {
                log.warn("Stopping the {} failed: {}", s.name(), e.getMessage(), e);
            }
        }
    }

    private record Stoppable(String name, Runnable action) {
    }
}
