package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two instances of the streams app (the progress topology, standby replicas 1, exactly-once) on the real broker and
 * registry: every question is answered alike by either instance (forwarded or local, following small pages), range
 * answers are merged from both, the instances' /internal endpoints answer only each other, and when one instance
 * dies the other still answers, first from its standbys (saying so), then as the new active, and keeps counting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryAcrossInstancesTest {
    private static final int TARGETS = 12;
    private static final Instant MID_YEAR = Instant.parse("2020-06-30T02:00:00Z");
    private static final String STANDINGS = QueryStores.progressTopology().standings();
    private static final String ALL_PARTITIONS = String.join(",",
            java.util.stream.IntStream.range(0, Topics.PARTITIONS).mapToObj(String::valueOf).toList());
    /** Small pages: every cluster-wide question below follows several of them from the other instance. */
    private static final int PEER_PAGE_SIZE = 2;
    /** B's static group.instance.id (each stream thread's consumer adds "-" and its number). */
    private static final String B_INSTANCE_ID = "query-b";

    private ProgressAppFixture app;
    private List<Target> targets;
    private Target laggard;
    private final Map<String, Double> reported = new HashMap<>();
    private String appId;
    private QueryTestInstance a;
    private QueryTestInstance b;

    @BeforeAll
    void startTwoInstances() {
        TestCluster cluster = TestCluster.get();
        app = new ProgressAppFixture(cluster);
        targets = Catalog.loadDefault().targets().stream()
                .filter(t -> t.getTargetValue() != null)
                .filter(t -> t.getKind() == TargetKind.CUMULATIVE || t.getKind() == TargetKind.LEVEL)
                .limit(TARGETS).toList();
        laggard = targets.stream().filter(t -> t.getKind() == TargetKind.CUMULATIVE).findFirst().orElseThrow();
        appId = cluster.uniqueName("query-app");
        QueryServerConfig config = QueryServerConfig.defaults(QueryStores.progressTopology())
                .withForwardTimeout(Duration.ofSeconds(2)).withPeerPageSize(PEER_PAGE_SIZE);
        a = new QueryTestInstance(appId, cluster.bootstrapServers(), config, server -> app.topology());
        // B's session outlasts the test: after its crash the group does not notice on its own, so the standby-only
        // window stays open however slow this machine is, until the test ends it as an operator ends a killed static
        // member's session (removeFromGroup)
        b = new QueryTestInstance(appId, cluster.bootstrapServers(), config, server -> app.topology(), 1, null, Map.of(
                StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), B_INSTANCE_ID,
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) Duration.ofMinutes(10).toMillis()));

        app.publish(targets);
        for (Target t : targets) {
            // mid-year, most targets are at 60 %; the laggard at 5 % is behind its pace and raises an alert
            double value = t.getTargetValue() * (t == laggard ? 0.05 : 0.6);
            reported.put(t.getId(), value);
            app.report(t, value, MID_YEAR);
        }
        await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(a.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(b.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            QueryTestInstance.Response all = a.get("/api/v1/targets");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body().path("items")).hasSize(TARGETS).allSatisfy(item -> assertThat(
                    item.path("actual").asDouble()).isEqualTo(reported.get(item.path("targetId").asText())));
        });
    }

    /** Until {@code instance} holds a readable copy (active or standby) of every standings partition. */
    private static void awaitEveryPartitionOn(QueryTestInstance instance) {
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                instance.getAsPeer(ClusterStores.INTERNAL + STANDINGS + "/partitions?ids=" + ALL_PARTITIONS)
                        .body().path("partitions")).hasSize(Topics.PARTITIONS)
                .allSatisfy(p -> assertThat(p.has("entries")).isTrue()));
    }

    /** Ends the session of the static member {@code instanceId} (its stream threads), as kafka-consumer-groups can. */
    private void removeFromGroup(String instanceId) throws Exception {
        try (Admin admin = Admin.create(TestCluster.get().clientConfig())) {
            List<MemberToRemove> threads = admin.describeConsumerGroups(List.of(appId)).describedGroups().get(appId).get()
                    .members().stream().flatMap(m -> m.groupInstanceId().stream())
                    .filter(id -> id.startsWith(instanceId + "-")).map(MemberToRemove::new).toList();
            assertThat(threads).as("the crashed instance is still in the group").isNotEmpty();
            admin.removeMembersFromConsumerGroup(appId, new RemoveMembersFromConsumerGroupOptions(threads)).all().get();
        }
    }

    @AfterAll
    void stop() {
        for (QueryTestInstance instance : new QueryTestInstance[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
        app.close();
    }

    @Test
    @Order(1)
    void shouldAnswerEveryTargetAlikeThroughEitherInstance() {
        Set<String> servedBy = new HashSet<>();
        int forwarded = 0;
        for (Target target : targets) {
            QueryTestInstance.Response viaA = a.get("/api/v1/targets/" + target.getId());
            QueryTestInstance.Response viaB = b.get("/api/v1/targets/" + target.getId());

            assertThat(viaA.status()).isEqualTo(200);
            assertThat(viaB.status()).isEqualTo(200);
            assertThat(viaA.body().path("standing")).isEqualTo(viaB.body().path("standing"));
            assertThat(viaA.body().path("standing").path("actual").asDouble()).isEqualTo(reported.get(target.getId()));
            assertThat(viaA.body().path("definition").path("sectionZh").asText()).isEqualTo(target.getSectionZh());
            for (QueryTestInstance.Response r : List.of(viaA, viaB)) {
                JsonNode copy = r.body().path("freshness").path("copies").get(0);
                servedBy.add(copy.path("servedBy").asText());
                if (!copy.path("servedBy").asText().equals(r.body().path("freshness").path("answeredBy").asText())) {
                    forwarded++;
                }
                assertThat(copy.path("role").asText()).isEqualTo("ACTIVE");
                assertThat(r.body().path("freshness").path("stale").asBoolean()).isFalse();
            }
        }
        assertThat(servedBy).containsExactlyInAnyOrder(a.name(), b.name());
        assertThat(forwarded).as("answers read on the other instance").isGreaterThanOrEqualTo(TARGETS);
    }

    @Test
    @Order(2)
    void shouldMergeTheWholeBoardFromBothInstances() {
        QueryTestInstance.Response viaA = a.get("/api/v1/targets");
        QueryTestInstance.Response viaB = b.get("/api/v1/targets");

        assertThat(viaA.body().path("items")).isEqualTo(viaB.body().path("items"));
        assertThat(viaA.body().path("count").asInt()).isEqualTo(TARGETS);
        JsonNode copies = viaA.body().path("freshness").path("copies");
        Set<String> standingsServedBy = new HashSet<>();
        Set<Integer> partitions = new HashSet<>();
        copies.forEach(c -> {
            if (c.path("store").asText().equals(QueryStores.progressTopology().standings())) {
                standingsServedBy.add(c.path("servedBy").asText());
                partitions.add(c.path("partition").asInt());
            }
        });
        assertThat(partitions).hasSize(Topics.PARTITIONS);
        assertThat(standingsServedBy).containsExactlyInAnyOrder(a.name(), b.name());
    }

    @Test
    @Order(3)
    void shouldFilterTargetsAndMergeRollupsOverPartitions() {
        Target first = targets.get(0);
        long inDepartment = targets.stream().filter(t -> t.getDepartmentId().equals(first.getDepartmentId())).count();

        JsonNode filtered = b.get("/api/v1/targets?department=" + first.getDepartmentId()).body();
        JsonNode rollup = a.get("/api/v1/departments/" + first.getDepartmentId()).body();
        JsonNode departments = b.get("/api/v1/departments").body();
        JsonNode sections = a.get("/api/v1/sections").body();

        assertThat(filtered.path("items")).hasSize((int) inDepartment)
                .allSatisfy(i -> assertThat(i.path("departmentZh").asText()).isEqualTo(first.getDepartmentZh()));
        JsonNode merged = rollup.path("rollup");
        assertThat(merged.path("topLevelTargets").asLong() + merged.path("subTargets").asLong()).isEqualTo(inDepartment);
        assertThat(merged.path("nameZh").asText()).isEqualTo(first.getDepartmentZh());
        assertThat(rollup.path("targets")).hasSize((int) inDepartment);
        for (JsonNode scope : List.of(departments, sections)) {
            long summed = 0;
            for (JsonNode d : scope.path("items")) {
                summed += d.path("topLevelTargets").asLong() + d.path("subTargets").asLong();
            }
            assertThat(summed).isEqualTo(TARGETS);
        }
        String status = filtered.path("items").get(0).path("status").asText();
        assertThat(a.get("/api/v1/targets?status=" + status).body().path("items"))
                .allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo(status));
        assertThat(a.get("/api/v1/targets?status=NO_SUCH").body().path("count").asInt()).isZero();
    }

    @Test
    @Order(4)
    void shouldServeHistoryAndAlertsFromTheTargetsPartition() {
        JsonNode historyViaA = a.get("/api/v1/targets/" + laggard.getId() + "/history").body();
        JsonNode historyViaB = b.get("/api/v1/targets/" + laggard.getId() + "/history").body();
        assertThat(historyViaA.path("points")).isNotEmpty().isEqualTo(historyViaB.path("points"));
        assertThat(historyViaA.path("points")).allSatisfy(p -> assertThat(p.path("targetId").asText()).isEqualTo(laggard.getId()));
        assertThat(historyViaA.path("plan").get(0).path("expectedValue").asDouble()).isZero();
        assertThat(historyViaA.path("targetValue").asDouble()).isEqualTo(laggard.getTargetValue());
        assertThat(historyViaA.path("forecast").path("actual").asDouble()).isEqualTo(reported.get(laggard.getId()));

        for (QueryTestInstance instance : List.of(a, b)) {
            JsonNode alerts = instance.get("/api/v1/alerts").body();
            assertThat(alerts.path("items")).extracting(n -> n.path("targetId").asText()).contains(laggard.getId());
            assertThat(alerts.path("items")).allSatisfy(n -> assertThat(n.path("state").asText()).isEqualTo("FIRING"));
            assertThat(instance.get("/api/v1/alerts?department=" + laggard.getDepartmentId()).body().path("items"))
                    .allSatisfy(n -> assertThat(n.path("departmentId").asText()).isEqualTo(laggard.getDepartmentId()));
            assertThat(instance.get("/api/v1/targets/" + laggard.getId()).body().path("firingAlerts")).isNotEmpty();
        }
    }

    @Test
    @Order(5)
    void shouldExplainBadAndUnknownQuestionsAsProblems() {
        QueryTestInstance.Response badLag = a.get("/api/v1/targets?maxLagRecords=-1");
        QueryTestInstance.Response unknown = b.get("/api/v1/targets/no-such-target");
        QueryTestInstance.Response fresh = b.get("/api/v1/targets/" + targets.get(1).getId() + "?maxLagRecords=0&maxLagMs=0");

        assertThat(badLag.status()).isEqualTo(400);
        assertThat(badLag.contentType()).startsWith("application/problem+json");
        assertThat(badLag.body().path("detail").asText()).contains("maxLagRecords");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asText()).contains("no-such-target");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body().path("freshness").path("maxOffsetLag").asLong()).isZero();
    }

    @Test
    @Order(6)
    void shouldAnswerInternalReadsOnlyToPeers() {
        String key = ClusterStores.INTERNAL + STANDINGS + "/partitions/0/keys/" + targets.get(0).getId();

        QueryTestInstance.Response none = a.get(key);
        QueryTestInstance.Response wrong = new Http(a.baseUrl()).get(key, Map.of(PeerSecret.HEADER, PeerSecret.random().value()));
        QueryTestInstance.Response peer = a.getAsPeer(key);

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(none.body().path("code").asText()).isEqualTo("unauthorized");
        assertThat(peer.status()).isEqualTo(200);
        assertThat(peer.body().has("copy")).isTrue();
    }

    @Test
    @Order(7)
    void shouldServeOnlyTheStoresTheQueryApiReads() {
        // the dedup memory held every event id of a partition, 4 MB in one answer: nobody outside the topology reads it
        for (String internalOnly : List.of(ProgressStores.SEEN_EVENTS, ProgressStores.TARGET_STATE, ProgressStores.HELD_REPORTS)) {
            QueryTestInstance.Response listing = a.getAsPeer(ClusterStores.INTERNAL + internalOnly + "/partitions?ids=0");
            QueryTestInstance.Response key = a.getAsPeer(ClusterStores.INTERNAL + internalOnly + "/partitions/0/keys/x");

            assertThat(listing.status()).as(internalOnly).isEqualTo(404);
            assertThat(key.status()).as(internalOnly).isEqualTo(404);
            assertThat(listing.body().path("detail").asText()).contains("not served");
        }
    }

    @Test
    @Order(8)
    void shouldBoundEveryPageAndGiveEveryEntryOnceToWhoFollowsThePages() {
        String listing = ClusterStores.INTERNAL + STANDINGS + "/partitions?ids=" + ALL_PARTITIONS;
        awaitEveryPartitionOn(a);

        QueryTestInstance.Response tooMany = a.getAsPeer(listing + "&limit=" + (PageRequest.MAX_LIMIT + 1));
        QueryTestInstance.Response none = a.getAsPeer(listing + "&limit=0");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().path("detail").asText()).contains("1 to " + PageRequest.MAX_LIMIT);
        assertThat(none.status()).isEqualTo(400);

        List<String> keys = new ArrayList<>();
        List<String> pending = new ArrayList<>(List.of(ALL_PARTITIONS.split(",")));
        String after = null;
        int pages = 0;
        while (!pending.isEmpty()) {
            JsonNode parts = a.getAsPeer(ClusterStores.INTERNAL + STANDINGS + "/partitions?limit=5&ids="
                    + String.join(",", pending) + (after == null ? "" : "&after=" + PeerClient.encode(after)))
                    .body().path("partitions");
            pages++;
            after = null;
            int entries = 0;
            for (JsonNode part : parts) {
                String partition = part.path("partition").asText();
                assertThat(part.has("unavailable")).as("partition %s", partition).isFalse();
                part.path("entries").forEach(e -> keys.add(e.path("key").asText()));
                entries += part.path("entries").size();
                pending.remove(partition);
                if (part.hasNonNull("next")) {
                    assertThat(part).as("only the last partition of a page is cut").isEqualTo(parts.get(parts.size() - 1));
                    after = part.path("next").asText();
                    pending.add(0, partition);
                }
            }
            assertThat(entries).as("one page").isLessThanOrEqualTo(5);
        }

        assertThat(keys).as("every standing once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(targets.stream().map(Target::getId).toList());
        assertThat(pages).isGreaterThanOrEqualTo(TARGETS / 5);
    }

    @Test
    @Order(9)
    void shouldKeepAnsweringFromStandbysWhenAnInstanceDies() throws Exception {
        // every partition must have a readable copy on A (active or caught-up standby) before B goes
        awaitEveryPartitionOn(a);
        Target ownedByB = targets.stream().filter(t -> a.get("/api/v1/targets/" + t.getId()).body()
                .path("freshness").path("copies").get(0).path("servedBy").asText().equals(b.name())).findFirst().orElseThrow();
        b.crash();

        // until the group notices, B's partitions exist on A only as standbys: a client that wants the active copy
        // is told to retry, one that accepts staleness gets the standby's answer
        QueryTestInstance.Response activeOnly = a.get("/api/v1/targets/" + ownedByB.getId() + "?fresh=true");
        assertThat(activeOnly.status()).isEqualTo(503);
        assertThat(activeOnly.retryAfter()).isNotNull();
        assertThat(activeOnly.body().path("code").asText()).isEqualTo("too-stale");
        assertThat(activeOnly.body().path("detail").asText()).contains("standby");
        // in the same window (the group has not noticed yet: the answer above proves it), a client that accepts
        // staleness gets A's standby copy at once
        QueryTestInstance.Response fromStandby = a.get("/api/v1/targets/" + ownedByB.getId());
        assertThat(fromStandby.status()).isEqualTo(200);
        assertThat(fromStandby.body().path("freshness").path("copies").get(0).path("role").asText()).isEqualTo("STANDBY");
        assertThat(fromStandby.body().path("freshness").path("stale").asBoolean()).isTrue();
        assertThat(fromStandby.body().path("standing").path("actual").asDouble()).isEqualTo(reported.get(ownedByB.getId()));

        removeFromGroup(B_INSTANCE_ID); // the group notices: B's partitions move to A
        for (Target target : targets) {
            await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                QueryTestInstance.Response r = a.get("/api/v1/targets/" + target.getId());
                if (r.status() == 503) { // stores migrating: retry as told
                    assertThat(r.retryAfter()).isNotNull();
                    assertThat(r.contentType()).startsWith("application/problem+json");
                }
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body().path("standing").path("actual").asDouble()).isEqualTo(reported.get(target.getId()));
                JsonNode copy = r.body().path("freshness").path("copies").get(0);
                assertThat(copy.path("servedBy").asText()).isEqualTo(a.name());
                if (copy.path("role").asText().equals("STANDBY")) {
                    assertThat(r.body().path("freshness").path("stale").asBoolean()).isTrue();
                }
            });
        }

        // after the rebalance A is active for everything, and keeps counting
        Target later = targets.get(2);
        double laterValue = later.getTargetValue() * 0.8;
        app.report(later, laterValue, MID_YEAR.plus(Duration.ofDays(10)));
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            QueryTestInstance.Response r = a.get("/api/v1/targets?maxLagRecords=0");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("freshness").path("stale").asBoolean()).isFalse();
            assertThat(r.body().path("items")).hasSize(TARGETS);
            assertThat(r.body().path("items")).filteredOn(i -> i.path("targetId").asText().equals(later.getId()))
                    .singleElement().satisfies(i -> assertThat(i.path("actual").asDouble()).isEqualTo(laterValue));
        });
    }

    @Test
    @Order(10)
    void shouldReportReadinessAndMetricsOfTheSurvivor() {
        QueryTestInstance.Response ready = a.management().get("/health/ready");
        // Kafka Streams registers node metrics once tasks run; the binder looks for new ones every few seconds
        await().atMost(30, TimeUnit.SECONDS).until(() -> a.management().text("/metrics").contains("record_e2e_latency"));
        String metrics = a.management().text("/metrics");

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("streamsState").asText()).isEqualTo("RUNNING");
        assertThat(a.get("/metrics").status()).as("not on the public port").isEqualTo(404);
        assertThat(a.get("/health/ready").status()).as("not on the public port").isEqualTo(404);
        assertThat(metrics)
                .contains("kafka_stream_thread_process_total")
                .contains("record_e2e_latency")
                .contains("progress_query_requests_seconds_count{method=\"GET\",route=\"/api/v1/targets/{id}\",status=\"200\"}")
                .contains("progress_query_store_reads_total{kind=\"key\",location=\"forwarded\",role=\"active\"}")
                .contains("progress_query_store_reads_total{kind=\"key\",location=\"local\",role=\"standby\"}")
                .contains("progress_standing_visible_latency_seconds_count");
    }
}
