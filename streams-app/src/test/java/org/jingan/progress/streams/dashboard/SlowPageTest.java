package org.jingan.progress.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.streams.KafkaStreams;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.registry.TopicFollower;
import org.jingan.progress.streams.query.ProgressAppFixture;
import org.jingan.progress.streams.query.QueryServerConfig;
import org.jingan.progress.streams.query.QueryStores;
import org.jingan.progress.streams.query.QueryTestInstance;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A page that does not read, on the real broker, registry and query server: while reports flow through the pipeline
 * its queue fills and it is dropped (its connection closed by the server, the drop counted, its place in the feed
 * released), and meanwhile a page that reads is sent every change the standings topic holds, in order, nothing
 * missed and nothing twice, before and after the drop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowPageTest {
    private static final Instant MID_YEAR = Instant.parse("2020-06-30T02:00:00Z");
    /**
     * Copies of the catalog's cumulative targets: the topology publishes a target at most every 100 ms, so the feed's
     * rate of changes (and of bytes to a page) grows with the number of targets reported on.
     */
    private static final int COPIES = 8;
    /** Rounds of reports that may be on their way through the pipeline while the next is sent. */
    private static final int ROUNDS_IN_FLIGHT = 3;
    /**
     * Rounds after which a page that never reads must have been dropped: each round waits for the topic to show every
     * target at least three rounds back, so every target changes at least every few rounds: well over 10,000 frames
     * of ~1 KB, several times what its socket buffers (~3 MB on loopback) and its queue of
     * {@link FeedClient#QUEUE_FRAMES} hold. It is dropped after about 20.
     */
    private static final int MAX_ROUNDS = 200;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private TestCluster cluster;
    private ProgressAppFixture app;
    private List<Target> targets;
    private QueryTestInstance instance;
    private MeterRegistry meters;
    private TopicFollower<ProgressSnapshot> published;
    /** Every change of a standing on the topic, in the order of each target's records (as the feed applies them). */
    private final Map<String, List<Change>> topic = new HashMap<>();
    private final Map<String, ProgressSnapshot> topicLatest = new HashMap<>();
    private SseTestClient reader;
    private Socket slow;
    private int rounds;

    record Change(int partition, long offset, double actual) {
    }

    @BeforeAll
    void start() {
        cluster = TestCluster.get();
        app = new ProgressAppFixture(cluster);
        List<Target> cumulative = Catalog.loadDefault().targets().stream()
                .filter(t -> t.getTargetValue() != null && t.getTargetValue() > 0)
                .filter(t -> t.getKind() == TargetKind.CUMULATIVE)
                .toList();
        Set<String> parents = Catalog.loadDefault().targets().stream().map(Target::getParentTargetId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        targets = IntStream.range(0, COPIES).boxed().flatMap(copy -> cumulative.stream()
                        .filter(t -> !parents.contains(t.getId()))
                        .map(t -> Target.newBuilder(t).setId(t.getId() + "-" + copy).setParentTargetId(null).build()))
                .toList();
        QueryServerConfig config = QueryServerConfig.defaults(QueryStores.progressTopology());
        FeedSource feed = FeedSource.of(app.config().targetsTopic(), app.config().progressTopic(),
                app.config().alertsTopic(), cluster.kafkaConfig(), cluster.registryConfig());
        published = new TopicFollower<>(app.config().progressTopic(), ProgressSnapshot.class, cluster.kafkaConfig(),
                cluster.registryConfig(), this::published, () -> { }).start();
        instance = new QueryTestInstance(cluster.uniqueName("slow-page-app"), cluster.bootstrapServers(), config,
                server -> app.topology(), 0, feed);
        meters = instance.server().meterRegistry();
        app.publish(targets);
        publishRound();
        await().atMost(120, java.util.concurrent.TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(instance.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(instance.server().liveFeed().caughtUp()).isTrue();
            assertThat(topicReached(rounds)).isTrue();
        });
    }

    /** The follower's thread: the topic's records, each change of a standing kept as the feed's board keeps it. */
    private void published(String targetId, ProgressSnapshot value, org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
        synchronized (topic) {
            if (value != null && !value.equals(topicLatest.get(targetId))) {
                topicLatest.put(targetId, value);
                topic.computeIfAbsent(targetId, k -> new ArrayList<>())
                        .add(new Change(record.partition(), record.offset(), value.getActual()));
            }
        }
    }

    @AfterAll
    void stop() throws IOException {
        if (slow != null) {
            slow.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (instance != null) {
            instance.close();
        }
        if (published != null) {
            published.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldDropAPageThatDoesNotReadWhileAReadingPageGetsEveryChangeInOrder() throws IOException {
        reader = new SseTestClient(instance.baseUrl() + Dashboard.STREAM_PATH, null);
        await().atMost(WAIT).until(() -> !reader.events("standings").isEmpty());
        slow = slowPage();
        await().atMost(WAIT).until(() -> connectedPages() == 2);
        double droppedBefore = dropped();
        assertThat(droppedBefore).isZero();

        // reports until the page that never reads is dropped, never more than a few rounds ahead of the topic
        while (dropped() == droppedBefore && rounds < MAX_ROUNDS) {
            publishRound();
            int behind = rounds - ROUNDS_IN_FLIGHT;
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> topicReached(behind));
        }
        assertThat(dropped()).as("pages dropped, after %d rounds of %d reports", rounds, targets.size())
                .isEqualTo(droppedBefore + 1);
        assertThat(closedByServer(slow)).as("the slow page's connection closed by the server").isTrue();
        // the feed let go of it: the gauge counts the pages it holds, taken off when a page leaves its sets
        await().atMost(WAIT).until(() -> connectedPages() == 1);
        assertThat(instance.server().liveFeed().clients()).isEqualTo(1);
        assertThat(instance.management().text("/metrics")).as("what operators see")
                .containsPattern("(?m)^progress_dashboard_dropped_total(\\{[^}]*})? 1\\.0$")
                .containsPattern("(?m)^progress_dashboard_clients(\\{[^}]*})? 1\\.0$");

        // after the drop the reading page goes on
        for (int i = 0; i < ROUNDS_IN_FLIGHT; i++) {
            publishRound();
        }
        await().atMost(WAIT).until(() -> topicReached(rounds));
        await().atMost(WAIT).untilAsserted(() -> assertThat(reader.latestActuals()).hasSize(targets.size())
                .allSatisfy((id, actual) -> assertThat(actual).isEqualTo(value(byId(id), rounds))));

        assertThat(reader.ended()).as("the reading page stayed connected").isFalse();
        List<SseTestClient.Event> boards = reader.events("standings").stream()
                .filter(e -> e.data().path("full").asBoolean()).toList();
        assertThat(boards).as("one board, at the start").hasSize(1);
        FeedVersion board = FeedVersion.parse(boards.get(0).id());
        Map<String, List<Double>> sent = reader.changes();
        for (Target t : targets) {
            List<Double> expected;
            synchronized (topic) {
                expected = topic.get(t.getId()).stream()
                        .filter(c -> board.notYetAt(FeedVersion.STANDINGS, c.partition(), c.offset()))
                        .map(Change::actual).toList();
            }
            assertThat(sent.getOrDefault(t.getId(), List.of())).as("%s: every change on the topic after the board, in order, once", t.getId())
                    .containsExactlyElementsOf(expected);
        }
        FeedVersion previous = board;
        for (SseTestClient.Event e : reader.events()) {
            if (e.id() != null) {
                FeedVersion version = FeedVersion.parse(e.id());
                assertThat(version).as("event id %s", e.id()).isNotNull();
                assertThat(version.covers(previous)).as("%s after %s", version, previous).isTrue();
                previous = version;
            }
        }
    }

    /**
     * A page that connects and never reads: its receive buffer is small (set before connecting, so the window it
     * offers is small too), and nothing takes bytes off it.
     */
    private Socket slowPage() throws IOException {
        URI base = URI.create(instance.baseUrl());
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + Dashboard.STREAM_PATH + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * Reads what the server had sent the slow page, to the end: true when the server closed the connection (end of
     * stream, or reset), false if it stays open past the read timeout.
     */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // what was in flight when it was dropped
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: closed with bytes still unsent
        }
    }

    /** A round of reports: every target's year-to-date total a little higher, as of a second later. */
    private void publishRound() {
        rounds++;
        Instant at = MID_YEAR.plusSeconds(rounds);
        app.clock(at);
        for (Target t : targets) {
            app.send(t, value(t, rounds), at);
        }
        app.flush();
    }

    /** Whether every target's standing on the topic shows at least round {@code round}'s report. */
    private boolean topicReached(int round) {
        synchronized (topic) {
            return targets.stream().allMatch(t -> topicLatest.containsKey(t.getId())
                    && topicLatest.get(t.getId()).getActual() >= value(t, round));
        }
    }

    private static double value(Target t, int round) {
        return t.getTargetValue() * round / 10_000.0;
    }

    private Target byId(String id) {
        return targets.stream().filter(t -> t.getId().equals(id)).findFirst().orElseThrow();
    }

    private double dropped() {
        return meters.get("progress.dashboard.dropped").counter().count();
    }

    private int connectedPages() {
        return (int) meters.get("progress.dashboard.clients").gauge().value();
    }
}
