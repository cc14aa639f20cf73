package org.jingan.progress.streams.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One streams-app instance for tests: a KafkaStreams with standby replicas under exactly-once, and its query
 * server on a free port advertised as {@code application.server}. {@link #crash()} stops both without leaving
 * the consumer group, as a killed process would.
 */
public final class QueryTestInstance implements AutoCloseable {

    /** What a GET answered. */
    public record Response(int status, String contentType, String retryAfter, JsonNode body, String wwwAuthenticate) {
    }

    private final QueryServer server;
    private final PeerSecret peerSecret;
    private final KafkaStreams streams;
    private final Path stateDir;

    public QueryTestInstance(String applicationId, String bootstrapServers, QueryServerConfig config,
                             Function<String, Topology> topologyForServer) {
        this(applicationId, bootstrapServers, config, topologyForServer, 1);
    }

    public QueryTestInstance(String applicationId, String bootstrapServers, QueryServerConfig config,
                             Function<String, Topology> topologyForServer, int standbys) {
        this(applicationId, bootstrapServers, config, topologyForServer, standbys, null);
    }

    /** As above, its dashboard's live feed following {@code feed} (null: no feed). */
    public QueryTestInstance(String applicationId, String bootstrapServers, QueryServerConfig config,
                             Function<String, Topology> topologyForServer, int standbys,
                             org.jingan.progress.streams.dashboard.FeedSource feed) {
        this(applicationId, bootstrapServers, config, topologyForServer, standbys, feed, Map.of());
    }

    /** As above, with {@code streamsOverrides} put over this class's Streams settings (e.g. a static membership). */
    public QueryTestInstance(String applicationId, String bootstrapServers, QueryServerConfig config,
                             Function<String, Topology> topologyForServer, int standbys,
                             org.jingan.progress.streams.dashboard.FeedSource feed, Map<String, ?> streamsOverrides) {
        try {
            this.stateDir = Files.createTempDirectory("streams-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = QueryServer.create(config);
        if (feed != null) {
            server.followFeed(feed);
        }
        this.peerSecret = config.peerSecret();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(org.jingan.progress.testkit.TestCluster.get().securityProperties()); // the shared cluster's admin
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        props.putAll(streamsOverrides);
        this.streams = new KafkaStreams(topologyForServer.apply(server.applicationServer()), props);
        server.attach(streams);
        streams.start();
    }

    public String baseUrl() {
        return "http://" + server.applicationServer();
    }

    public String name() {
        return server.applicationServer();
    }

    public QueryServer server() {
        return server;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Response get(String pathAndQuery) {
        return new Http(baseUrl()).get(pathAndQuery);
    }

    /** The management port: metrics and health. */
    public Http management() {
        return new Http(server.managementUrl());
    }

    /** A GET as another instance of the app asks: with the shared peer secret. */
    public Response getAsPeer(String pathAndQuery) {
        return new Http(baseUrl()).get(pathAndQuery, Map.of(PeerSecret.HEADER, peerSecret.value()));
    }

    public String text(String pathAndQuery) {
        return new Http(baseUrl()).text(pathAndQuery);
    }

    /** Stops as a killed process would: no leave-group, no flush of the HTTP side; peers see connection refused. */
    public void crash() {
        server.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
    }

    @Override
    public void close() {
        server.close();
        streams.close(Duration.ofSeconds(10));
        streams.cleanUp();
    }
}
