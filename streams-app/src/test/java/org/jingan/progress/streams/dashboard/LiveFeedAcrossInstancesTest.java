package org.jingan.progress.streams.dashboard;

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

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.streams.query.ProgressAppFixture;
import org.jingan.progress.streams.query.QueryServerConfig;
import org.jingan.progress.streams.query.QueryStores;
import org.jingan.progress.streams.query.QueryTestInstance;
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
 * The pushed dashboard feed across two streams-app instances (exactly-once, standbys) on the real broker and
 * registry: a page connected to one instance is sent the changes of targets the other instance owns; a page filtered
 * to one target or one department gets only those; a page whose instance left resumes on the other one from its last
 * event id, and across that instance leaving and a new one joining (two rebalances) every page sees every report
 * once: none missed, none twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveFeedAcrossInstancesTest {
    private static final int TARGETS = 12;
    private static final Instant MID_YEAR = Instant.parse("2020-06-30T02:00:00Z");
    private static final String STANDINGS = QueryStores.progressTopology().standings();
    private static final String STREAM = Dashboard.STREAM_PATH;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private TestCluster cluster;
    private ProgressAppFixture app;
    private List<Target> targets;
    private String appId;
    private QueryServerConfig config;
    private FeedSource feed;
    private QueryTestInstance a;
    private QueryTestInstance b;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    void startTwoInstances() {
        cluster = TestCluster.get();
        app = new ProgressAppFixture(cluster);
        targets = Catalog.loadDefault().targets().stream()
                .filter(t -> t.getTargetValue() != null && t.getTargetValue() > 0)
                .filter(t -> t.getKind() == TargetKind.CUMULATIVE)
                .limit(TARGETS).toList();
        appId = cluster.uniqueName("live-feed-app");
        config = QueryServerConfig.defaults(QueryStores.progressTopology()).withForwardTimeout(Duration.ofSeconds(2));
        feed = FeedSource.of(app.config().targetsTopic(), app.config().progressTopic(), app.config().alertsTopic(),
                cluster.kafkaConfig(), cluster.registryConfig());
        a = instance();
        b = instance();
        app.publish(targets);
        report(0.1, MID_YEAR);
        await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(a.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(b.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(a.get("/api/v1/targets").body().path("items")).hasSize(TARGETS)
                    .allSatisfy(s -> assertThat(s.path("actual").asDouble()).isPositive());
            assertThat(a.server().liveFeed().caughtUp()).isTrue();
            assertThat(b.server().liveFeed().caughtUp()).isTrue();
        });
    }

    private QueryTestInstance instance() {
        QueryTestInstance instance = new QueryTestInstance(appId, cluster.bootstrapServers(), config,
                server -> app.topology(), 1, feed);
        closing.add(instance);
        return instance;
    }

    private SseTestClient page(QueryTestInstance instance, String query, String lastEventId) {
        SseTestClient page = new SseTestClient(instance.baseUrl() + STREAM + query, lastEventId);
        closing.add(page);
        return page;
    }

    @AfterAll
    void stop() {
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
        if (app != null) {
            app.close();
        }
    }

    /** Every target reported at {@code share} of its value, as of {@code at}. */
    private void report(double share, Instant at) {
        app.clock(at);
        for (Target t : targets) {
            app.send(t, value(t, share), at);
        }
        app.flush();
    }

    private static double value(Target t, double share) {
        return t.getTargetValue() * share;
    }

    @Test
    @Order(1)
    void shouldPushChangesOfTargetsTheOtherInstanceOwnsAndOnlyWhatAFilteredPageShows() {
        Set<String> ownedByB = new HashSet<>();
        HostInfo hostB = new HostInfo(b.name().split(":")[0], Integer.parseInt(b.name().split(":")[1]));
        for (Target t : targets) {
            if (a.streams().queryMetadataForKey(STANDINGS, t.getId(), Serdes.String().serializer()).activeHost().equals(hostB)) {
                ownedByB.add(t.getId());
            }
        }
        assertThat(ownedByB).as("targets whose standings instance B computes").isNotEmpty();
        Target one = targets.get(0);
        String department = targets.get(1).getDepartmentId();

        SseTestClient overview = page(a, "", null);
        SseTestClient targetPage = page(a, "?target=" + one.getId(), null);
        SseTestClient departmentPage = page(a, "?department=" + department, null);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(overview.events("standings")).isNotEmpty();
            assertThat(targetPage.events("standings")).isNotEmpty();
            assertThat(departmentPage.events("standings")).isNotEmpty();
        });
        assertThat(overview.events("standings").get(0).data().path("full").asBoolean()).isTrue();
        assertThat(overview.events("standings").get(0).data().path("items")).hasSize(TARGETS)
                .allSatisfy(s -> assertThat(s.path("departmentZh").asText()).isNotBlank());
        assertThat(targetPage.events("standings").get(0).data().path("items")).singleElement()
                .satisfies(s -> assertThat(s.path("targetId").asText()).isEqualTo(one.getId()));

        report(0.2, MID_YEAR.plusSeconds(600));

        await().atMost(WAIT).untilAsserted(() -> assertThat(overview.latestActuals()).hasSize(TARGETS)
                .allSatisfy((id, actual) -> assertThat(actual).isEqualTo(value(byId(id), 0.2))));
        await().atMost(WAIT).untilAsserted(() -> assertThat(targetPage.latestActuals())
                .containsEntry(one.getId(), value(one, 0.2)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(departmentPage.latestActuals()).isNotEmpty()
                .allSatisfy((id, actual) -> assertThat(actual).isEqualTo(value(byId(id), 0.2))));
        assertThat(changedTargets(targetPage)).containsOnly(one.getId());
        assertThat(changedTargets(departmentPage)).isNotEmpty()
                .allSatisfy(id -> assertThat(byId(id).getDepartmentId()).isEqualTo(department));
        assertThat(changedTargets(overview)).as("pushed by A, computed by B").containsAll(ownedByB);
    }

    @Test
    @Order(2)
    void shouldResumeOnTheOtherInstanceWithNoGapAndNoDuplicateAcrossTwoRebalances() {
        SseTestClient onB = page(b, "", null);
        SseTestClient onA = page(a, "", null);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(onB.events("standings")).isNotEmpty();
            assertThat(onA.events("standings")).isNotEmpty();
        });
        report(0.3, MID_YEAR.plusSeconds(1200));
        await().atMost(WAIT).untilAsserted(() -> assertThat(onB.latestActuals()).hasSize(TARGETS)
                .allSatisfy((id, actual) -> assertThat(actual).isEqualTo(value(byId(id), 0.3))));

        // B leaves (its page's connection closes); A takes over every task; reports come while the page is away
        b.close();
        await().atMost(WAIT).until(onB::ended);
        String away = onB.lastEventId();
        report(0.4, MID_YEAR.plusSeconds(1800));
        await().atMost(WAIT).untilAsserted(() -> assertThat(a.get("/api/v1/targets").body().path("items"))
                .allSatisfy(s -> assertThat(s.path("actual").asDouble()).isEqualTo(value(byId(s.path("targetId").asText()), 0.4))));

        // the page comes back on A, as a browser does, with its last event id
        SseTestClient back = page(a, "", away);
        await().atMost(WAIT).untilAsserted(() -> assertThat(back.latestActuals()).hasSize(TARGETS)
                .allSatisfy((id, actual) -> assertThat(actual).isEqualTo(value(byId(id), 0.4))));
        assertThat(back.events("standings")).as("no board sent anew: only what changed while away")
                .noneMatch(e -> e.data().path("full").asBoolean());
        assertThat(back.changes().values()).as("each target's report while away, once")
                .allSatisfy(actuals -> assertThat(actuals).hasSize(1));

        // a new instance joins: tasks move again; both pages go on
        b = instance();
        report(0.5, MID_YEAR.plusSeconds(2400));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(back.latestActuals()).allSatisfy((id, actual) -> assertThat(actual).isEqualTo(value(byId(id), 0.5)));
            assertThat(onA.latestActuals()).allSatisfy((id, actual) -> assertThat(actual).isEqualTo(value(byId(id), 0.5)));
        });

        // the page that stayed on A saw every report, in order, once; the one that moved saw them too, together
        for (Target t : targets) {
            assertThat(distinctActuals(onA, t)).as(t.getId())
                    .containsSubsequence(value(t, 0.3), value(t, 0.4), value(t, 0.5)).doesNotHaveDuplicates();
            List<Double> moved = new ArrayList<>(distinctActuals(onB, t));
            moved.addAll(distinctActuals(back, t));
            assertThat(moved).as(t.getId()).containsSubsequence(value(t, 0.3), value(t, 0.4), value(t, 0.5))
                    .doesNotHaveDuplicates();
        }
        for (SseTestClient page : List.of(onA, onB, back)) {
            List<JsonNode> sent = page.events("standings").stream().filter(e -> !e.data().path("full").asBoolean())
                    .flatMap(e -> iterate(e.data().path("items")).stream()).toList();
            assertThat(sent).as("no standing sent twice").doesNotHaveDuplicates();
        }
    }

    private Target byId(String id) {
        return targets.stream().filter(t -> t.getId().equals(id)).findFirst().orElseThrow();
    }

    private static Set<String> changedTargets(SseTestClient page) {
        return page.changes().keySet();
    }

    /** The actuals a target showed on the page after its board, each change of value once. */
    private static List<Double> distinctActuals(SseTestClient page, Target t) {
        List<Double> shown = new ArrayList<>();
        for (double actual : page.changes().getOrDefault(t.getId(), List.of())) {
            if (shown.isEmpty() || shown.get(shown.size() - 1) != actual) {
                shown.add(actual);
            }
        }
        return shown;
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
