package org.jingan.progress.streams.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.registry.TopicFollower;
import org.jingan.progress.streams.query.AvroJson;
import org.jingan.progress.streams.query.ListedTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The dashboard's live feed, pushed: this instance follows the standings and alerts topics ({@code read_committed},
 * every partition, no group) into a {@link BoardView} and sends each change, as it is read, to the pages that show
 * it. A new page gets the board (or its part of it) first, then the changes after it; every event carries the
 * {@link FeedVersion} reached as its SSE id, so a page that reconnects (to this instance or another) with
 * {@code Last-Event-ID} is sent exactly what changed since, nothing twice.
 *
 * <p>Each change is turned into JSON once and the same bytes are queued to every page that shows it; a writer pool
 * writes them out ({@link FeedClient}), so the cost of a change is one serialization plus a queue offer per page.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    /** How long a page sent back a version this instance has not reached waits for it, before it gets the board. */
    static final Duration AHEAD_WAIT = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final byte[] KEEP_ALIVE = ":keep-alive\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** Browsers reconnect this soon after a dropped connection. */
    private static final byte[] RETRY = "retry: 1000\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final FeedSource source;
    private final ObjectMapper mapper;
    private final Object lock = new Object();
    private final BoardView view;
    /**
     * Pages by what they show. Concurrent (copy-on-write sets): a page dropped while a change is being sent to its
     * set leaves it at once, and pages come and go far less often than changes go out.
     */
    private final Map<FeedFilter, Set<FeedClient>> pages = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<FeedClient, Long> waiting = new LinkedHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final ExecutorService writers;
    private final ScheduledExecutorService housekeeping;
    private final AtomicInteger followersCaughtUp = new AtomicInteger();
    private final List<TopicFollower<?>> followers = new ArrayList<>();
    private final Timer visibleLatency;
    private final Counter dropped;
    private final Timer fanOut;
    private String instance = "";
    private boolean caughtUp;
    private boolean failed;

    public LiveFeed(FeedSource source, ObjectMapper mapper, MeterRegistry meters) {
        this.source = source;
        this.mapper = mapper.copy().registerModule(AvroJson.module());
        this.view = new BoardView(source.standingsPartitions(), source.alertsPartitions());
        this.writers = Executors.newFixedThreadPool(8, daemon("dashboard-feed-writer"));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("dashboard-feed-housekeeping"));
        this.visibleLatency = visibleLatency(meters);
        this.dropped = Counter.builder("progress.dashboard.dropped")
                .description("Dashboard pages dropped from the live feed for reading too slowly (they reconnect and resume)")
                .register(meters);
        this.fanOut = Timer.builder("progress.dashboard.fanout")
                .description("Per change read by the feed: turning it into JSON once and queuing it to every page showing it")
                .register(meters);
        Gauge.builder("progress.dashboard.clients", connected, AtomicInteger::get)
                .description("Dashboard pages connected to this instance's live feed").register(meters);
    }

    /**
     * The timer of report-to-dashboard latency: from the stream time a standing was computed at (its asOf) to a feed
     * reading it. Registered with the dashboard, fed once a feed follows the topics.
     */
    static Timer visibleLatency(MeterRegistry meters) {
        return Timer.builder("progress.standing.visible.latency")
                .description("From the stream time a standing was computed at (its asOf) to this instance's feed reading"
                        + " it: report-to-dashboard latency in live operation; the data's age during a replay")
                .register(meters);
    }

    /** Starts following the topics; {@code self} names this instance in the feed. */
    public void start(String self) {
        this.instance = self;
        Map<String, Object> kafka = new HashMap<>(source.kafkaConfig());
        followers.add(follower(source.targetsTopic(), Target.class, kafka, "targets",
                (key, value, record) -> definition(key, value)));
        followers.add(follower(source.standingsTopic(), ProgressSnapshot.class, kafka, "standings", this::standing));
        followers.add(follower(source.alertsTopic(), Alert.class, kafka, "alerts", this::alert));
        followers.forEach(TopicFollower::start);
        housekeeping.scheduleWithFixedDelay(this::housekeep, 1, 1, TimeUnit.SECONDS);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> TopicFollower<V> follower(
            String topic, Class<V> type, Map<String, Object> kafka, String role, TopicFollower.Handler<V> handler) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put("client.id", "dashboard-feed-" + role + "-" + Long.toHexString(System.nanoTime()));
        return new TopicFollower<>(topic, type, config, source.registryConfig(), handler, this::followerCaughtUp);
    }

    /** Number of pages connected to this instance. */
    public int clients() {
        return connected.get();
    }

    /** Whether the feed read everything on its topics at start (before that, pages wait for their first board). */
    public boolean caughtUp() {
        synchronized (lock) {
            return caughtUp;
        }
    }

    /** Closes every page's connection: their browsers reconnect and resume (tests: a forced reconnect). */
    public void dropAll() {
        List<FeedClient> all = new ArrayList<>();
        synchronized (lock) {
            pages.values().forEach(all::addAll);
            all.addAll(waiting.keySet());
        }
        all.forEach(FeedClient::close);
    }

    /** A page connected: it follows what {@code filter} shows, from {@code resumeFrom} (null: a new page). */
    public void connect(SseClient sse, FeedFilter filter, FeedVersion resumeFrom) {
        sse.keepAlive();
        FeedClient page = new FeedClient(sse, filter, resumeFrom, writers, dropped::increment);
        sse.onClose(() -> remove(page));
        connected.incrementAndGet();
        page.send(RETRY);
        page.send(FeedClient.frame(null, "hello", write(Map.of("instance", instance))));
        synchronized (lock) {
            if (caughtUp && (resumeFrom == null || view.version().covers(resumeFrom))) {
                activate(page, page.resumeFrom());
            } else {
                waiting.put(page, System.nanoTime());
                if (!caughtUp) {
                    page.send(FeedClient.frame(null, "feed", write(feedState(false, "reading the board"))));
                }
            }
        }
    }

    private void remove(FeedClient page) {
        synchronized (lock) {
            Set<FeedClient> same = pages.get(page.filter());
            boolean removed = same != null && same.remove(page);
            if (same != null && same.isEmpty()) {
                pages.remove(page.filter());
            }
            removed |= waiting.remove(page) != null;
            if (removed) {
                connected.decrementAndGet();
            }
        }
    }

    /** Under the lock: what the page has not seen, then the changes as they come. */
    private void activate(FeedClient page, FeedVersion since) {
        String id = view.version().toString();
        if (since == null) {
            page.send(FeedClient.frame(id, "standings", write(fullBoard(
                    view.standings(page.filter()).stream().map(h -> listed(h.value())).toList()))));
            page.send(FeedClient.frame(id, "alerts", write(fullBoard(
                    view.firing(page.filter()).stream().map(BoardView.Held::value).toList()))));
        } else {
            List<BoardView.Held<ProgressSnapshot>> changed = view.standingsSince(since, page.filter());
            if (!changed.isEmpty()) {
                page.send(FeedClient.frame(id, "standings", write(standingsDelta(changed))));
            }
            for (BoardView.Held<Alert> alert : view.alertsSince(since, page.filter())) {
                page.send(FeedClient.frame(id, "alert", write(alert.value())));
            }
        }
        page.send(FeedClient.frame(id, "feed", write(feedState(!failed, failed ? "a topic cannot be read" : null))));
        pages.computeIfAbsent(page.filter(), f -> new java.util.concurrent.CopyOnWriteArraySet<>()).add(page);
    }

    // ---- the followers' threads

    private void definition(String targetId, Target value) {
        synchronized (lock) {
            view.definition(targetId, value);
        }
    }

    private void standing(String targetId, ProgressSnapshot value, ConsumerRecord<byte[], byte[]> record) {
        synchronized (lock) {
            BoardView.Held<ProgressSnapshot> held = view.standing(targetId, value, record.partition(), record.offset());
            if (held != null && caughtUp) {
                long start = System.nanoTime();
                byte[] frame = FeedClient.frame(view.version().toString(), "standings", write(standingsDelta(List.of(held))));
                deliver(frame, held.targetId(), held.departmentId());
                fanOut.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (value != null) {
                    long ms = Duration.between(value.getAsOf(), Instant.now()).toMillis();
                    if (ms >= 0) {
                        visibleLatency.record(ms, TimeUnit.MILLISECONDS);
                    }
                }
            }
            activateCaughtUpWaiters();
        }
    }

    private void alert(String dedupKey, Alert value, ConsumerRecord<byte[], byte[]> record) {
        synchronized (lock) {
            BoardView.Held<Alert> held = view.alert(dedupKey, value, record.partition(), record.offset());
            if (held != null && caughtUp) {
                long start = System.nanoTime();
                byte[] frame = FeedClient.frame(view.version().toString(), "alert", write(value));
                deliver(frame, held.targetId(), held.departmentId());
                fanOut.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            activateCaughtUpWaiters();
        }
    }

    private void followerCaughtUp() {
        if (followersCaughtUp.incrementAndGet() == 3) {
            synchronized (lock) {
                caughtUp = true;
                log.info("Dashboard feed read the board at {}: pushing changes from now on", view.version());
                activateCaughtUpWaiters();
            }
        }
    }

    /** Under the lock: the pages whose version this instance has now reached. */
    private void activateCaughtUpWaiters() {
        if (!caughtUp || waiting.isEmpty()) {
            return;
        }
        var it = waiting.keySet().iterator();
        while (it.hasNext()) {
            FeedClient page = it.next();
            if (page.resumeFrom() == null || view.version().covers(page.resumeFrom())) {
                it.remove();
                activate(page, page.resumeFrom());
            }
        }
    }

    /** Under the lock: the same bytes to every page showing everything, this target or this department. */
    private void deliver(byte[] frame, String targetId, String departmentId) {
        sendTo(pages.get(FeedFilter.EVERYTHING), frame);
        sendTo(pages.get(new FeedFilter(targetId, null)), frame);
        if (departmentId != null) {
            sendTo(pages.get(new FeedFilter(null, departmentId)), frame);
        }
    }

    private static void sendTo(Set<FeedClient> pages, byte[] frame) {
        if (pages != null) {
            for (FeedClient page : pages) {
                page.send(frame);
            }
        }
    }

    // ---- housekeeping: keep-alives, failed followers, pages waiting for a version never reached

    private long lastHeartbeat = System.nanoTime();

    private void housekeep() {
        try {
            List<FeedClient> stale = new ArrayList<>();
            synchronized (lock) {
                boolean broken = followers.stream().anyMatch(f -> f.failure() != null);
                if (broken != failed) {
                    failed = broken;
                    byte[] frame = FeedClient.frame(null, "feed", write(feedState(!broken, broken ? "a topic cannot be read" : null)));
                    pages.values().forEach(same -> sendTo(same, frame));
                }
                long now = System.nanoTime();
                if (now - lastHeartbeat >= HEARTBEAT.toNanos()) {
                    lastHeartbeat = now;
                    pages.values().forEach(same -> sendTo(same, KEEP_ALIVE));
                }
                if (caughtUp) {
                    waiting.forEach((page, since) -> {
                        if (now - since > AHEAD_WAIT.toNanos()) {
                            stale.add(page);
                        }
                    });
                }
                for (FeedClient page : stale) {
                    // a version from elsewhere (another cluster, topics made anew): the page starts over
                    waiting.remove(page);
                    log.info("A page's version {} was not reached in {}: it gets the board anew", page.resumeFrom(), AHEAD_WAIT);
                    activate(page, null);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Dashboard feed housekeeping failed: {}", e.toString());
        }
    }

    // ---- JSON at the edge

    private Map<String, Object> standingsDelta(List<BoardView.Held<ProgressSnapshot>> changed) {
        List<ListedTarget> items = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (BoardView.Held<ProgressSnapshot> h : changed) {
            if (h.value() == null) {
                removed.add(h.key());
            } else {
                items.add(listed(h.value()));
            }
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("full", false);
        event.put("items", items);
        if (!removed.isEmpty()) {
            event.put("removed", removed);
        }
        return event;
    }

    private static Map<String, Object> fullBoard(List<?> items) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("full", true);
        event.put("items", items);
        return event;
    }

    /** A standing as {@code /api/v1/targets} lists it: with its section's and department's names. */
    private ListedTarget listed(ProgressSnapshot standing) {
        return new ListedTarget(standing, view.definition(standing.getTargetId()));
    }

    private Map<String, Object> feedState(boolean ok, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", ok);
        body.put("detail", detail);
        return body;
    }

    /** Typed until here: records, Avro ones included ({@link AvroJson#module()}), written once as JSON. */
    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        followers.forEach(TopicFollower::close);
        dropAll();
        writers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
