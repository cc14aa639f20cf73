package org.jingan.progress.streams.query;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.kit.http.ManagementEndpoint;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.app.StreamsAppHook;
import org.jingan.progress.streams.app.StreamsRunner;
import org.jingan.progress.streams.dashboard.FeedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link QueryServer} (query API, dashboard; metrics and health on the management port) beside the streams
 * app: loaded by {@code StreamsApp} through {@code META-INF/services}, or handed to
 * {@code StreamsRunner.of(config, hooks)}.
 *
 * <p>Host and port are those of {@code application.server} when the app has one; otherwise {@code PROGRESS_HTTP_PORT}
 * (0, the default, picks a free port) and the app's {@code application.server} is set to where the server listens,
 * so interactive queries can find this instance. Settings (environment variable or system property of the same name):
 * <ul>
 *   <li>{@code PROGRESS_HTTP_BIND} interface to listen on (default: the host of application.server, else 127.0.0.1;
 *       0.0.0.0 in a container);</li>
 *   <li>{@code PROGRESS_HTTP_PORT} port when application.server is not set (default 0 = any free port);</li>
 *   <li>{@code PROGRESS_HTTP_ADVERTISED_HOST} host other instances reach this one at, when application.server is not
 *       set (default: the bind address, or 127.0.0.1 for 0.0.0.0);</li>
 *   <li>{@code PROGRESS_DASHBOARD} {@code false} to serve the API without the web dashboard.</li>
 * </ul>
 * The shared peer secret comes from the app's {@code --peer-secret-file} ({@code PROGRESS_PEER_SECRET_FILE}); without
 * it the base config's secret is kept (a random one: this instance then answers no other). Metrics and health listen
 * on {@code --management-bind} (127.0.0.1) : {@code --management-port} (0 = a free one).
 */
public final class QueryServerHook implements StreamsAppHook {
    private static final Logger log = LoggerFactory.getLogger(QueryServerHook.class);
    /** How long after the last schema registry fault (see DeadLetterDeserializationHandler) the instance is not ready. */
    static final java.time.Duration REGISTRY_FAULT_WINDOW = java.time.Duration.ofSeconds(30);

    private final QueryServerConfig base;
    private final Function<String, String> settings;
    private QueryServer server;

    /** Settings from the environment and system properties (for {@code ServiceLoader}). */
    public QueryServerHook() {
        this(QueryServerConfig.defaults(QueryStores.progressTopology()),
                name -> Optional.ofNullable(System.getProperty(name)).orElse(System.getenv(name)));
    }

    /** Starts from {@code base} (host, port 0 or fixed, timeouts); application.server, when set, decides host and port. */
    public QueryServerHook(QueryServerConfig base) {
        this(base, Map.<String, String>of()::get);
    }

    QueryServerHook(QueryServerConfig base, Function<String, String> settings) {
        this.base = base;
        this.settings = settings;
    }

    @Override
    public void configure(StreamsAppConfig config, Properties streamsProperties) {
        QueryServerConfig cfg = base;
        String applicationServer = streamsProperties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (applicationServer != null && !applicationServer.isBlank()) {
            HostInfo advertised = parse(applicationServer);
            // listen where the others are told to ask, unless told to listen more widely
            cfg = cfg.withHosts(setting("PROGRESS_HTTP_BIND", advertised.host()), advertised.host()).withPort(advertised.port());
        } else {
            String bind = setting("PROGRESS_HTTP_BIND", cfg.bindHost());
            String advertised = setting("PROGRESS_HTTP_ADVERTISED_HOST", "0.0.0.0".equals(bind) ? "127.0.0.1" : bind);
            cfg = cfg.withHosts(bind, advertised).withPort(port(setting("PROGRESS_HTTP_PORT", String.valueOf(cfg.port()))));
        }
        cfg = cfg.withDashboard(!"false".equalsIgnoreCase(setting("PROGRESS_DASHBOARD", String.valueOf(cfg.dashboard()))));
        cfg = withPeerSecret(cfg, config);
        cfg = cfg.withManagement(new ManagementEndpoint(config.managementBind(), config.managementPort()));
        server = QueryServer.create(cfg);
        var topology = config.topologyConfig();
        server.followFeed(FeedSource.of(topology.targetsTopic(),
                topology.progressTopic(), topology.alertsTopic(), FeedSource.connection(streamsProperties),
                config.registryConfig()));
        server.linkBulletins(config.bulletinsUrl());
        if (config.topologyConfig().clockMode() == ClockMode.SIMULATED) {
            server.useSimulatedClock(config.topologyConfig().clockStart());
        }
        streamsProperties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
        log.info("Query API and dashboard of this instance: http://{}/; metrics and health: {}/",
                server.applicationServer(), server.managementUrl());
    }

    @Override
    public void created(StreamsRunner runner) {
        if (server == null) {
            throw new IllegalStateException("configure(...) was not called before created(...)");
        }
        server.attach(runner.streams());
        runner.rejections().bindTo(server.meterRegistry());
        // a record held back by an unknown schema id or an unreachable registry is retried: not ready meanwhile
        server.notReadyWhile(() -> runner.rejections().registryFaultWithin(REGISTRY_FAULT_WINDOW, System.currentTimeMillis())
                .map(fault -> "schema registry fault, a record is being retried: " + fault));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** The running server (null before {@link #configure}). */
    public QueryServer server() {
        return server;
    }

    /** The secret of --peer-secret-file, else the base config's (random per process unless the caller chose one). */
    private static QueryServerConfig withPeerSecret(QueryServerConfig cfg, StreamsAppConfig config) {
        if (config.peerSecretFile() != null) {
            return cfg.withPeerSecret(PeerSecret.readFrom(config.peerSecretFile()));
        }
        if (cfg.peerSecret().generated()) {
            log.warn("No --peer-secret-file: this instance answers no other instance on /internal (its secret is"
                    + " random). Fine for a single instance; give every instance the same file to run several.");
        }
        return cfg;
    }

    private String setting(String name, String fallback) {
        String value = settings.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static HostInfo parse(String applicationServer) {
        try {
            return HostInfo.buildFromEndpoint(applicationServer.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("application.server must be host:port, got '" + applicationServer + "'", e);
        }
    }

    private static int port(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PROGRESS_HTTP_PORT must be a port number (0 = any free port), got '" + raw + "'");
        }
    }
}
