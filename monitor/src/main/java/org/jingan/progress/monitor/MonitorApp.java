package org.jingan.progress.monitor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.jingan.progress.bulletins.BulletinSettings;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.kit.http.ManagementEndpoint;
import org.jingan.progress.kit.options.ClusterOptions;
import org.jingan.progress.monitor.auth.OidcSettings;
import org.jingan.progress.monitor.auth.OperatorAuth;
import org.jingan.progress.monitor.group.GroupTimings;
import org.jingan.progress.monitor.notify.RetryPolicy;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Command line of the monitoring center. Every option also reads an environment variable (shown in --help). */
@Command(name = "monitor", mixinStandardHelpOptions = true, subcommands = AddOperatorCommand.class,
        description = {"The monitoring center: live alert console, acknowledge and silence, webhook forwarding.",
                "监控中心：实时告警控制台、确认与静默、Webhook 转发。"})
public final class MonitorApp implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The cluster and both logins (the monitor's credentials file, or --kafka-property settings). */
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--http-host", defaultValue = "${env:MONITOR_HTTP_HOST:-127.0.0.1}",
            description = "Interface of the console (env MONITOR_HTTP_HOST). Default: ${DEFAULT-VALUE}")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "${env:MONITOR_HTTP_PORT:-" + MonitorConfig.DEFAULT_HTTP_PORT + "}",
            description = "Console port, 0 = any free (env MONITOR_HTTP_PORT). Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--management-port",
            defaultValue = "${env:MONITOR_MANAGEMENT_PORT:-" + MonitorConfig.DEFAULT_MANAGEMENT_PORT + "}",
            description = "Port of metrics (/metrics) and health (/health/live, /health/ready), apart from the console;"
                    + " 0 = any free (env MONITOR_MANAGEMENT_PORT). Default: ${DEFAULT-VALUE}")
    int managementPort;

    @Option(names = "--management-bind", defaultValue = "${env:MONITOR_MANAGEMENT_BIND:-127.0.0.1}",
            description = "Interface of the management port: loopback keeps metrics and health to this host (a"
                    + " container: its own health check) (env MONITOR_MANAGEMENT_BIND). Default: ${DEFAULT-VALUE}")
    String managementBind;

    @Option(names = "--group-id", defaultValue = "${env:MONITOR_GROUP_ID:-" + MonitorConfig.DEFAULT_GROUP_ID + "}",
            description = "Consumer group of the alerts consumer (env MONITOR_GROUP_ID). Default: ${DEFAULT-VALUE}")
    String groupId;

    @Option(names = "--webhook", split = ",", defaultValue = "${env:MONITOR_WEBHOOKS}",
            description = "Webhook URL to POST notices to; repeat or comma-separate (env MONITOR_WEBHOOKS, comma-separated)")
    List<URI> webhooks = new ArrayList<>();

    @Option(names = "--alerts-topic", defaultValue = "${env:MONITOR_ALERTS_TOPIC:-progress-alerts}",
            description = "Alerts topic (env MONITOR_ALERTS_TOPIC). Default: ${DEFAULT-VALUE}")
    String alertsTopic;

    @Option(names = "--acks-topic", defaultValue = "${env:MONITOR_ACKS_TOPIC:-alert-acknowledgements}",
            description = "Compacted topic of acknowledgements and silences (env MONITOR_ACKS_TOPIC). Default: ${DEFAULT-VALUE}")
    String acksTopic;

    @Option(names = "--webhook-max-attempts", defaultValue = "${env:MONITOR_WEBHOOK_MAX_ATTEMPTS:-6}",
            description = "Attempts per notice and webhook before giving up (logged). Default: ${DEFAULT-VALUE}")
    int maxAttempts;

    @Option(names = "--webhook-initial-backoff-ms", defaultValue = "${env:MONITOR_WEBHOOK_INITIAL_BACKOFF_MS:-500}",
            description = "Wait after the first failed attempt, doubled each time. Default: ${DEFAULT-VALUE}")
    long initialBackoffMs;

    @Option(names = "--webhook-max-backoff-ms", defaultValue = "${env:MONITOR_WEBHOOK_MAX_BACKOFF_MS:-15000}",
            description = "Longest wait between attempts. Default: ${DEFAULT-VALUE}")
    long maxBackoffMs;

    @Option(names = "--webhook-timeout-ms", defaultValue = "${env:MONITOR_WEBHOOK_TIMEOUT_MS:-10000}",
            description = "Connect and response timeout of one attempt. Default: ${DEFAULT-VALUE}")
    long webhookTimeoutMs;

    @Option(names = "--repeat-interval-minutes", defaultValue = "${env:MONITOR_REPEAT_INTERVAL_MINUTES:-240}",
            description = "An unchanged group is notified again when one of its alerts is re-sent and this long (wall"
                    + " clock) passed since its last notice; 0 = at every re-sent alert (still at most once per group"
                    + " interval). Default: ${DEFAULT-VALUE}")
    long repeatMinutes;

    @Option(names = "--group-wait-seconds", defaultValue = "${env:MONITOR_GROUP_WAIT_SECONDS:-30}",
            description = "A new group (department and alert kind) is first notified this long after its first alert,"
                    + " so alerts raised together go out together (district clock). Default: ${DEFAULT-VALUE}")
    long groupWaitSeconds;

    @Option(names = "--group-interval-minutes", defaultValue = "${env:MONITOR_GROUP_INTERVAL_MINUTES:-1440}",
            description = "At least this long between two notices of one group (district clock); the default, a day,"
                    + " means at most one notice per department, kind and district day. Default: ${DEFAULT-VALUE}")
    long groupIntervalMinutes;

    @Option(names = "--clock", paramLabel = "wall|simulated", defaultValue = "${env:MONITOR_CLOCK:-wall}",
            description = "The district clock the ages of alerts count against: wall (live) or simulated (replays, the"
                    + " demo year: followed from the district-clock topic) (env MONITOR_CLOCK). Default: ${DEFAULT-VALUE}")
    String clock;

    @Option(names = "--clock-start", defaultValue = "${env:MONITOR_CLOCK_START:-" + MonitorConfig.DEFAULT_CLOCK_START + "}",
            description = "Where a simulated clock stands until the topic's first tick: a date-time with offset or a date"
                    + " (env MONITOR_CLOCK_START). Default: ${DEFAULT-VALUE}")
    String clockStart;

    @Option(names = "--clock-topic", defaultValue = "${env:MONITOR_CLOCK_TOPIC:-district-clock}",
            description = "Topic of the simulated district clock (env MONITOR_CLOCK_TOPIC). Default: ${DEFAULT-VALUE}")
    String clockTopic;

    @Option(names = "--targets-topic", defaultValue = "${env:MONITOR_TARGETS_TOPIC:-targets}",
            description = "The catalog's topic, followed live for the departments' names (env MONITOR_TARGETS_TOPIC). Default: ${DEFAULT-VALUE}")
    String targetsTopic;

    @Option(names = "--operators-file", defaultValue = "${env:MONITOR_OPERATORS_FILE}",
            description = "Operators' own credentials (name:role:hash lines, see add-operator): HTTP Basic and the"
                    + " console's sign-in form (env MONITOR_OPERATORS_FILE)")
    Path operatorsFile;

    @Option(names = "--oidc-issuer", defaultValue = "${env:MONITOR_OIDC_ISSUER}",
            description = "Accept OIDC bearer tokens from this issuer (their iss, exactly) (env MONITOR_OIDC_ISSUER)")
    String oidcIssuer;

    @Option(names = "--oidc-jwks-url", defaultValue = "${env:MONITOR_OIDC_JWKS_URL}",
            description = "The issuer's signing keys (JWKS) (env MONITOR_OIDC_JWKS_URL)")
    URI oidcJwksUrl;

    @Option(names = "--oidc-audience", defaultValue = "${env:MONITOR_OIDC_AUDIENCE}",
            description = "A value the tokens' aud must hold: the monitor's client id (env MONITOR_OIDC_AUDIENCE)")
    String oidcAudience;

    @Option(names = "--oidc-role-claim", defaultValue = "${env:MONITOR_OIDC_ROLE_CLAIM:-" + OidcSettings.DEFAULT_ROLE_CLAIM + "}",
            description = "Claim holding the roles, a dotted path for nested ones, e.g. realm_access.roles"
                    + " (env MONITOR_OIDC_ROLE_CLAIM). Default: ${DEFAULT-VALUE}")
    String oidcRoleClaim;

    @Option(names = "--oidc-operator-role", defaultValue = "${env:MONITOR_OIDC_OPERATOR_ROLE:-operator}",
            description = "Role value that makes an operator (env MONITOR_OIDC_OPERATOR_ROLE). Default: ${DEFAULT-VALUE}")
    String oidcOperatorRole;

    @Option(names = "--oidc-viewer-role", defaultValue = "${env:MONITOR_OIDC_VIEWER_ROLE:-viewer}",
            description = "Role value that makes a viewer (env MONITOR_OIDC_VIEWER_ROLE). Default: ${DEFAULT-VALUE}")
    String oidcViewerRole;

    @Option(names = "--anonymous-read", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:MONITOR_ANONYMOUS_READ:-false}",
            description = "Let anyone read the console, its API and metrics; acting always needs an operator"
                    + " (env MONITOR_ANONYMOUS_READ). Default: ${DEFAULT-VALUE}")
    boolean anonymousRead;

    @Option(names = "--bulletins-dir", defaultValue = "${env:MONITOR_BULLETINS_DIR}",
            description = "Keep the leaders' monthly bulletin (PDF, DOCX; zh, en) of each month the district clock ends in this"
                    + " directory, listed and downloaded on the console; needs --bulletins-query-url (env MONITOR_BULLETINS_DIR)")
    java.nio.file.Path bulletinsDir;

    @Option(names = "--bulletins-query-url", defaultValue = "${env:MONITOR_BULLETINS_QUERY_URL}",
            description = "The streams app's public port whose query API the bulletins are written from, e.g."
                    + " http://127.0.0.1:8080 (env MONITOR_BULLETINS_QUERY_URL)")
    String bulletinsQueryUrl;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MonitorApp()).execute(args));
    }

    MonitorConfig config() {
        return MonitorConfig.builder(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .httpHost(httpHost).httpPort(httpPort).groupId(groupId)
                .management(new ManagementEndpoint(managementBind, managementPort))
                .alertsTopic(alertsTopic).acksTopic(acksTopic)
                .webhooks(webhooks == null ? List.of() : webhooks)
                .retryPolicy(new RetryPolicy(maxAttempts, Duration.ofMillis(initialBackoffMs), Duration.ofMillis(maxBackoffMs)))
                .webhookTimeout(Duration.ofMillis(webhookTimeoutMs))
                .notificationTimings(new GroupTimings(Duration.ofSeconds(groupWaitSeconds),
                        Duration.ofMinutes(groupIntervalMinutes), Duration.ofMinutes(repeatMinutes)))
                .clientProperties(clientProperties())
                .clockMode(clockMode(clock)).clockStart(MonitorConfig.parseClockStart(clockStart)).clockTopic(clockTopic).targetsTopic(targetsTopic)
                .auth(new OperatorAuth(operatorsFile, oidc(), anonymousRead))
                .bulletins(bulletins())
                .build();
    }

    private BulletinSettings bulletins() {
        if ((bulletinsDir == null) != (bulletinsQueryUrl == null || bulletinsQueryUrl.isBlank())) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--bulletins-dir and --bulletins-query-url go together: give both to keep the monthly bulletins");
        }
        return bulletinsDir == null ? null : new BulletinSettings(bulletinsQueryUrl, bulletinsDir);
    }

    /** The Kafka settings and the registry's login, which the monitor hands to its clients and its serdes alike. */
    private Map<String, String> clientProperties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>(cluster.kafkaProperties());
        String registryLogin = cluster.schemaRegistryUserInfo();
        if (registryLogin != null) {
            properties.put("basic.auth.user.info", registryLogin);
        }
        return properties;
    }

    /** OIDC settings when an issuer is given; the JWKS URL and audience are then required. */
    private OidcSettings oidc() {
        if (oidcIssuer == null || oidcIssuer.isBlank()) {
            if (oidcJwksUrl != null || (oidcAudience != null && !oidcAudience.isBlank())) {
                throw new IllegalArgumentException("--oidc-jwks-url and --oidc-audience need --oidc-issuer");
            }
            return null;
        }
        return new OidcSettings(oidcIssuer, oidcJwksUrl, oidcAudience, oidcRoleClaim, oidcOperatorRole, oidcViewerRole);
    }

    private static ClockMode clockMode(String text) {
        String mode = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return switch (mode) {
            case "WALL" -> ClockMode.WALL;
            case "SIMULATED" -> ClockMode.SIMULATED;
            default -> throw new IllegalArgumentException("--clock must be wall or simulated, was '" + text + "'");
        };
    }

    @Override
    public Integer call() throws InterruptedException {
        MonitorConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("monitor: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        MonitorServer server;
        try {
            server = MonitorServer.start(config);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("monitor: " + e.getMessage()); // e.g. a bad operators file
            return CommandLine.ExitCode.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "monitor-shutdown"));
        System.out.println("监控中心 Monitoring center: " + server.baseUrl() + "/  (Ctrl+C to stop)");
        stopped.await();
        return CommandLine.ExitCode.OK;
    }
}
