package org.jingan.progress.intake.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jingan.progress.avro.Target;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.service.DedupHorizon;
import org.jingan.progress.intake.http.RateLimit;
import org.jingan.progress.intake.validation.ReportValidator;
import org.jingan.progress.intake.validation.ValueBounds;
import org.jingan.progress.kit.http.ManagementEndpoint;

/**
 * Everything the intake server needs. Build it in code ({@link #builder()}) or from settings named like
 * environment variables ({@link #fromSettings}):
 *
 * <table>
 *   <tr><td>INTAKE_HTTP_HOST</td><td>bind address (127.0.0.1)</td></tr>
 *   <tr><td>INTAKE_HTTP_PORT</td><td>HTTP port (8081; 0 picks a free one)</td></tr>
 *   <tr><td>INTAKE_MANAGEMENT_PORT</td><td>port of metrics and health, apart from the API (8091; 0 picks a free one)</td></tr>
 *   <tr><td>INTAKE_MANAGEMENT_BIND</td><td>its interface (127.0.0.1: this host, or in a container its health check, only)</td></tr>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>brokers (required)</td></tr>
 *   <tr><td>SCHEMA_REGISTRY_URL</td><td>registry, Confluent API (required)</td></tr>
 *   <tr><td>SCHEMA_REGISTRY_USER_INFO</td><td>user:password for the registry (optional; SCHEMA_REGISTRY_BASIC_AUTH,
 *       its earlier name, is still read)</td></tr>
 *   <tr><td>SCHEMA_REGISTRY_AUTO_REGISTER</td><td>register the events' schema on first use, for development (false: the
 *       deploy step registers it; an in-JVM {@code mem://} registry always auto-registers)</td></tr>
 *   <tr><td>INTAKE_KAFKA_*</td><td>any Kafka client setting, e.g. INTAKE_KAFKA_SECURITY_PROTOCOL=SASL_SSL</td></tr>
 *   <tr><td>INTAKE_CREDENTIALS_FILE</td><td>department credentials file, reloaded when it changes</td></tr>
 *   <tr><td>INTAKE_API_KEYS</td><td>credentials inline: {@code dept=sha256:<hex>;dept2=…}</td></tr>
 *   <tr><td>INTAKE_TARGETS_TOPIC</td><td>the catalog's compacted topic, followed live: revisions apply without a restart (targets)</td></tr>
 *   <tr><td>INTAKE_CATALOG_FILE</td><td>a fixed catalog YAML instead of the topic, for a test or an offline check:
 *       revisions are not seen (default: none, the topic)</td></tr>
 *   <tr><td>INTAKE_TOPIC</td><td>events topic (progress-events)</td></tr>
 *   <tr><td>INTAKE_MAX_BODY_BYTES</td><td>largest request body (4194304)</td></tr>
 *   <tr><td>INTAKE_MAX_ROWS</td><td>most reports per request (10000)</td></tr>
 *   <tr><td>INTAKE_DELIVERY_TIMEOUT_MS</td><td>longest wait for the broker's acknowledgement (8000)</td></tr>
 *   <tr><td>INTAKE_RETRY_AFTER_SECONDS</td><td>Retry-After of a 503 (5)</td></tr>
 *   <tr><td>INTAKE_RECENT_EVENTS</td><td>the most event ids the memory of stored events keeps, about 260 bytes each (500000)</td></tr>
 *   <tr><td>INTAKE_DEDUP_RETENTION_AFTER_YEAR</td><td>how long after its target's year an event id is remembered: at
 *       least the streams app's --dedup-retention-after-year plus its --dedup-purge-interval (60d)</td></tr>
 *   <tr><td>INTAKE_ZONE</td><td>zone of dates without a time (Asia/Shanghai)</td></tr>
 *   <tr><td>INTAKE_CLOCK</td><td>{@code wall} (live) or {@code simulated} (a replay, the demo year: the district-clock topic) (wall)</td></tr>
 *   <tr><td>INTAKE_CLOCK_START</td><td>where a simulated clock stands before its first tick, a date or instant (2020-01-01T00:00+08:00)</td></tr>
 *   <tr><td>INTAKE_CLOCK_TOPIC</td><td>the simulated clock's topic (district-clock)</td></tr>
 *   <tr><td>INTAKE_MAX_EVENT_TIME_AHEAD</td><td>how far after the district clock's now a report may be dated (1h)</td></tr>
 *   <tr><td>INTAKE_REPORTING_GRACE</td><td>how long after the end of its target's deadline day a report may be dated (31d)</td></tr>
 *   <tr><td>INTAKE_MAX_VALUE_MULTIPLE</td><td>how many times its target's value a reported number may be in size (100)</td></tr>
 *   <tr><td>INTAKE_MAX_VALUE_WITHOUT_TARGET</td><td>the largest number on a target with neither a target value nor a 2019 value (1e9)</td></tr>
 *   <tr><td>INTAKE_RATE_LIMIT_PER_MINUTE</td><td>requests a minute per department, 0 for no limit (600)</td></tr>
 *   <tr><td>INTAKE_RATE_LIMIT_BURST</td><td>requests a department may send at once (100)</td></tr>
 *   <tr><td>INTAKE_STANDINGS_URL</td><td>the streams app's public URL, read by the department page (none)</td></tr>
 * </table>
 *
 * @param targets     a fixed catalog (tests, the demo's own checks), or null: then {@code catalogFile} if set, else
 *                    the {@code targetsTopic}, followed live
 * @param targetsTopic the catalog's compacted topic, the truth the intake follows unless given a fixed catalog
 * @param credentialsFile  may be null when {@code inlineCredentials} is set
 * @param clock       the wall clock the district clock reads in {@link ClockMode#WALL} (the system clock; tests fix
 *                    it); unused in {@link ClockMode#SIMULATED}
 * @param clockMode   which district clock the intake runs on
 * @param clockStart  where a simulated clock stands until the clock topic says otherwise
 * @param clockTopic  the simulated clock's topic
 * @param dedupRetentionAfterYear how long after the end of its target's year an event id is remembered
 *                    ({@link org.jingan.progress.intake.service.DedupHorizon})
 * @param valueBounds how large a reported number may be ({@link ValueBounds})
 * @param rateLimit   requests per department ({@link RateLimit})
 * @param management  where metrics and health are served (loopback), apart from the API
 * @param standingsUrl the streams app's public query API, which the department page reads server-side for the
 *                    standings and burn-up charts (GET only; it needs no credential); null: the page shows none
 */
public record IntakeConfig(String httpHost, int httpPort, String bootstrapServers, Map<String, Object> kafkaClientConfig,
                           String schemaRegistryUrl, String schemaRegistryBasicAuth, boolean schemaRegistryAutoRegister,
                           String topic, Path credentialsFile,
                           String inlineCredentials, Duration credentialsRecheck, Path catalogFile, List<Target> targets,
                           String targetsTopic,
                           Clock clock, ZoneId zone, long maxBodyBytes, int maxRows, Duration deliveryTimeout,
                           Duration retryAfter, int recentEventsCapacity, ClockMode clockMode, Instant clockStart,
                           String clockTopic, Duration maxEventTimeAhead, Duration reportingGrace,
                           Duration dedupRetentionAfterYear, ValueBounds valueBounds,
                           RateLimit rateLimit, ManagementEndpoint management, String standingsUrl) {

    public static final int DEFAULT_PORT = 8081;
    /** The management port (metrics, health) when configured from settings. */
    public static final int DEFAULT_MANAGEMENT_PORT = 8091;

    public IntakeConfig {
        Objects.requireNonNull(bootstrapServers, "KAFKA_BOOTSTRAP_SERVERS (bootstrap servers) is required");
        Objects.requireNonNull(schemaRegistryUrl, "SCHEMA_REGISTRY_URL (schema registry URL) is required");
        if (credentialsFile == null && (inlineCredentials == null || inlineCredentials.isBlank())) {
            throw new IllegalArgumentException("no department credentials: set INTAKE_CREDENTIALS_FILE or INTAKE_API_KEYS");
        }
        Objects.requireNonNull(clockMode, "INTAKE_CLOCK (clock mode) is required");
        Objects.requireNonNull(clockStart, "INTAKE_CLOCK_START (clock start) is required");
        Objects.requireNonNull(clockTopic, "INTAKE_CLOCK_TOPIC (clock topic) is required");
        if (maxEventTimeAhead == null || maxEventTimeAhead.isNegative()) {
            throw new IllegalArgumentException("INTAKE_MAX_EVENT_TIME_AHEAD must be a duration of 0 or more, not " + maxEventTimeAhead);
        }
        if (reportingGrace == null || reportingGrace.isNegative()) {
            throw new IllegalArgumentException("INTAKE_REPORTING_GRACE must be a duration of 0 or more, not " + reportingGrace);
        }
        if (dedupRetentionAfterYear == null || dedupRetentionAfterYear.isNegative()) {
            throw new IllegalArgumentException("INTAKE_DEDUP_RETENTION_AFTER_YEAR must be a duration of 0 or more, not " + dedupRetentionAfterYear);
        }
        if (recentEventsCapacity < 1) {
            throw new IllegalArgumentException("INTAKE_RECENT_EVENTS must be at least 1, not " + recentEventsCapacity);
        }
        Objects.requireNonNull(valueBounds, "valueBounds");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(management, "management");
        kafkaClientConfig = Map.copyOf(kafkaClientConfig);
        targets = targets == null ? null : List.copyOf(targets);
        Objects.requireNonNull(targetsTopic, "INTAKE_TARGETS_TOPIC (targets topic) is required");
    }

    /**
     * Settings of the registry serdes: the URL, the credentials if any, and {@code auto.register.schemas}, false on a
     * real registry unless {@link #schemaRegistryAutoRegister} (the deploy step, {@code ClusterInit}, registers every
     * subject, so the intake needs only read access), true on an in-JVM {@code mem://} registry (no deploy step).
     */
    public Map<String, Object> registryConfig() {
        var registry = new LinkedHashMap<String, Object>();
        registry.put("schema.registry.url", schemaRegistryUrl);
        if (schemaRegistryBasicAuth != null) {
            registry.put("basic.auth.user.info", schemaRegistryBasicAuth);
        }
        registry.put("auto.register.schemas", schemaRegistryAutoRegister || schemaRegistryUrl.startsWith("mem://"));
        return registry;
    }

    /** The validator's bounds on a report's eventTime. */
    public ReportValidator.Bounds eventTimeBounds() {
        return new ReportValidator.Bounds(maxEventTimeAhead, reportingGrace);
    }

    /** Without secrets: the registry password and the credential hashes are left out. */
    @Override
    public String toString() {
        return ("IntakeConfig[http=%s:%d, bootstrapServers=%s, schemaRegistryUrl=%s, autoRegister=%s, topic=%s, credentialsFile=%s, maxBodyBytes=%d, maxRows=%d, deliveryTimeout=%s, "
                + "clock=%s, maxEventTimeAhead=%s, reportingGrace=%s, %s, %s]")
                .formatted(httpHost, httpPort, bootstrapServers, schemaRegistryUrl, schemaRegistryAutoRegister, topic, credentialsFile, maxBodyBytes, maxRows,
                        deliveryTimeout, clockMode == ClockMode.WALL ? "wall" : "simulated from " + clockStart + " on " + clockTopic,
                        maxEventTimeAhead, reportingGrace, valueBounds, rateLimit);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.httpHost = httpHost;
        b.httpPort = httpPort;
        b.management = management;
        b.bootstrapServers = bootstrapServers;
        b.kafkaClientConfig = new LinkedHashMap<>(kafkaClientConfig);
        b.schemaRegistryUrl = schemaRegistryUrl;
        b.schemaRegistryBasicAuth = schemaRegistryBasicAuth;
        b.schemaRegistryAutoRegister = schemaRegistryAutoRegister;
        b.topic = topic;
        b.credentialsFile = credentialsFile;
        b.inlineCredentials = inlineCredentials;
        b.credentialsRecheck = credentialsRecheck;
        b.catalogFile = catalogFile;
        b.targets = targets;
        b.targetsTopic = targetsTopic;
        b.clock = clock;
        b.zone = zone;
        b.maxBodyBytes = maxBodyBytes;
        b.maxRows = maxRows;
        b.deliveryTimeout = deliveryTimeout;
        b.retryAfter = retryAfter;
        b.recentEventsCapacity = recentEventsCapacity;
        b.clockMode = clockMode;
        b.clockStart = clockStart;
        b.clockTopic = clockTopic;
        b.maxEventTimeAhead = maxEventTimeAhead;
        b.reportingGrace = reportingGrace;
        b.dedupRetentionAfterYear = dedupRetentionAfterYear;
        b.valueBounds = valueBounds;
        b.rateLimit = rateLimit;
        b.standingsUrl = standingsUrl;
        return b;
    }

    /**
     * A config from settings named like environment variables (dotted lower-case names such as
     * {@code intake.http.port} work too, for a properties file). Unset settings keep their defaults.
     */
    public static IntakeConfig fromSettings(Map<String, String> settings) {
        var s = new LinkedHashMap<String, String>();
        settings.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                s.put(k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v.strip());
            }
        });
        Builder b = builder();
        try {
            if (s.containsKey("INTAKE_HTTP_HOST")) b.httpHost(s.get("INTAKE_HTTP_HOST"));
            if (s.containsKey("INTAKE_HTTP_PORT")) b.httpPort(Integer.parseInt(s.get("INTAKE_HTTP_PORT")));
            b.management(new ManagementEndpoint(s.getOrDefault("INTAKE_MANAGEMENT_BIND", "127.0.0.1"),
                    whole(s, "INTAKE_MANAGEMENT_PORT", DEFAULT_MANAGEMENT_PORT)));
            if (s.containsKey("KAFKA_BOOTSTRAP_SERVERS")) b.bootstrapServers(s.get("KAFKA_BOOTSTRAP_SERVERS"));
            if (s.containsKey("SCHEMA_REGISTRY_URL")) b.schemaRegistryUrl(s.get("SCHEMA_REGISTRY_URL"));
            // SCHEMA_REGISTRY_USER_INFO as every program names it; SCHEMA_REGISTRY_BASIC_AUTH, its earlier name, still read
            if (s.containsKey("SCHEMA_REGISTRY_BASIC_AUTH")) b.schemaRegistryBasicAuth(s.get("SCHEMA_REGISTRY_BASIC_AUTH"));
            if (s.containsKey("SCHEMA_REGISTRY_USER_INFO")) b.schemaRegistryBasicAuth(s.get("SCHEMA_REGISTRY_USER_INFO"));
            if (s.containsKey("SCHEMA_REGISTRY_AUTO_REGISTER")) b.schemaRegistryAutoRegister(bool("SCHEMA_REGISTRY_AUTO_REGISTER", s.get("SCHEMA_REGISTRY_AUTO_REGISTER")));
            if (s.containsKey("INTAKE_TOPIC")) b.topic(s.get("INTAKE_TOPIC"));
            if (s.containsKey("INTAKE_CREDENTIALS_FILE")) b.credentialsFile(Path.of(s.get("INTAKE_CREDENTIALS_FILE")));
            if (s.containsKey("INTAKE_API_KEYS")) b.inlineCredentials(s.get("INTAKE_API_KEYS"));
            if (s.containsKey("INTAKE_CATALOG_FILE")) b.catalogFile(Path.of(s.get("INTAKE_CATALOG_FILE")));
            if (s.containsKey("INTAKE_TARGETS_TOPIC")) b.targetsTopic(s.get("INTAKE_TARGETS_TOPIC"));
            if (s.containsKey("INTAKE_MAX_BODY_BYTES")) b.maxBodyBytes(Long.parseLong(s.get("INTAKE_MAX_BODY_BYTES")));
            if (s.containsKey("INTAKE_MAX_ROWS")) b.maxRows(Integer.parseInt(s.get("INTAKE_MAX_ROWS")));
            if (s.containsKey("INTAKE_DELIVERY_TIMEOUT_MS")) b.deliveryTimeout(Duration.ofMillis(Long.parseLong(s.get("INTAKE_DELIVERY_TIMEOUT_MS"))));
            if (s.containsKey("INTAKE_RETRY_AFTER_SECONDS")) b.retryAfter(Duration.ofSeconds(Long.parseLong(s.get("INTAKE_RETRY_AFTER_SECONDS"))));
            if (s.containsKey("INTAKE_RECENT_EVENTS")) b.recentEventsCapacity(Integer.parseInt(s.get("INTAKE_RECENT_EVENTS")));
            if (s.containsKey("INTAKE_ZONE")) b.zone(ZoneId.of(s.get("INTAKE_ZONE")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a numeric intake setting is not a number: " + e.getMessage(), e);
        }
        clockSetting(s, "INTAKE_CLOCK", v -> b.clockMode(IntakeClock.mode(v)));
        clockSetting(s, "INTAKE_CLOCK_START", v -> b.clockStart(IntakeClock.start(v)));
        clockSetting(s, "INTAKE_CLOCK_TOPIC", b::clockTopic);
        clockSetting(s, "INTAKE_MAX_EVENT_TIME_AHEAD", v -> b.maxEventTimeAhead(IntakeClock.duration(v)));
        clockSetting(s, "INTAKE_REPORTING_GRACE", v -> b.reportingGrace(IntakeClock.duration(v)));
        clockSetting(s, "INTAKE_DEDUP_RETENTION_AFTER_YEAR", v -> b.dedupRetentionAfterYear(IntakeClock.duration(v)));
        b.valueBounds(new ValueBounds(
                number(s, "INTAKE_MAX_VALUE_MULTIPLE", b.valueBounds.maxMultiple()),
                number(s, "INTAKE_MAX_VALUE_WITHOUT_TARGET", b.valueBounds.maxWithoutReference())));
        b.rateLimit(new RateLimit(
                whole(s, "INTAKE_RATE_LIMIT_PER_MINUTE", b.rateLimit.perMinute()),
                whole(s, "INTAKE_RATE_LIMIT_BURST", b.rateLimit.burst())));
        if (s.containsKey("INTAKE_STANDINGS_URL")) {
            b.standingsUrl(s.get("INTAKE_STANDINGS_URL"));
        }
        s.forEach((key, value) -> {
            if (key.startsWith("INTAKE_KAFKA_")) {
                b.kafkaClientConfig.put(key.substring("INTAKE_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return b.build();
    }

    /** A numeric setting ({@code 100}, {@code 1e9}), or {@code otherwise} when unset. */
    private static double number(Map<String, String> settings, String key, double otherwise) {
        String value = settings.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + value + "'", e);
        }
    }

    /** A whole-number setting, or {@code otherwise} when unset. */
    private static int whole(Map<String, String> settings, String key, int otherwise) {
        String value = settings.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'", e);
        }
    }

    private static boolean bool(String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
    }

    private static void clockSetting(Map<String, String> settings, String key, java.util.function.Consumer<String> apply) {
        String value = settings.get(key);
        if (value == null) {
            return;
        }
        try {
            apply.accept(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** Fluent construction with the defaults of the table above. */
    public static final class Builder {
        private String httpHost = "127.0.0.1";
        private int httpPort = DEFAULT_PORT;
        private ManagementEndpoint management = ManagementEndpoint.LOOPBACK_ANY_PORT;
        private String bootstrapServers;
        private Map<String, Object> kafkaClientConfig = new LinkedHashMap<>();
        private String schemaRegistryUrl;
        private String schemaRegistryBasicAuth;
        private boolean schemaRegistryAutoRegister;
        private String topic = Topics.PROGRESS_EVENTS.name();
        private Path credentialsFile;
        private String inlineCredentials;
        private Duration credentialsRecheck = Duration.ofSeconds(2);
        private Path catalogFile;
        private List<Target> targets;
        private String targetsTopic = Topics.TARGETS.name();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.of("Asia/Shanghai");
        private long maxBodyBytes = 4L * 1024 * 1024;
        private int maxRows = 10_000;
        private Duration deliveryTimeout = Duration.ofSeconds(8);
        private Duration retryAfter = Duration.ofSeconds(5);
        private int recentEventsCapacity = 500_000;
        private ClockMode clockMode = ClockMode.WALL;
        private Instant clockStart = IntakeClock.DEFAULT_START;
        private String clockTopic = Topics.CLOCK.name();
        private Duration maxEventTimeAhead = ReportValidator.Bounds.DEFAULT_MAX_EVENT_TIME_AHEAD;
        private Duration reportingGrace = ReportValidator.Bounds.DEFAULT_REPORTING_GRACE;
        private Duration dedupRetentionAfterYear = DedupHorizon.DEFAULT_AFTER_YEAR;
        private ValueBounds valueBounds = ValueBounds.DEFAULT;
        private RateLimit rateLimit = RateLimit.DEFAULT;
        private String standingsUrl;

        public Builder httpHost(String v) { httpHost = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        /** Where metrics and health are served (default: a free loopback port). */
        public Builder management(ManagementEndpoint v) { management = v; return this; }
        public Builder bootstrapServers(String v) { bootstrapServers = v; return this; }
        public Builder kafkaClientConfig(String key, Object value) { kafkaClientConfig.put(key, value); return this; }
        public Builder schemaRegistryUrl(String v) { schemaRegistryUrl = v; return this; }
        public Builder schemaRegistryBasicAuth(String v) { schemaRegistryBasicAuth = v; return this; }
        /** Register the events' schema on first use (default false: the deploy step registers it). */
        public Builder schemaRegistryAutoRegister(boolean v) { schemaRegistryAutoRegister = v; return this; }
        public Builder topic(String v) { topic = v; return this; }
        public Builder credentialsFile(Path v) { credentialsFile = v; return this; }
        public Builder inlineCredentials(String v) { inlineCredentials = v; return this; }
        public Builder credentialsRecheck(Duration v) { credentialsRecheck = v; return this; }
        public Builder catalogFile(Path v) { catalogFile = v; return this; }
        /** A fixed catalog instead of following the targets topic. */
        public Builder targets(List<Target> v) { targets = v; return this; }
        public Builder targetsTopic(String v) { targetsTopic = v; return this; }
        /** The wall clock of {@link ClockMode#WALL} (default: the system clock). */
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder clockMode(ClockMode v) { clockMode = v; return this; }
        public Builder clockStart(Instant v) { clockStart = v; return this; }
        public Builder clockTopic(String v) { clockTopic = v; return this; }
        public Builder maxEventTimeAhead(Duration v) { maxEventTimeAhead = v; return this; }
        public Builder reportingGrace(Duration v) { reportingGrace = v; return this; }
        public Builder zone(ZoneId v) { zone = v; return this; }
        public Builder maxBodyBytes(long v) { maxBodyBytes = v; return this; }
        public Builder maxRows(int v) { maxRows = v; return this; }
        public Builder deliveryTimeout(Duration v) { deliveryTimeout = v; return this; }
        public Builder retryAfter(Duration v) { retryAfter = v; return this; }
        /** The most event ids the memory of stored events keeps. */
        public Builder recentEventsCapacity(int v) { recentEventsCapacity = v; return this; }
        public Builder dedupRetentionAfterYear(Duration v) { dedupRetentionAfterYear = v; return this; }
        public Builder valueBounds(ValueBounds v) { valueBounds = v; return this; }
        /** Requests per department ({@link RateLimit#OFF} for none). */
        public Builder rateLimit(RateLimit v) { rateLimit = v; return this; }
        /** The streams app's public URL, for the department page's standings (null: none shown). */
        public Builder standingsUrl(String v) { standingsUrl = v; return this; }

        public IntakeConfig build() {
            return new IntakeConfig(httpHost, httpPort, bootstrapServers, kafkaClientConfig, schemaRegistryUrl,
                    schemaRegistryBasicAuth, schemaRegistryAutoRegister, topic, credentialsFile, inlineCredentials, credentialsRecheck, catalogFile,
                    targets, targetsTopic, clock, zone, maxBodyBytes, maxRows, deliveryTimeout, retryAfter, recentEventsCapacity,
                    clockMode, clockStart, clockTopic, maxEventTimeAhead, reportingGrace, dedupRetentionAfterYear,
                    valueBounds, rateLimit, management, standingsUrl);
        }
    }
}
