package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroSerializer;
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
 * Two instances of a streams app with standby replicas on the real broker and registry: every question is answered
 * alike by either instance (forwarded or local), range answers are merged from both, and when one instance dies the
 * other still answers, first from its standbys (saying so), then as the new active.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryAcrossInstancesTest {
    private static final int TARGETS = 12;

    private TestCluster cluster;
    private String targetsTopic;
    private String eventsTopic;
    private List<Target> targets;
    private QueryTestInstance a;
    private QueryTestInstance b;

    @BeforeAll
    void startTwoInstances() {
        cluster = TestCluster.get();
        targetsTopic = cluster.createTopicLike(cluster.uniqueName("targets"), Topics.TARGETS).name();
        eventsTopic = cluster.createTopicLike(cluster.uniqueName("events"), Topics.PROGRESS_EVENTS).name();
        targets = Catalog.loadDefault().targets().stream().filter(t -> t.getTargetValue() != null).limit(TARGETS).toList();
        String appId = cluster.uniqueName("query-app");
        QueryServerConfig config = QueryServerConfig.defaults(TinyProgressTopology.STORES).withForwardTimeout(Duration.ofSeconds(2));
        a = new QueryTestInstance(appId, cluster.bootstrapServers(), config,
                server -> TinyProgressTopology.build(targetsTopic, eventsTopic, cluster.schemaRegistryUrl()));
        b = new QueryTestInstance(appId, cluster.bootstrapServers(), config,
                server -> TinyProgressTopology.build(targetsTopic, eventsTopic, cluster.schemaRegistryUrl()));

        try (KafkaProducer<String, Object> producer = producer()) {
            targets.forEach(t -> producer.send(new ProducerRecord<>(targetsTopic, t.getId(), t)));
            producer.flush();
            for (Target t : targets) {
                producer.send(new ProducerRecord<>(eventsTopic, t.getId(), event(t, 1.0, null)));
                producer.send(new ProducerRecord<>(eventsTopic, t.getId(), event(t, 2.0, t == targets.get(0) ? "alert" : null)));
            }
        }
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(a.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(b.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            QueryTestInstance.Response all = a.get("/api/v1/targets");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body().path("items")).hasSize(TARGETS)
                    .allSatisfy(item -> assertThat(item.path("actual").asDouble()).isEqualTo(3.0));
        });
    }

    @AfterAll
    void stop() {
        for (QueryTestInstance instance : new QueryTestInstance[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
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
            assertThat(viaA.body().path("standing").path("actual").asDouble()).isEqualTo(3.0);
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
            if (c.path("store").asText().equals(TinyProgressTopology.STORES.standings())) {
                standingsServedBy.add(c.path("servedBy").asText());
                partitions.add(c.path("partition").asInt());
            }
        });
        assertThat(partitions).hasSize(Topics.PARTITIONS);
        assertThat(standingsServedBy).containsExactlyInAnyOrder(a.name(), b.name());
    }

    @Test
    @Order(3)
    void shouldFilterTargetsAndSumRollupsOverPartitions() {
        Target first = targets.get(0);
        long inDepartment = targets.stream().filter(t -> t.getDepartmentId().equals(first.getDepartmentId())).count();

        JsonNode filtered = b.get("/api/v1/targets?department=" + first.getDepartmentId()).body();
        JsonNode rollup = a.get("/api/v1/departments/" + first.getDepartmentId()).body();
        JsonNode departments = b.get("/api/v1/departments").body();

        assertThat(filtered.path("items")).hasSize((int) inDepartment)
                .allSatisfy(i -> assertThat(i.path("departmentZh").asText()).isEqualTo(first.getDepartmentZh()));
        assertThat(rollup.path("rollup").path("topLevelTargets").asLong()).isEqualTo(inDepartment);
        assertThat(rollup.path("rollup").path("nameZh").asText()).isEqualTo(first.getDepartmentZh());
        assertThat(rollup.path("targets")).hasSize((int) inDepartment);
        long summed = 0;
        for (JsonNode d : departments.path("items")) {
            summed += d.path("topLevelTargets").asLong();
        }
        assertThat(summed).isEqualTo(TARGETS);
        assertThat(a.get("/api/v1/targets?status=NO_SUCH").body().path("count").asInt()).isZero();
    }

    @Test
    @Order(4)
    void shouldServeHistoryAndAlertsFromTheKeysPartition() {
        Target first = targets.get(0);
        for (QueryTestInstance instance : List.of(a, b)) {
            JsonNode history = instance.get("/api/v1/targets/" + first.getId() + "/history").body();
            assertThat(history.path("points")).hasSize(1);
            assertThat(history.path("points").get(0).path("actual").asDouble()).isEqualTo(3.0);
            assertThat(history.path("plan").get(0).path("expectedValue").asDouble()).isZero();
            assertThat(history.path("targetValue").asDouble()).isEqualTo(first.getTargetValue());

            JsonNode alerts = instance.get("/api/v1/alerts").body();
            assertThat(alerts.path("items")).extracting(n -> n.path("dedupKey").asText()).containsExactly(first.getId() + "/BEHIND");
            assertThat(instance.get("/api/v1/targets/" + first.getId()).body().path("firingAlerts")).hasSize(1);
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
    void shouldKeepAnsweringFromStandbysWhenAnInstanceDies() {
        // every partition must have a readable copy on A (active or caught-up standby) before B goes
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                a.get(ClusterStores.INTERNAL + TinyProgressTopology.STORES.standings() + "/partitions?ids=0,1,2,3,4,5")
                        .body().path("partitions")).allSatisfy(p -> assertThat(p.has("entries")).isTrue()));
        b.crash();

        Set<String> roles = new HashSet<>();
        List<Integer> retried = new ArrayList<>();
        for (Target target : targets) {
            await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                QueryTestInstance.Response r = a.get("/api/v1/targets/" + target.getId());
                if (r.status() == 503) {
                    retried.add(r.status());
                    assertThat(r.retryAfter()).isNotNull();
                    assertThat(r.contentType()).startsWith("application/problem+json");
                }
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body().path("standing").path("actual").asDouble()).isEqualTo(3.0);
                JsonNode copy = r.body().path("freshness").path("copies").get(0);
                roles.add(copy.path("role").asText());
                assertThat(copy.path("servedBy").asText()).isEqualTo(a.name());
                if (copy.path("role").asText().equals("STANDBY")) {
                    assertThat(r.body().path("freshness").path("stale").asBoolean()).isTrue();
                }
            });
        }
        assertThat(roles).as("B's partitions answered from A's standbys before the group noticed").contains("STANDBY");

        // after the rebalance A is active for everything, and keeps counting
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(eventsTopic, targets.get(2).getId(), event(targets.get(2), 4.0, null)));
        }
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            QueryTestInstance.Response r = a.get("/api/v1/targets?maxLagRecords=0");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("freshness").path("stale").asBoolean()).isFalse();
            assertThat(r.body().path("items")).hasSize(TARGETS);
            assertThat(r.body().path("items")).filteredOn(i -> i.path("targetId").asText().equals(targets.get(2).getId()))
                    .singleElement().satisfies(i -> assertThat(i.path("actual").asDouble()).isEqualTo(7.0));
        });
    }

    private KafkaProducer<String, Object> producer() {
        SpecificAvroSerializer<org.apache.avro.specific.SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl()), false);
        @SuppressWarnings({"unchecked", "rawtypes"})
        KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), (org.apache.kafka.common.serialization.Serializer) values);
        return producer;
    }

    private static ProgressEvent event(Target target, double value, String note) {
        Instant at = Instant.parse("2020-03-15T08:00:00Z");
        return ProgressEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTargetId(target.getId())
                .setDepartmentId(target.getDepartmentId()).setReporter("test").setKind(UpdateKind.INCREMENT)
                .setValue(value).setUnit(target.getUnit()).setEventTime(at).setReportedAt(at).setNote(note)
                .setChannel("TEST").build();
    }
}
