package org.jingan.progress.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private void measure(String metric, String how, Function<SplittableRandom, String> url) {
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + settings.querySeconds() * 1_000_000_000L;
        // one warm-up request per client before measuring: connections, JIT
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < settings.queryClients(); c++) {
            SplittableRandom random = new SplittableRandom(c);
            clients.add(new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                call(http, url.apply(random), null, errors);
                // at least a few measured queries per client, even when the warm-up ate the (quick) duration
                for (int n = 0; n < MIN_QUERIES_PER_CLIENT || System.nanoTime() < deadline; n++) {
                    call(http, url.apply(random), latencies, errors);
                }
            }, "query-client-" + c));
        }
        long started = System.nanoTime();
        clients.forEach(Thread::start);
        clients.forEach(QueryPhase::join);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (latencies.count() == 0) {
            throw new IllegalStateException(metric + ": no query succeeded (" + errors.get() + " errors)");
        }
        log.info("{}: {} queries, {} errors, p50 {} ms, p99 {} ms", metric, latencies.count(), errors.get(),
                latencies.percentileMillis(50), latencies.percentileMillis(99));
        table.record(metric + " p50", "ms", latencies.percentileMillis(50));
        table.note(metric + " p50", how + "; " + settings.queryClients() + " client threads");
        table.record(metric + " p99", "ms", latencies.percentileMillis(99));
        table.record(metric + " rate", "queries/s", latencies.count() / seconds);
        table.record(metric + " errors", "queries", errors.get());
    }

    private static void call(HttpClient http, String url, Latencies latencies, AtomicLong errors) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                errors.incrementAndGet();
            } else if (latencies != null) {
                latencies.recordNanos(took);
            }
        } catch (java.io.IOException e) {
            errors.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
