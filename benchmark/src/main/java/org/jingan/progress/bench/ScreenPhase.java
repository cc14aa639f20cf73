package org.jingan.progress.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.intake.app.IntakeConfig;
import org.jingan.progress.intake.app.IntakeServer;
import org.jingan.progress.intake.auth.ApiKeys;
import org.jingan.progress.intake.http.RateLimit;
import org.jingan.progress.kit.http.ManagementEndpoint;
import org.jingan.progress.streams.dashboard.FeedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Report to screen: from a department's {@code POST /api/v1/reports} on the intake to the {@code standings} event
 * showing it at pages connected to a streams-app instance's live feed ({@code /api/v1/stream}), live, this year's
 * catalog. For each of 50 and 500 reports/s and 1 and 500 connected pages: a steady load of reports through the intake
 * plus probes (LEVEL reports with an increasing marker on targets the load leaves alone, every 50 ms), each probe
 * timed from just before its POST to (a) the owning instance's store showing it: the pipeline's floor, and (b) each
 * measuring page receiving it. Up to 10 pages measure (they parse what they get); the others read and discard every
 * byte, as far pages do, so the server's fan-out is the same. Then the whole-board query ({@code GET /api/v1/targets})
 * p50 on the same instances.
 */
public final class ScreenPhase {
    private static final Logger log = LoggerFactory.getLogger(ScreenPhase.class);
    static final String SCREEN = "screen: POST -> page (SSE event)";
    static final String FLOOR = "screen: POST -> store (floor)";
    static final String BOARD = "screen: whole-board query";
    static final String FAN_OUT = "screen: feed cost per change";
    private static final long PROBE_EVERY_MS = 50;
    private static final int PROBE_TARGETS = 16;
    private static final int MEASURING_PAGES = 10;
    private static final int[] RATES = {50, 500};
    private static final int[] PAGES = {1, 500};
    /** --quick: a smoke run, not a measurement. */
    private static final int[] QUICK_RATES = {50};
    private static final int[] QUICK_PAGES = {1, 20};
    private static final Pattern TARGET = Pattern.compile("\"targetId\":\"([^\"]+)\"");
    private static final Pattern ACTUAL = Pattern.compile("\"actual\":([-0-9.Ee]+)");

    private final BenchCluster cluster;
    private final Settings settings;
    private final ResultTable table;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public ScreenPhase(BenchCluster cluster, Settings settings, ResultTable table) {
        this.cluster = cluster;
        this.settings = settings;
        this.table = table;
    }

    /** One probe: its marker and when its POST started. */
    private record Probe(double marker, long sentNanos) {
    }

    public void run(Workload w, int repeat) throws IOException {
        int year = LocalDate.now(Reports.SHANGHAI).getYear();
        CityCatalog live = w.city().shiftedTo(year);
        List<Target> valued = live.targets().stream().filter(t -> t.getTargetValue() != null && t.getTargetValue() > 0
                && t.getKind() != TargetKind.MILESTONE).toList();
        // the largest levels: a whole-number marker climbing by one a probe stays far inside the intake's bounds
        List<Target> probeTargets = valued.stream().filter(t -> t.getKind() == TargetKind.LEVEL && t.getTargetValue() >= 100)
                .sorted(java.util.Comparator.comparing(Target::getTargetValue).reversed()).limit(PROBE_TARGETS).toList();
        List<Target> loadTargets = valued.stream().filter(t -> !probeTargets.contains(t)).toList();

        String prefix = w.eventsTopic() + "-screen-" + repeat;
        Pipeline.Topics topics = Pipeline.Topics.of(prefix, prefix + "-targets", prefix + "-events");
        List<org.apache.kafka.clients.admin.NewTopic> all = new ArrayList<>(topics.outputs(settings.partitions()));
        all.add(BenchCluster.topic(topics.targets(), settings.partitions(), Map.of("cleanup.policy", "compact")));
        all.add(BenchCluster.topic(topics.events(), settings.partitions(), Map.of()));
        cluster.createTopics(all);
        EventLoader loader = new EventLoader(cluster.kafkaConfig(), cluster.registry());
        loader.sendTargets(topics.targets(), live.targets());

        Map<String, String> keys = new HashMap<>();
        StringBuilder credentials = new StringBuilder();
        live.targets().stream().map(Target::getDepartmentId).distinct().forEach(d -> {
            String key = ApiKeys.generate();
            keys.put(d, key);
            credentials.append(d).append(" = ").append(ApiKeys.hash(key)).append('\n');
        });
        Path credentialsFile = cluster.workDir().resolve(prefix + "-department-keys.properties");
        Files.writeString(credentialsFile, credentials);

        Path state = cluster.workDir().resolve("state").resolve(prefix);
        FeedSource feed = FeedSource.of(topics.targets(), topics.progress(), topics.alerts(), cluster.kafkaConfig(),
                cluster.registry().serdeConfig());
        IntakeConfig.Builder intakeConfig = IntakeConfig.builder().httpHost("127.0.0.1").httpPort(0)
                .management(ManagementEndpoint.LOOPBACK_ANY_PORT)
                .bootstrapServers(cluster.bootstrapServers()).schemaRegistryUrl(cluster.registryUrl())
                .schemaRegistryBasicAuth(cluster.registry().userInfo()).schemaRegistryAutoRegister(true)
                .topic(topics.events()).credentialsFile(credentialsFile).targets(live.targets())
                .rateLimit(RateLimit.OFF);
        cluster.securityProperties().forEach(intakeConfig::kafkaClientConfig);
        try (PipelineInstances apps = PipelineInstances.start(prefix + "-app", cluster, topics, settings.instances(),
                settings.threads(), Pipeline.topologyConfig(topics, true), state, config -> { }, false, feed);
             IntakeServer intake = IntakeServer.start(intakeConfig.build())) {
            String page = apps.instances().get(0).baseUrl();
            Poster poster = new Poster(intake.url(), keys);
            // warm: every probe target reported once and shown, the feed read the board
            Map<String, List<Probe>> probes = new ConcurrentHashMap<>();
            AtomicLong sequence = new AtomicLong();
            for (Target t : probeTargets) {
                poster.post(t, marker(t, sequence.incrementAndGet())).join();
            }
            long warmUntil = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (probeTargets.stream().anyMatch(t -> apps.standing(t.getId()) == null) && System.nanoTime() < warmUntil) {
                GroupProgress.sleep(100);
            }
            for (int pages : settings.quick() ? QUICK_PAGES : PAGES) {
                List<Page> connected = connect(page, pages);
                try {
                    awaitBoards(connected);
                    for (int rate : settings.quick() ? QUICK_RATES : RATES) {
                        measure(rate, pages, connected, apps, poster, probeTargets, loadTargets, probes, sequence);
                    }
                } finally {
                    connected.forEach(Page::close);
                }
            }
            wholeBoard(page);
        }
    }

    private void measure(int rate, int pages, List<Page> connected, PipelineInstances apps, Poster poster,
                         List<Target> probeTargets, List<Target> loadTargets, Map<String, List<Probe>> probes,
                         AtomicLong sequence) {
        String label = String.format(Locale.ROOT, "%d reports/s, %d page%s", rate, pages, pages == 1 ? "" : "s");
        Latencies screen = new Latencies();
        Latencies floor = new Latencies();
        io.micrometer.core.instrument.Timer fanOut = apps.instances().get(0).server().meterRegistry()
                .timer("progress.dashboard.fanout");
        long fanOutCount = fanOut.count();
        double fanOutNanos = fanOut.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
        probes.clear();
        connected.forEach(p -> p.measureInto(screen, probes));
        double loadRate = Math.max(1, rate - 1000.0 / PROBE_EVERY_MS);
        long warmNanos = Math.max(1, settings.latencySeconds() / 4) * 1_000_000_000L;
        long end = System.nanoTime() + warmNanos + settings.latencySeconds() * 1_000_000_000L;
        Thread load = new Thread(() -> {
            Pacer pacer = new Pacer(loadRate);
            long i = 0;
            while (pacer.next(end)) {
                Target t = loadTargets.get((int) (i++ % loadTargets.size()));
                // whole numbers: many units count whole things (幢, 家)
                poster.post(t, Math.max(1, Math.round(t.getTargetValue() * 0.3)) + i % 3);
            }
        }, "screen-load");
        load.start();
        GroupProgress.sleep(warmNanos / 1_000_000);
        Map<String, List<Probe>> awaitingStore = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread storeWatch = new Thread(() -> {
            while (watching.get()) {
                watchStore(apps, awaitingStore, floor);
                GroupProgress.sleep(1);
            }
        }, "screen-store-watch");
        storeWatch.start();
        Pacer pacer = new Pacer(1000.0 / PROBE_EVERY_MS);
        int sent = 0;
        while (pacer.next(end)) {
            Target t = probeTargets.get(sent++ % probeTargets.size());
            double marker = marker(t, sequence.incrementAndGet());
            Probe probe = new Probe(marker, System.nanoTime());
            probes.computeIfAbsent(t.getId(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(probe);
            awaitingStore.computeIfAbsent(t.getId(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(probe);
            poster.post(t, marker);
        }
        join(load);
        long grace = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < grace && (awaitingStore.values().stream().anyMatch(l -> !l.isEmpty())
                || screen.count() < (long) sent * Math.min(pages, MEASURING_PAGES))) {
            GroupProgress.sleep(5);
        }
        watching.set(false);
        join(storeWatch);
        connected.forEach(Page::stopMeasuring);
        long expected = (long) sent * Math.min(pages, MEASURING_PAGES);
        log.info("Screen {}: {} probes, {} of {} seen on pages, POST failures {}", label, sent, screen.count(), expected,
                poster.failures());
        percentiles(SCREEN + ", " + label, screen, "probe POST to the standings event at a measuring page; "
                + Math.min(pages, MEASURING_PAGES) + " of " + pages + " pages measure, the others read and discard");
        percentiles(FLOOR + ", " + label, floor, "probe POST to the owning instance's store (direct read): the floor");
        table.record(SCREEN + ", " + label + ": not seen within 10 s", "events", Math.max(0, expected - screen.count()));
        long changes = fanOut.count() - fanOutCount;
        table.record(FAN_OUT + ", " + label, "µs", changes == 0 ? Double.NaN
                : (fanOut.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) - fanOutNanos) / changes / 1000);
        table.note(FAN_OUT + ", " + label, "mean over " + changes + " changes on the pages' instance: the change"
                + " serialized once, then queued to every page showing it (the writes happen on the writer pool)");
    }

    /** Polls the owning instances' stores for the probes not yet seen there (the floor, as the latency phase does). */
    private static void watchStore(PipelineInstances apps, Map<String, List<Probe>> awaiting, Latencies floor) {
        awaiting.forEach((id, list) -> {
            synchronized (list) {
                if (list.isEmpty()) {
                    return;
                }
                var s = apps.standing(id);
                double actual = s == null ? Double.NEGATIVE_INFINITY : s.getActual();
                long now = System.nanoTime();
                list.removeIf(p -> {
                    if (actual >= p.marker()) {
                        floor.recordNanos(now - p.sentNanos());
                        return true;
                    }
                    return false;
                });
            }
        });
    }

    private void wholeBoard(String base) {
        Latencies board = new Latencies();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/targets")).GET().build();
        for (int i = 0; i < 60; i++) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && i >= 10) {
                    board.recordNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                log.warn("Whole-board query failed: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        table.record(BOARD + " p50", "ms", board.percentileMillis(50));
        table.note(BOARD + " p50", "GET /api/v1/targets (" + board.count() + " after 10 unmeasured), idle pipeline, "
                + settings.instances() + " instance(s): forwarded partitions included");
        table.record(BOARD + " p99", "ms", board.percentileMillis(99));
    }

    private void percentiles(String metric, Latencies l, String how) {
        if (l.count() == 0) {
            throw new IllegalStateException("No probe became visible (" + metric + ")");
        }
        table.record(metric + " p50", "ms", l.percentileMillis(50));
        table.note(metric + " p50", how + ", " + l.count() + " observations");
        table.record(metric + " p99", "ms", l.percentileMillis(99));
        table.record(metric + " p99.9", "ms", l.percentileMillis(99.9));
    }

    private static double marker(Target t, long sequence) {
        return Math.round(t.getTargetValue() * 0.5) + sequence;
    }

    private List<Page> connect(String base, int count) {
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pages.add(new Page(base, i < MEASURING_PAGES));
        }
        return pages;
    }

    private static void awaitBoards(List<Page> pages) {
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (pages.stream().anyMatch(p -> !p.hasBoard()) && System.nanoTime() < until) {
            GroupProgress.sleep(50);
        }
        long without = pages.stream().filter(p -> !p.hasBoard()).count();
        if (without > 0) {
            throw new IllegalStateException(without + " of " + pages.size() + " pages got no board within a minute");
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reports through the intake, as a department does: one POST each, asynchronously, with its department's key. */
    private final class Poster {
        private final URI reports;
        private final Map<String, String> keys;
        private final AtomicLong failures = new AtomicLong();

        Poster(String intakeUrl, Map<String, String> keys) {
            this.reports = URI.create(intakeUrl + "/api/v1/reports");
            this.keys = keys;
        }

        CompletableFuture<Void> post(Target t, double value) {
            String body = String.format(Locale.ROOT, "{\"targetId\":\"%s\",\"value\":%d,\"unit\":\"%s\",\"reporter\":\"benchmark\"}",
                    t.getId(), Math.round(value), t.getUnit().replace("\"", "\\\""));
            HttpRequest request = HttpRequest.newBuilder(reports).header("Authorization", "Bearer " + keys.get(t.getDepartmentId()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                if (error != null || response.statusCode() != 202) {
                    if (failures.incrementAndGet() <= 5) {
                        log.warn("Report POST failed: {}", error != null ? error.toString()
                                : response.statusCode() + " " + response.body());
                    }
                }
                return null;
            });
        }

        long failures() {
            return failures.get();
        }
    }

    /**
     * One connected page, on a plain socket (HTTP/1.0, so the event stream is the body as sent, no chunks): a
     * measuring page reads lines and records, per probe target, every probe whose marker the shown actual reached;
     * the others read and discard every byte, on a thread of their own each, as far pages do.
     */
    private static final class Page {
        private final java.net.Socket socket;
        private final boolean measuring;
        private volatile boolean board;
        private volatile Latencies latencies;
        private volatile Map<String, List<Probe>> probes;
        private final Map<String, Integer> seen = new HashMap<>();

        Page(String baseUrl, boolean measuring) {
            this.measuring = measuring;
            URI uri = URI.create(baseUrl);
            try {
                socket = new java.net.Socket(uri.getHost(), uri.getPort());
                socket.getOutputStream().write(("GET /api/v1/stream HTTP/1.0\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread reader = new Thread(measuring ? this::readLines : this::discard, "screen-page");
            reader.setDaemon(true);
            reader.start();
        }

        boolean hasBoard() {
            return board;
        }

        void measureInto(Latencies into, Map<String, List<Probe>> sent) {
            synchronized (seen) {
                seen.clear();
                probes = sent;
                latencies = into;
            }
        }

        void stopMeasuring() {
            latencies = null;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // gone
            }
        }

        private void discard() {
            byte[] buffer = new byte[64 * 1024];
            try (var in = socket.getInputStream()) {
                int read;
                long total = 0;
                while ((read = in.read(buffer)) >= 0) {
                    total += read;
                    if (total > 1024) {
                        board = true; // past the headers: the board came
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void readLines() {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8), 64 * 1024)) {
                String line;
                String event = null;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ") && "standings".equals(event)) {
                        board = true;
                        Latencies into = latencies;
                        if (into != null) {
                            shown(line, into);
                        }
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void shown(String line, Latencies into) {
            long now = System.nanoTime();
            Matcher target = TARGET.matcher(line);
            Matcher actual = ACTUAL.matcher(line);
            synchronized (seen) {
                while (target.find() && actual.find(target.end())) {
                    List<Probe> sent = probes.get(target.group(1));
                    if (sent == null) {
                        continue;
                    }
                    double value = Double.parseDouble(actual.group(1));
                    int next = seen.getOrDefault(target.group(1), 0);
                    synchronized (sent) {
                        while (next < sent.size() && sent.get(next).marker() <= value + 1e-9) {
                            into.recordNanos(now - sent.get(next).sentNanos());
                            next++;
                        }
                    }
                    seen.put(target.group(1), next);
                }
            }
        }
    }
}
