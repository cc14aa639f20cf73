package org.jingan.progress.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jingan.progress.avro.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive queries under concurrent load, on the pipeline that has just processed the workload (the whole city
 * board in its stores): several client threads call the query API over HTTP for one target held by the instance
 * asked (local), one target held by the other instance (the API forwards), and the whole board; and, as the floor,
 * a direct in-process store read.
 */
public final class QueryPhase {
    private static final Logger log = LoggerFactory.getLogger(QueryPhase.class);
    private static final int MIN_QUERIES_PER_CLIENT = 25;

    private final BenchCluster cluster;
    private final Settings settings;
    private final ResultTable table;

    public QueryPhase(BenchCluster cluster, Settings settings, ResultTable table) {
        this.cluster = cluster;
        this.settings = settings;
        this.table = table;
    }

    void run(Workload w, PipelineInstances apps, int repeat) {
        if (apps.instances().size() < 2) {
            // forwarding needs a second instance: it joins, takes over partitions and restores them, then we measure
            String appId = apps.applicationId();
            Pipeline.Topics topics = Pipeline.Topics.of(appId, w.targetsTopic(), w.eventsTopic());
            Path state = cluster.workDir().resolve("state").resolve(appId).resolve("instance-extra");
            apps.add(cluster, topics, settings.threads(), Pipeline.topologyConfig(topics, false), state, c -> { });
            apps.awaitRunning(Duration.ofMinutes(5));
        }
        PipelineInstances.Instance asked = apps.instances().get(0);
        List<String> local = new ArrayList<>();
        List<String> remote = new ArrayList<>();
        for (Target t : w.keys()) {
            apps.ownerOf(t.getId()).ifPresent(owner -> (owner == asked ? local : remote).add(t.getId()));
        }
        if (local.isEmpty() || remote.isEmpty()) {
            throw new IllegalStateException("Cannot measure local and forwarded queries: instance 0 holds " + local.size()
                    + " targets and the others " + remote.size());
        }
        String base = asked.baseUrl() + "/api/v1/targets";
        measure("query: one target, local (HTTP)", "GET /api/v1/targets/{id} on the instance holding it",
                random -> base + "/" + local.get(random.nextInt(local.size())));
        measure("query: one target, forwarded (HTTP)", "same, asked of the other instance, which forwards",
                random -> base + "/" + remote.get(random.nextInt(remote.size())));
        measure("query: whole board (HTTP)", "GET /api/v1/targets: all " + w.keys().size() + " standings from all instances",
                random -> base);
        measureDirect(apps, local);
    }

    /**
     * Two measurements of one kind of query. First at saturation: {@code queryClients} threads each send the next
     * request as soon as the last one is answered, which gives the rate the API sustains (its latency there is mostly
     * queueing for the 2 cores: clients, server and broker share them). Then at half that rate, paced (open loop, as
     * the end-to-end latency is measured at half load): each request's latency is taken from when it was due, so a
     * slow answer also counts against the requests it held up.
     */
    private void measure(String metric, String how, Function<SplittableRandom, String> url) {
        double rate = measureSaturated(metric, how, url);
        measurePaced(metric + " at half rate", rate / 2, url);
    }

    private double measureSaturated(String metric, String how, Function<SplittableRandom, String> url) {
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        // the same load runs unmeasured for half the measured time first (as in the latency phase): connections,
        // the JIT's compilation of the request path, and the pipeline phase's leftovers (log cleaner, C2) settle
        long warmUpNanos = settings.querySeconds() / 2 * 1_000_000_000L;
        long measureFrom = System.nanoTime() + warmUpNanos;
        long deadline = measureFrom + settings.querySeconds() * 1_000_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < settings.queryClients(); c++) {
            SplittableRandom random = new SplittableRandom(c);
            clients.add(new Thread(() -> {
                do {
                    call(url.apply(random), null, System.nanoTime(), errors);
                } while (System.nanoTime() < measureFrom);
                // at least a few measured queries per client, even when the warm-up ate the (quick) duration
                for (int n = 0; n < MIN_QUERIES_PER_CLIENT || System.nanoTime() < deadline; n++) {
                    long start = System.nanoTime();
                    call(url.apply(random), latencies, start, errors);
                }
            }, "query-client-" + c));
        }
        clients.forEach(Thread::start);
        clients.forEach(QueryPhase::join);
        double seconds = (System.nanoTime() - measureFrom) / 1e9;
        double rate = latencies.count() / seconds;
        report(metric, latencies, errors);
        table.note(metric + " p50", how + "; " + settings.queryClients() + " client threads, each sending its next"
                + " request when the last is answered (saturation)");
        table.record(metric + " rate", "queries/s", rate);
        return rate;
    }

    private void measurePaced(String metric, double rate, Function<SplittableRandom, String> url) {
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        int clientCount = settings.queryClients();
        long deadline = System.nanoTime() + settings.querySeconds() * 1_000_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            SplittableRandom random = new SplittableRandom(100 + c);
            clients.add(new Thread(() -> {
                Pacer pacer = new Pacer(Math.max(0.1, rate / clientCount));
                for (int n = 0; pacer.next(deadline) || n < MIN_QUERIES_PER_CLIENT; n++) {
                    call(url.apply(random), latencies, pacer.lastDue(), errors);
                }
            }, "query-paced-" + c));
        }
        clients.forEach(Thread::start);
        clients.forEach(QueryPhase::join);
        report(metric, latencies, errors);
        table.note(metric + " p50", String.format("%.0f queries/s (half the saturation rate), paced over %d client"
                + " threads; latency from when each request was due", rate, clientCount));
    }

    private void report(String metric, Latencies latencies, AtomicLong errors) {
        if (latencies.count() == 0) {
            throw new IllegalStateException(metric + ": no query succeeded (" + errors.get() + " errors)");
        }
        log.info("{}: {} queries, {} errors, p50 {} / p90 {} / p99 {} / p99.9 {} / max {} ms", metric,
                latencies.count(), errors.get(), latencies.percentileMillis(50), latencies.percentileMillis(90),
                latencies.percentileMillis(99), latencies.percentileMillis(99.9), latencies.maxMillis());
        table.record(metric + " p50", "ms", latencies.percentileMillis(50));
        table.record(metric + " p99", "ms", latencies.percentileMillis(99));
        table.record(metric + " errors", "queries", errors.get());
    }

    /**
     * One GET on a kept-alive connection ({@link HttpURLConnection} keeps one per host and thread), answered and read
     * whole. A blocking client: the JDK's asynchronous {@code HttpClient} hands every request to its selector and
     * worker threads, and on 2 cores shared with the server those hand-offs showed up in the server's tail.
     */
    private static void call(String url, Latencies latencies, long startNanos, AtomicLong errors) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream()); // read to the end, or the connection is not reused
                }
            }
            long took = System.nanoTime() - startNanos;
            if (status != 200) {
                errors.incrementAndGet();
            } else if (latencies != null) {
                latencies.recordNanos(took);
            }
        } catch (IOException e) {
            errors.incrementAndGet();
        }
    }

    private void measureDirect(PipelineInstances apps, List<String> keys) {
        Latencies latencies = new Latencies();
        long deadline = System.nanoTime() + settings.querySeconds() * 1_000_000_000L / 2;
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 0; n < MIN_QUERIES_PER_CLIENT * 4 || System.nanoTime() < deadline; n++) {
            String key = keys.get(random.nextInt(keys.size()));
            long start = System.nanoTime();
            if (apps.standing(key) != null) {
                latencies.recordNanos(System.nanoTime() - start);
            }
        }
        String metric = "query: one target, store read in-process";
        table.record(metric + " p50", "ms", latencies.percentileMillis(50));
        table.note(metric + " p50", "KafkaStreams.store(...).get(id): the floor under the HTTP API");
        table.record(metric + " p99", "ms", latencies.percentileMillis(99));
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
