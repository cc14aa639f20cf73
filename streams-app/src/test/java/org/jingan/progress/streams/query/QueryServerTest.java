package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server before a KafkaStreams is attached: it is up, not ready, and says so in every answer until one is
 * attached; its /internal endpoints answer only a caller with the peer secret.
 */
class QueryServerTest {
    @TempDir
    Path stateDir;
    private final QueryServerConfig config = QueryServerConfig.defaults(QueryStores.progressTopology());
    private final QueryServer server = QueryServer.create(config);
    private final Http http = new Http("http://" + server.applicationServer());
    private final Http management = new Http(server.managementUrl());
    private final Map<String, String> asPeer = Map.of(PeerSecret.HEADER, config.peerSecret().value());

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void shouldAnswer503WithRetryAfterUntilStreamsIsAttached() {
        QueryTestInstance.Response targets = http.get("/api/v1/targets");
        QueryTestInstance.Response internal = http.get(ClusterStores.INTERNAL + "target-standing/partitions/0/keys/some-target", asPeer);
        QueryTestInstance.Response range = http.get(ClusterStores.INTERNAL + "target-standing/partitions?ids=0,1", asPeer);

        for (QueryTestInstance.Response r : List.of(targets, internal)) {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.retryAfter()).isEqualTo("1");
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().path("code").asText()).isEqualTo("not-ready");
            assertThat(r.body().path("type").asText()).isEqualTo("/problems/not-ready");
            assertThat(r.body().path("detail").asText()).contains(server.applicationServer());
        }
        // a range read names each partition it cannot serve, so the asker can try elsewhere for just those
        assertThat(range.body().path("partitions")).hasSize(2)
                .allSatisfy(p -> assertThat(p.path("unavailable").asText()).contains("starting"));

        // once attached, the answers are the attached Streams' (no broker answers it: it stays in its first rebalance)
        KafkaStreams streams = unreachableStreams();
        try {
            server.attach(streams);
            streams.start();
            QueryTestInstance.Response attached = http.get("/api/v1/targets");
            QueryTestInstance.Response ready = management.get("/health/ready");

            assertThat(attached.status()).isEqualTo(503);
            assertThat(attached.retryAfter()).isNotNull();
            assertThat(attached.body().path("code").asText()).as("not 'not-ready': %s", attached.body())
                    .isEqualTo("store-migrating");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body().path("streamsState").asText()).isEqualTo("REBALANCING");
        } finally {
            streams.close(Duration.ofSeconds(5));
        }
    }

    /** The progress topology in a KafkaStreams whose broker never answers, advertising this server. */
    private KafkaStreams unreachableStreams() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-server-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        ProgressTopologyConfig topology = ProgressTopologyConfig.builder().inMemoryStores(true).inputPartitions(6).build();
        return new KafkaStreams(ProgressTopology.build(topology, Map.of("schema.registry.url", "mem://query-server-test")), props);
    }

    @Test
    void shouldRefuseInternalReadsWithoutThePeerSecret() {
        String key = ClusterStores.INTERNAL + "target-standing/partitions/0/keys/some-target";

        QueryTestInstance.Response none = http.get(key);
        QueryTestInstance.Response wrong = http.get(key, Map.of(PeerSecret.HEADER, PeerSecret.random().value()));
        QueryTestInstance.Response empty = http.get(key, Map.of(PeerSecret.HEADER, ""));
        QueryTestInstance.Response unknownRoute = http.get("/internal/v1/anything-else");
        QueryTestInstance.Response right = http.get(key, asPeer);

        for (QueryTestInstance.Response r : List.of(none, wrong, empty, unknownRoute)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().path("code").asText()).isEqualTo("unauthorized");
            assertThat(r.wwwAuthenticate()).isEqualTo(PeerSecret.HEADER);
        }
        assertThat(none.body().path("detail").asText()).contains(PeerSecret.HEADER).contains("/api/v1");
        assertThat(wrong.body().path("detail").asText()).contains("--peer-secret-file");
        // with the secret the route itself answers (here: not ready yet, no streams attached)
        assertThat(right.status()).isEqualTo(503);
        assertThat(right.body().path("code").asText()).isEqualTo("not-ready");
    }

    @Test
    void shouldRouteAPrefixWithAnEncodedSlash() {
        // an alert's key is targetId/KIND: a lookup paging on through the prefix route asks for "targetId/"
        QueryTestInstance.Response alerts = http.get(ClusterStores.INTERNAL + "firing-alerts/partitions/0/prefix/"
                + PeerClient.encode("some-target/") + "?limit=2&after=" + PeerClient.encode("some-target/BEHIND"), asPeer);

        assertThat(alerts.status()).as("the route answered: %s", alerts.body()).isEqualTo(503);
        assertThat(alerts.body().path("code").asText()).isEqualTo("not-ready");
    }

    @Test
    void shouldBeLiveButNotReadyWithoutStreams() {
        QueryTestInstance.Response live = management.get("/health/live");
        QueryTestInstance.Response ready = management.get("/health/ready");

        assertThat(live.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().path("streamsState").asText()).isEqualTo("NOT_ATTACHED");
    }

    @Test
    void shouldAnswerUnknownPathsAsProblems() {
        QueryTestInstance.Response unknown = http.get("/api/v1/nothing-here");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().path("detail").asText()).contains("/openapi.json");
        assertThat(unknown.body().path("type").asText()).as("the pipeline's one convention").isEqualTo("/problems/not-found");
        assertThat(unknown.body().path("titleZh").asText()).isNotBlank();
    }

    @Test
    void shouldDescribeEveryPublicRouteInOpenApi() {
        JsonNode spec = http.get("/openapi.json").body();
        List<String> paths = new ArrayList<>();
        spec.path("paths").fieldNames().forEachRemaining(paths::add);

        assertThat(spec.path("openapi").asText()).startsWith("3.");
        assertThat(paths).contains("/api/v1/targets", "/api/v1/targets/{id}", "/api/v1/targets/{id}/history",
                "/api/v1/departments", "/api/v1/departments/{id}", "/api/v1/sections", "/api/v1/sections/{id}",
                "/api/v1/alerts", "/api/v1/stream")
                .as("served on the management port only").doesNotContain("/health/live", "/health/ready", "/metrics");
        assertThat(spec.path("info").path("description").asText()).contains("management port");
    }

    @Test
    void shouldServeMetricsOnTheManagementPortAndTheDashboardOnThePublicOne() {
        http.get("/openapi.json");
        String metrics = management.text("/metrics");
        String page = http.text("/");

        assertThat(metrics).contains("progress_query_requests_seconds_count{method=\"GET\",route=\"/openapi.json\",status=\"200\"}");
        assertThat(page).contains("<html lang=\"zh-CN\">").contains("/app.js");
        assertThat(management.get("/").body().path("metrics").asText()).isEqualTo("/metrics");
    }

    @Test
    void shouldKeepMetricsAndHealthOffThePublicPort() {
        for (String path : List.of("/metrics", "/health/live", "/health/ready")) {
            QueryTestInstance.Response onPublicPort = http.get(path);

            assertThat(onPublicPort.status()).as(path).isEqualTo(404);
            assertThat(onPublicPort.contentType()).startsWith("application/problem+json");
        }
        assertThat(management.text("/metrics")).contains("# TYPE progress_query_requests_seconds summary");
        // by default only this host reaches them
        assertThat(server.managementUrl()).startsWith("http://127.0.0.1:")
                .isNotEqualTo("http://" + server.applicationServer());
    }
}
