package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Following a peer's pages: the peer is a real HTTP server on 127.0.0.1 that pages as {@link InternalRoutes} does
 * (or, for the failure cases, as it must not).
 */
class PeerReadsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STORE = "target-standing";
    private static final Map<String, Object> CURRENT = copy("ACTIVE", 0L);
    private static final int PAGE = 2;

    private final Map<Integer, NavigableMap<String, Integer>> partitions = Map.of(
            0, entries("a", "b", "c"),
            1, entries("d"),
            2, entries("e", "f", "g", "h", "i"));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer peer;
    private HostInfo host;
    private PeerReads reads;

    @BeforeEach
    void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.start();
        host = new HostInfo("127.0.0.1", peer.getAddress().getPort());
        reads = new PeerReads(new PeerClient(MAPPER, Duration.ofSeconds(2), PeerSecret.random()), MAPPER, new PeerValues(), PAGE);
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    @Test
    void shouldFollowThePagesUntilEveryPartitionIsWhole() {
        serve(ClusterStores.INTERNAL + STORE + "/partitions", this::pagedListing);

        List<PeerReads.PartitionResult> results = reads.partitions(host, STORE, List.of(0, 1, 2));

        assertThat(results).extracting(PeerReads.PartitionResult::partition).containsExactly(0, 1, 2);
        assertThat(results).allSatisfy(r -> assertThat(r.refusal()).isNull());
        assertThat(keys(results.get(0).read())).containsExactly("a", "b", "c");
        assertThat(keys(results.get(1).read())).containsExactly("d");
        assertThat(keys(results.get(2).read())).containsExactly("e", "f", "g", "h", "i");
        assertThat(results).allSatisfy(r -> assertThat(r.read().next()).isNull());
        assertThat(asked).as("9 entries, 2 a page").hasSize(5).allSatisfy(q -> assertThat(q).contains("limit=" + PAGE));
        assertThat(asked.get(1)).as("the cut partition first, from where it stopped").startsWith("ids=0,1,2").contains("after=b");
    }

    @Test
    void shouldReadAPartitionThatMovesMidwayElsewhereAsAWhole() {
        serve(ClusterStores.INTERNAL + STORE + "/partitions", query -> query.get("after") == null
                ? pagedListing(query)
                : Map.of("partitions", List.of(Map.of("partition", 0, "unavailable", "Partition 0 is migrating"))));

        List<PeerReads.PartitionResult> results = reads.partitions(host, STORE, List.of(0, 1));

        assertThat(results.get(0).read()).as("no half partition").isNull();
        assertThat(results.get(0).refusal()).contains("migrating");
        assertThat(keys(results.get(1).read())).as("asked for on its own then").containsExactly("d");
    }

    @Test
    void shouldGiveUpOnAPeerThatDoesNotPageOn() {
        // a peer ignoring 'after' would hand out its first page forever
        serve(ClusterStores.INTERNAL + STORE + "/partitions", query -> pagedListing(new LinkedHashMap<>(Map.of(
                "ids", query.get("ids"), "limit", query.get("limit")))));

        List<PeerReads.PartitionResult> results = reads.partitions(host, STORE, List.of(2));

        assertThat(results.get(0).read()).isNull();
        assertThat(results.get(0).refusal()).contains("did not page on");
        assertThat(asked).hasSize(2);
    }

    @Test
    void shouldRefuseWhatAPeerLeavesOutOfEveryAnswer() {
        serve(ClusterStores.INTERNAL + STORE + "/partitions", query -> Map.of("partitions", List.of()));

        List<PeerReads.PartitionResult> results = reads.partitions(host, STORE, List.of(0, 1));

        assertThat(results).allSatisfy(r -> assertThat(r.refusal()).contains("did not answer"));
        assertThat(asked).hasSize(1);
    }

    @Test
    void shouldLabelAPartitionReadInPagesWithItsLaggiestPage() {
        serve(ClusterStores.INTERNAL + STORE + "/partitions", query -> {
            Map<String, Object> answer = pagedListing(query);
            if (query.get("after") != null) {
                // the partition moved to a standby between the pages
                @SuppressWarnings("unchecked")
                Map<String, Object> part = ((List<Map<String, Object>>) answer.get("partitions")).get(0);
                part.put("copy", copy("STANDBY", 3L));
            }
            return answer;
        });

        LocalStores.PartitionRead read = reads.partitions(host, STORE, List.of(0)).get(0).read();

        assertThat(keys(read)).containsExactly("a", "b", "c");
        assertThat(read.copy().role()).isEqualTo(Freshness.Role.STANDBY);
        assertThat(read.copy().stale()).isTrue();
    }

    @Test
    void shouldCompleteAPrefixLookupCutAtAPageThroughThePrefixRoute() {
        String prefixPath = ClusterStores.INTERNAL + STORE + "/partitions/2/prefix/";
        serve(ClusterStores.LOOKUPS + "2", query -> Map.of("reads", List.of(
                part(2, List.of("e", "f"), "f"), part(2, List.of("x"), null))));
        serve(prefixPath, query -> {
            List<String> rest = new ArrayList<>(partitions.get(2).tailMap(query.get("after"), false).keySet());
            List<String> page = rest.subList(0, Math.min(PAGE, rest.size()));
            return part(2, page, rest.size() > PAGE ? page.get(page.size() - 1) : null);
        });

        List<LocalStores.PartitionRead> answers = reads.lookups(host, 2, List.of(
                new LocalStores.Lookup(STORE, "", true), new LocalStores.Lookup(STORE, "x", false)));

        assertThat(keys(answers.get(0))).containsExactly("e", "f", "g", "h", "i");
        assertThat(answers.get(0).next()).isNull();
        assertThat(keys(answers.get(1))).containsExactly("x");
        assertThat(asked.get(0)).isEqualTo("limit=" + PAGE);
    }

    @Test
    void shouldRefuseAPrefixThatDoesNotPageOn() {
        serve(ClusterStores.INTERNAL + STORE + "/partitions/0/prefix/", query -> part(0, List.of(), "a"));

        assertThatThrownBy(() -> reads.prefix(host, STORE, 0, "a"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.type()).isEqualTo("peer-incompatible"));
    }

    // ---- the fake peer

    /** What {@link InternalRoutes} answers: up to limit entries over the partitions asked, in their order. */
    private Map<String, Object> pagedListing(Map<String, String> query) {
        int budget = Integer.parseInt(query.get("limit"));
        String after = query.get("after");
        List<Map<String, Object>> parts = new ArrayList<>();
        for (String id : query.get("ids").split(",")) {
            if (budget == 0) {
                break;
            }
            int partition = Integer.parseInt(id);
            NavigableMap<String, Integer> rest = after == null ? partitions.get(partition)
                    : partitions.get(partition).tailMap(after, false);
            List<String> page = new ArrayList<>(rest.keySet()).subList(0, Math.min(budget, rest.size()));
            String next = rest.size() > page.size() ? page.get(page.size() - 1) : null;
            parts.add(part(partition, page, next));
            budget -= page.size();
            if (next != null) {
                break;
            }
            after = null;
        }
        return new LinkedHashMap<>(Map.of("partitions", parts));
    }

    private static Map<String, Object> part(int partition, List<String> keys, String next) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("partition", partition);
        part.put("entries", keys.stream().map(k -> Map.of("key", k, "value", k)).toList());
        part.put("copy", CURRENT);
        if (next != null) {
            part.put("next", next);
        }
        return part;
    }

    private static Map<String, Object> copy(String role, Long offsetLag) {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("store", STORE);
        copy.put("partition", 0);
        copy.put("servedBy", "peer:1");
        copy.put("role", role);
        copy.put("offsetLag", offsetLag);
        copy.put("timeLagMs", 0L);
        return copy;
    }

    private void serve(String path, Function<Map<String, String>, Object> answer) {
        peer.createContext(path, exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            asked.add(query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8));
            respond(exchange, MAPPER.writeValueAsBytes(answer.apply(parse(query))));
        });
    }

    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static NavigableMap<String, Integer> entries(String... keys) {
        NavigableMap<String, Integer> map = new TreeMap<>();
        for (String key : keys) {
            map.put(key, 1);
        }
        return map;
    }

    private static List<String> keys(LocalStores.PartitionRead read) {
        return read.entries().stream().map(LocalStores.Entry::key).toList();
    }
}
