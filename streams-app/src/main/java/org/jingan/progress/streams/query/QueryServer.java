package org.jingan.progress.streams.query;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.kit.http.Health;
import org.jingan.progress.kit.http.ManagementServer;
import org.jingan.progress.clock.WallClock;
import org.jingan.progress.streams.dashboard.Dashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The HTTP face of one streams-app instance: the query API over the state stores (answering for the whole cluster,
 * forwarding to the instance holding a key), the web dashboard with its live feed, the peers' {@code /internal}
 * endpoints (peer secret only); metrics and health on a separate management port ({@link ManagementServer}).
 *
 * <p>Two ways to start it. When the port is fixed, {@link #start(KafkaStreams, QueryServerConfig)} with the same
 * host:port as the app's {@code application.server}. When the port is picked at start (port 0), first
 * {@link #create(QueryServerConfig)}, give {@link #applicationServer()} to Streams as {@code application.server},
 * build the KafkaStreams, then {@link #attach(KafkaStreams)}; until then the API answers 503 and readiness is down.
 */
public final class QueryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final java.time.Duration STREAMS_METRICS_REFRESH = java.time.Duration.ofSeconds(5);

    private final QueryServerConfig config;
    private final ObjectMapper mapper;
    private final PrometheusMeterRegistry meters;
    private final Javalin app;
    private final Dashboard dashboard;
    private final PeerValues peerValues = new PeerValues();
    private volatile KafkaStreams streams;
    private volatile LocalStores local;
    private volatile ProgressQueries queries;
    private volatile DistrictClock clock = new WallClock();
    private volatile java.util.function.Supplier<java.util.Optional<String>> notReadyBecause = java.util.Optional::empty;
    private ManagementServer management;
    private ScheduledExecutorService sampler;
    private java.util.concurrent.ExecutorService peerReads;
    private KafkaStreamsMetrics streamsMetrics;
    private final java.util.Map<String, Timer> requestTimers = new java.util.concurrent.ConcurrentHashMap<>();

    private QueryServer(QueryServerConfig config) {
        this.config = config;
        // doubles are most of an answer's numbers: the fast writer (Schubfach) instead of Java 17's Double.toString
        this.mapper = new ObjectMapper(JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build())
                .registerModule(new JavaTimeModule()).registerModule(AvroJson.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.dashboard = config.dashboard() ? new Dashboard(mapper, meters) : null;
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.requestLogger.http((ctx, ms) -> record(ctx, ms));
            if (dashboard != null) {
                dashboard.configure(cfg);
            }
        });
        Problems.register(app, mapper, config.retryAfterSeconds());
        new PeerAuthentication(config.peerSecret()).register(app);
        JsonBodies json = new JsonBodies(mapper);
        new InternalRoutes(this::local, config.stores(), json, peerValues).register(app);
        new ProgressRoutes(this::queriesOrFail, json).register(app);
        new ClockRoutes(() -> clock).register(app);
        if (dashboard != null) {
            dashboard.register(app);
        }
    }

    /**
     * The district clock the topology runs on: a simulated one is read from the attached app's global store (before
     * that, and without this call, the wall clock).
     */
    public QueryServer useSimulatedClock(java.time.Instant start) {
        this.clock = new StoreClock(() -> streams, start);
        return this;
    }

    /** A reason to answer /health/ready with 503 although Kafka Streams runs (empty: none), asked on each probe. */
    public QueryServer notReadyWhile(java.util.function.Supplier<java.util.Optional<String>> reason) {
        this.notReadyBecause = reason;
        return this;
    }

    /**
     * The topics the dashboard's live feed follows (pushed to the pages as they are published); call before
     * {@link #attach}. Without it the feed says it cannot be read. No-op without the dashboard.
     */
    public QueryServer followFeed(org.jingan.progress.streams.dashboard.FeedSource source) {
        if (dashboard != null) {
            dashboard.follow(source);
        }
        return this;
    }

    /** The dashboard's link to the monitor's monthly bulletins (null: none). No-op without the dashboard. */
    public QueryServer linkBulletins(String url) {
        if (dashboard != null) {
            dashboard.linkBulletins(url);
        }
        return this;
    }

    /** The dashboard's live feed (null without the dashboard or a {@link #followFeed} source). */
    public org.jingan.progress.streams.dashboard.LiveFeed liveFeed() {
        return dashboard == null ? null : dashboard.feed();
    }

    /** The district clock as this instance shows it. */
    public DistrictClock clock() {
        return clock;
    }

    /**
     * Binds the HTTP port and the management port now; the API answers 503 and readiness is down until
     * {@link #attach(KafkaStreams)}.
     */
    public static QueryServer create(QueryServerConfig config) {
        QueryServer server = new QueryServer(config);
        server.app.start(config.bindHost(), config.port());
        try {
            server.management = ManagementServer.start("streams app", config.management(), server.mapper,
                    server.meters, server::liveness, server::readiness);
        } catch (RuntimeException e) {
            server.app.stop();
            throw e;
        }
        log.info("Query server listening on {}:{} (advertised as {})", config.bindHost(), server.port(), server.applicationServer());
        return server;
    }

    /** Binds and attaches at once; the config's port must be the one in the app's {@code application.server}. */
    public static QueryServer start(KafkaStreams streams, QueryServerConfig config) {
        if (config.port() == 0) {
            throw new IllegalArgumentException("start(streams, config) needs the fixed port of application.server;"
                    + " with port 0 use create(config), put applicationServer() into the Streams config, then attach(streams)");
        }
        return create(config).attach(streams);
    }

    /** Serves {@code streams}' stores from now on. Its {@code application.server} must be {@link #applicationServer()}. */
    public synchronized QueryServer attach(KafkaStreams kafkaStreams) {
        if (streams != null) {
            throw new IllegalStateException("A KafkaStreams is already attached");
        }
        HostInfo self = new HostInfo(config.advertisedHost(), port());
        StoreDirectory directory = new StoreDirectory(kafkaStreams);
        LagTracker lags = new LagTracker(kafkaStreams, Clock.systemUTC());
        LocalStores localStores = new LocalStores(kafkaStreams, directory, lags, self);
        PeerReads peers = new PeerReads(new PeerClient(mapper, config.forwardTimeout(), config.peerSecret()), mapper,
                peerValues, config.peerPageSize());
        peerReads = Executors.newCachedThreadPool(daemon("peer-reads-" + port()));
        ClusterStores cluster = new ClusterStores(directory, localStores, peers, self, meters, peerReads);
        sampler = Executors.newSingleThreadScheduledExecutor(daemon("store-lag-sampler-" + port()));
        long every = config.lagSampleInterval().toMillis();
        sampler.scheduleWithFixedDelay(() -> {
            KafkaStreams.State state = kafkaStreams.state();
            if (state.isRunningOrRebalancing()) {
                lags.refresh();
            }
        }, every, every, TimeUnit.MILLISECONDS);
        // task and node metrics (e.g. record-e2e-latency) appear once tasks are assigned: look for new ones often
        streamsMetrics = new KafkaStreamsMetrics(kafkaStreams, Tags.empty(),
                Executors.newSingleThreadScheduledExecutor(daemon("streams-metrics-" + port())), STREAMS_METRICS_REFRESH);
        streamsMetrics.bindTo(meters);
        this.local = localStores;
        this.queries = new ProgressQueries(cluster, config.stores(), QueryHosts.name(self), Clock.systemUTC());
        this.queries.districtDate(() -> clock.today());
        this.streams = kafkaStreams;
        if (dashboard != null) {
            dashboard.start(QueryHosts.name(self));
        }
        return this;
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** Where metrics and health are served, e.g. http://127.0.0.1:8089 (loopback unless configured otherwise). */
    public String managementUrl() {
        return management.url();
    }

    /** {@code host:port} to set as the Streams app's {@code application.server}. */
    public String applicationServer() {
        return config.advertisedHost() + ":" + port();
    }

    /** The registry behind the management port's /metrics; the app may add its own meters to it. */
    public PrometheusMeterRegistry meterRegistry() {
        return meters;
    }

    /** The query service itself, for in-process callers (null until attached). */
    public ProgressQueries queries() {
        return queries;
    }

    @Override
    public synchronized void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (peerReads != null) {
            peerReads.shutdownNow();
        }
        if (sampler != null) {
            sampler.shutdownNow();
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (management != null) {
            management.close();
        }
        app.stop();
        meters.close();
    }

    /** Live unless Kafka Streams failed: dead stream threads or a failed client need a restart. */
    private Health liveness() {
        KafkaStreams.State state = streamsState();
        boolean live = state == null || !(state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR);
        return new Health(live, streamsHealth(state));
    }

    /**
     * Ready = Kafka Streams RUNNING and no schema registry fault lately (an unknown schema id or an unreachable
     * registry keeps a record being retried).
     */
    private Health readiness() {
        KafkaStreams.State state = streamsState();
        java.util.Optional<String> fault = notReadyBecause.get();
        java.util.Map<String, Object> details = streamsHealth(state);
        fault.ifPresent(reason -> details.put("reason", reason));
        return new Health(state == KafkaStreams.State.RUNNING && fault.isEmpty(), details);
    }

    private KafkaStreams.State streamsState() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    private static java.util.Map<String, Object> streamsHealth(KafkaStreams.State state) {
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("streamsState", state == null ? "NOT_ATTACHED" : state.name());
        return details;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private LocalStores local() {
        LocalStores current = local;
        if (current == null) {
            throw notAttached();
        }
        return current;
    }

    private ProgressQueries queriesOrFail() {
        ProgressQueries current = queries;
        if (current == null) {
            throw notAttached();
        }
        return current;
    }

    private UnavailableException notAttached() {
        return new UnavailableException("not-ready", "The streams app on " + applicationServer() + " is starting.");
    }

    private void record(io.javalin.http.Context ctx, Float ms) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        if (route.startsWith(Dashboard.STREAM_PATH)) {
            return; // a push stream's duration is not a request latency
        }
        String tagRoute = route == null || route.isEmpty() ? "unmatched" : route;
        String method = ctx.method().name();
        int status = ctx.statusCode();
        // looked up by a plain key: building and registering a meter id per request costs more than recording
        requestTimers.computeIfAbsent(method + " " + status + " " + tagRoute, k ->
                Timer.builder("progress.query.requests").description("HTTP requests of the query API and dashboard")
                        .tag("route", tagRoute).tag("method", method).tag("status", String.valueOf(status))
                        .publishPercentileHistogram(false)
                        .register(meters)).record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
