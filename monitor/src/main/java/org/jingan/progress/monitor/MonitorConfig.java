package org.jingan.progress.monitor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jingan.progress.bulletins.BulletinSettings;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.kit.http.ManagementEndpoint;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.monitor.auth.OidcSettings;
import org.jingan.progress.monitor.auth.OperatorAuth;
import org.jingan.progress.monitor.group.GroupTimings;
import org.jingan.progress.monitor.notify.RetryPolicy;

/**
 * Everything the monitoring center needs to run. Build with {@link #builder(String, String)}; defaults suit the
 * local stack.
 *
 * @param bootstrapServers   Kafka bootstrap servers
 * @param schemaRegistryUrl  Confluent-API URL of the schema registry (the alerts are Avro)
 * @param httpHost           interface the console binds to
 * @param httpPort           console port; 0 picks a free one (see {@link MonitorServer#port()})
 * @param groupId            consumer group of the alerts consumer: its committed offsets say which notices were handled
 * @param alertsTopic        topic of Alert notices, keyed by dedup key
 * @param acksTopic          compacted topic of operator decisions, keyed by dedup key
 * @param webhooks           URLs notices are POSTed to; empty means console only
 * @param retryPolicy        backoff and attempts per webhook delivery
 * @param webhookTimeout     connect and response timeout of one webhook attempt
 * @param notificationTimings when grouped notices go to the webhooks: group wait and group interval (district clock),
 *                           repeat interval (wall clock); see {@link GroupTimings}
 * @param clientProperties   extra Kafka client and registry settings (security, basic.auth.user.info, ...)
 * @param wallClock          the wall clock: operators' time, for silences, acknowledgements and the repeat interval
 * @param clockMode          the district clock: {@link ClockMode#WALL} (live: the wall clock) or
 *                           {@link ClockMode#SIMULATED} (replays, the demo year: followed from {@code clockTopic});
 *                           the ages of alerts count against it
 * @param clockStart         where a simulated district clock stands until the first tick on {@code clockTopic}
 * @param clockTopic         the district-clock topic a simulated clock is followed from
 * @param targetsTopic       the catalog's topic, followed live for the departments' names
 * @param auth               how operators sign in (operators file, OIDC) and whether reading needs it
 * @param management         where metrics and health are served (loopback by default), apart from the console
 * @param bulletins          where the leaders' monthly bulletins are read from and kept (the query API, a directory);
 *                           null: no bulletins (module {@code bulletins})
 */
public record MonitorConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String httpHost,
        int httpPort,
        String groupId,
        String alertsTopic,
        String acksTopic,
        List<URI> webhooks,
        RetryPolicy retryPolicy,
        Duration webhookTimeout,
        GroupTimings notificationTimings,
        Map<String, String> clientProperties,
        Clock wallClock,
        ClockMode clockMode,
        Instant clockStart,
        String clockTopic,
        String targetsTopic,
        OperatorAuth auth,
        ManagementEndpoint management,
        BulletinSettings bulletins) {

    public static final String DEFAULT_GROUP_ID = "progress-monitor";
    public static final int DEFAULT_HTTP_PORT = 8083;
    /** The management port (metrics, health) of the command-line monitor. */
    public static final int DEFAULT_MANAGEMENT_PORT = 8093;
    /** Where a simulated district clock stands before its first tick: the start of the report's year. */
    public static final String DEFAULT_CLOCK_START = "2020-01-01T00:00+08:00";

    public MonitorConfig {
        requireText(bootstrapServers, "bootstrap servers (--bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS)");
        requireText(schemaRegistryUrl, "schema registry URL (--schema-registry-url or SCHEMA_REGISTRY_URL)");
        requireText(groupId, "consumer group id (--group-id)");
        requireText(alertsTopic, "alerts topic");
        requireText(acksTopic, "acknowledgements topic");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port must be 0..65535 (0 = any free port), was " + httpPort);
        }
        for (URI webhook : webhooks) {
            if (!"http".equals(webhook.getScheme()) && !"https".equals(webhook.getScheme())) {
                throw new IllegalArgumentException("webhook '" + webhook + "' must be an http:// or https:// URL");
            }
        }
        webhooks = List.copyOf(webhooks);
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(notificationTimings, "notificationTimings");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(clockMode, "clockMode");
        Objects.requireNonNull(clockStart, "clockStart");
        requireText(clockTopic, "district clock topic");
        requireText(targetsTopic, "targets topic");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(management, "management");
        if (webhookTimeout.isNegative() || webhookTimeout.isZero()) {
            throw new IllegalArgumentException("webhook timeout must be positive, was " + webhookTimeout);
        }
    }

    public static Builder builder(String bootstrapServers, String schemaRegistryUrl) {
        return new Builder(bootstrapServers, schemaRegistryUrl);
    }

    public Builder toBuilder() {
        return new Builder(bootstrapServers, schemaRegistryUrl).httpHost(httpHost).httpPort(httpPort).groupId(groupId)
                .alertsTopic(alertsTopic).acksTopic(acksTopic).webhooks(webhooks).retryPolicy(retryPolicy)
                .webhookTimeout(webhookTimeout).notificationTimings(notificationTimings).clientProperties(clientProperties)
                .wallClock(wallClock).clockMode(clockMode).clockStart(clockStart).clockTopic(clockTopic).targetsTopic(targetsTopic).auth(auth)
                .management(management).bulletins(bulletins);
    }

    /**
     * A simulated clock's start as written on the command line: a date-time with its offset
     * ({@code 2020-01-01T00:00+08:00}, {@code 2020-01-01T00:00:00Z}) or a date (its midnight in Asia/Shanghai).
     */
    public static Instant parseClockStart(String text) {
        String value = text == null ? "" : text.trim();
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(DistrictClock.ZONE).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("clock start '" + text + "' is not a date-time with offset like "
                    + DEFAULT_CLOCK_START + " nor a date like 2020-01-01");
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + what);
        }
    }

    /** Builder with the local-stack defaults; the district clock is the wall clock unless {@link Builder#clockMode} says otherwise. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String schemaRegistryUrl;
        private String httpHost = "127.0.0.1";
        private int httpPort = DEFAULT_HTTP_PORT;
        private String groupId = DEFAULT_GROUP_ID;
        private String alertsTopic = Topics.ALERTS.name();
        private String acksTopic = Topics.ALERT_ACKS.name();
        private List<URI> webhooks = new ArrayList<>();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private GroupTimings notificationTimings = GroupTimings.DEFAULT;
        private Map<String, String> clientProperties = new LinkedHashMap<>();
        private Clock wallClock = Clock.systemUTC();
        private ClockMode clockMode = ClockMode.WALL;
        private Instant clockStart = parseClockStart(DEFAULT_CLOCK_START);
        private String clockTopic = Topics.CLOCK.name();
        private String targetsTopic = Topics.TARGETS.name();
        private OperatorAuth auth = OperatorAuth.NONE;
        private ManagementEndpoint management = ManagementEndpoint.LOOPBACK_ANY_PORT;
        private BulletinSettings bulletins;

        private Builder(String bootstrapServers, String schemaRegistryUrl) {
            this.bootstrapServers = bootstrapServers;
            this.schemaRegistryUrl = schemaRegistryUrl;
        }

        public Builder httpHost(String v) { httpHost = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder groupId(String v) { groupId = v; return this; }
        public Builder alertsTopic(String v) { alertsTopic = v; return this; }
        public Builder acksTopic(String v) { acksTopic = v; return this; }
        public Builder webhooks(List<URI> v) { webhooks = new ArrayList<>(v); return this; }
        public Builder webhook(URI v) { webhooks.add(v); return this; }
        public Builder retryPolicy(RetryPolicy v) { retryPolicy = v; return this; }
        public Builder webhookTimeout(Duration v) { webhookTimeout = v; return this; }
        public Builder notificationTimings(GroupTimings v) { notificationTimings = v; return this; }
        public Builder repeatInterval(Duration v) {
            notificationTimings = new GroupTimings(notificationTimings.groupWait(), notificationTimings.groupInterval(), v);
            return this;
        }
        public Builder groupWait(Duration v) {
            notificationTimings = new GroupTimings(v, notificationTimings.groupInterval(), notificationTimings.repeatInterval());
            return this;
        }
        public Builder groupInterval(Duration v) {
            notificationTimings = new GroupTimings(notificationTimings.groupWait(), v, notificationTimings.repeatInterval());
            return this;
        }
        public Builder clientProperties(Map<String, String> v) { clientProperties = new LinkedHashMap<>(v); return this; }
        public Builder clientProperty(String k, String v) { clientProperties.put(k, v); return this; }
        /** The wall clock (operators' time: silences, acknowledgements, the repeat interval); tests fix it. */
        public Builder wallClock(Clock v) { wallClock = v; return this; }
        public Builder clockMode(ClockMode v) { clockMode = v; return this; }
        public Builder clockStart(Instant v) { clockStart = v; return this; }
        public Builder clockTopic(String v) { clockTopic = v; return this; }
        public Builder targetsTopic(String v) { targetsTopic = v; return this; }
        public Builder auth(OperatorAuth v) { auth = v; return this; }
        /** Where metrics and health are served; by default a free loopback port. */
        public Builder management(ManagementEndpoint v) { management = v; return this; }
        /** The operators file ({@code name:role:hash} lines): HTTP Basic and the console's sign-in form. */
        public Builder operatorsFile(Path v) { auth = auth.withOperatorsFile(v); return this; }
        /** OIDC bearer tokens checked against the issuer's JWKS. */
        public Builder oidc(OidcSettings v) { auth = auth.withOidc(v); return this; }
        /** Lets anyone read the console (acting still needs an operator). */
        public Builder anonymousRead(boolean v) { auth = auth.withAnonymousRead(v); return this; }
        /** Keeps the monthly bulletins ({@code null}: none). */
        public Builder bulletins(BulletinSettings v) { bulletins = v; return this; }

        public MonitorConfig build() {
            return new MonitorConfig(bootstrapServers, schemaRegistryUrl, httpHost, httpPort, groupId, alertsTopic,
                    acksTopic, webhooks, retryPolicy, webhookTimeout, notificationTimings, clientProperties, wallClock,
                    clockMode, clockStart, clockTopic, targetsTopic, auth, management, bulletins);
        }
    }
}
