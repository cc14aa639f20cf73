package org.jingan.progress.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.jingan.progress.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One command, one run: ceilings and pipeline side by side on one real broker and registry, same machine, same
 * events; then latency at part load, interactive queries, replay and restore. Prints the table and writes it as
 * CSV and JSON.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the progress pipeline against what Kafka itself allows on this machine.",
        footer = {"", "Before/after of two builds in one session, runs interleaved (BENCHMARKS.md):",
                "  bin/benchmark-compare --before REV --after REV|WORKTREE -- <options>"})
public final class Benchmark implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

    @Option(names = "--events", description = "Events in the throughput workload (default 1000000; --quick 5000).")
    Long events;
    @Option(names = "--districts", description = "Districts in the city catalog, each with all the report's targets (default 16; --quick 2).")
    Integer districts;
    @Option(names = "--keys", description = "Targets the events are spread over (default: all of the city catalog; more than it adds districts).")
    Integer keys;
    @Option(names = "--span-days", description = "Days of the year the workload's event times cover (default 366; --quick 3).")
    Integer spanDays;
    @Option(names = "--partitions", description = "Partitions of the event topics (default ${DEFAULT-VALUE}).", defaultValue = "6")
    int partitions;
    @Option(names = "--threads", description = "Stream threads per Streams instance (default ${DEFAULT-VALUE}).", defaultValue = "1")
    int threads;
    @Option(names = "--instances", description = "Streams instances per application (default ${DEFAULT-VALUE}; queries always use at least 2).", defaultValue = "2")
    int instances;
    @Option(names = "--repeats", description = "Repeated runs; medians are reported with min/max (default 3; --quick 1).")
    Integer repeats;
    @Option(names = "--warmups", description = "Unreported rounds of the ceilings and the pipeline before the first repeat,"
            + " so the JIT compiler has done its work before anything is measured (default 1; --quick 0).")
    Integer warmups;
    @Option(names = "--quick", description = "A smoke run of about a minute: few events, two districts, short phases.")
    boolean quick;
    @Option(names = "--latency-seconds", description = "Duration of the live load in the latency phase (default 20; --quick 2).")
    Integer latencySeconds;
    @Option(names = "--load-fraction", description = "Live load as a share of the measured sustained rate (default ${DEFAULT-VALUE}).", defaultValue = "0.5")
    double loadFraction;
    @Option(names = "--live-rate", description = "Live load in events/s, instead of --load-fraction of the sustained rate:"
            + " compares two builds at the same load, which a share of their own (noisy) rates does not (default: off).")
    Double liveRate;
    @Option(names = "--query-seconds", description = "Duration of each query measurement (default 10; --quick 1).")
    Integer querySeconds;
    @Option(names = "--query-clients", description = "Concurrent query client threads (default ${DEFAULT-VALUE}).", defaultValue = "4")
    int queryClients;
    @Option(names = "--replay-days", description = "Days of the year replayed (default 366; --quick 14).")
    Integer replayDays;
    @Option(names = "--replay-report-every-days", description = "Department reports every N days in the replayed year (default 1; --quick 7).")
    Integer replayReportEveryDays;
    @Option(names = "--replay-sensor-every-minutes", description = "Sensor reading interval in the replayed year (default 15; --quick 1440).")
    Integer replaySensorEveryMinutes;
    @Option(names = "--dynamic-membership", description = "Restore phase: the child pipeline joins its group dynamically"
            + " (--static-membership=false), for comparison with the app's default, static membership.")
    boolean dynamicMembership;
    /** Static membership became the app's default; the old flag is still accepted. */
    @Option(names = "--static-membership", hidden = true)
    boolean staticMembership;
    @Option(names = "--phases", split = ",", description = "Phases to run (default all): ${COMPLETION-CANDIDATES}.")
    Set<Settings.Phase> phases;
    @Option(names = "--seed", description = "Seed of the generated data (default ${DEFAULT-VALUE}).", defaultValue = "2020")
    long seed;
    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of starting a broker in-process.")
    String bootstrapServers;
    @Option(names = "--registry-url", description = "Schema registry URL when --bootstrap-servers is given.")
    String registryUrl;
    @Option(names = "--registry-user-info", paramLabel = "USER:PASSWORD", defaultValue = "${env:SCHEMA_REGISTRY_USER_INFO}",
            description = "With --registry-url: a login of that registry that may register schemas (env SCHEMA_REGISTRY_USER_INFO).")
    String registryUserInfo;
    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A client setting for --bootstrap-servers (security.protocol, sasl.mechanism, sasl.jaas.config, ...); repeatable.")
    java.util.Map<String, String> kafkaProperties = new java.util.LinkedHashMap<>();
    @Option(names = "--output-dir", description = "Where benchmark-results.csv/.json go (default ${DEFAULT-VALUE}).", defaultValue = "benchmark/target")
    Path outputDir;

    private String[] args = new String[0];
    private PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    /** Runs the benchmark, printing the table to {@code out}, and returns the exit code (0 when every phase ran). */
    public static int run(PrintStream out, String... args) {
        Benchmark benchmark = new Benchmark();
        benchmark.args = args;
        benchmark.out = out;
        return new CommandLine(benchmark).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    Settings settings() {
        if (instances < 1 || threads < 1 || partitions < 1 || (districts != null && districts < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--instances, --threads, --partitions and --districts must be at least 1");
        }
        if (warmups != null && warmups < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--warmups must be 0 or more, got " + warmups);
        }
        if (loadFraction <= 0 || loadFraction > 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--load-fraction must be in (0, 1], got " + loadFraction);
        }
        if (liveRate != null && liveRate <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--live-rate must be above 0 events/s, got " + liveRate);
        }
        if (staticMembership && dynamicMembership) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--static-membership and --dynamic-membership contradict each other; static membership is the default: give --dynamic-membership or neither");
        }
        if ((bootstrapServers == null) != (registryUrl == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--bootstrap-servers and --registry-url go together: give both to use an existing cluster, or neither");
        }
        return new Settings(
                events != null ? events : quick ? 5_000 : 1_000_000,
                districts != null ? districts : quick ? 2 : CityCatalog.SHANGHAI_DISTRICTS.size(),
                keys != null ? keys : 0,
                spanDays != null ? spanDays : quick ? 3 : 366,
                partitions, threads, instances,
                repeats != null ? repeats : quick ? 1 : 3,
                warmups != null ? warmups : quick ? 0 : 1,
                quick,
                latencySeconds != null ? latencySeconds : quick ? 2 : 20,
                loadFraction,
                liveRate != null ? liveRate : 0,
                querySeconds != null ? querySeconds : quick ? 1 : 10,
                queryClients,
                replayDays != null ? replayDays : quick ? 14 : 366,
                replayReportEveryDays != null ? replayReportEveryDays : quick ? 7 : 1,
                replaySensorEveryMinutes != null ? replaySensorEveryMinutes : quick ? 1440 : 15,
                dynamicMembership,
                phases == null || phases.isEmpty() ? EnumSet.allOf(Settings.Phase.class) : EnumSet.copyOf(phases),
                seed,
                outputDir);
    }

    @Override
    public Integer call() {
        Settings s = settings();
        Machine machine = Machine.describe();
        ResultTable table = new ResultTable();
        List<String> remarks = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String command = "bin/benchmark " + String.join(" ", args);
        log.info("Benchmark on {}", machine.oneLine());
        try (BenchCluster cluster = bootstrapServers != null ? BenchCluster.external(bootstrapServers, kafkaProperties, registryUrl, registryUserInfo)
                : BenchCluster.startLocal()) {
            Workload workload = new WorkloadSetup(cluster, s, table).prepare(Catalog.loadDefault());
            ReplayPhase replay = new ReplayPhase(cluster, s, table);
            for (int w = 1; w <= s.warmups(); w++) {
                warmUp(cluster, s, workload, w, failures);
            }
            for (int r = 1; r <= s.repeats(); r++) {
                int repeat = r;
                log.info("=== repeat {} of {}", r, s.repeats());
                if (s.runs(Settings.Phase.CEILINGS)) {
                    phase("ceilings", r, failures, () -> new CeilingsPhase(cluster, s, table).run(workload, repeat));
                }
                if (s.runs(Settings.Phase.PIPELINE)) {
                    phase("pipeline", r, failures, () -> {
                        try (PipelineInstances pipeline = new PipelinePhase(cluster, s, table).run(workload, repeat)) {
                            if (s.runs(Settings.Phase.QUERIES)) {
                                phase("queries", repeat, failures, () -> new QueryPhase(cluster, s, table).run(workload, pipeline, repeat));
                            }
                        }
                    });
                    if (s.runs(Settings.Phase.LATENCY)) {
                        phase("latency", r, failures, () ->
                                new LatencyPhase(cluster, s, table).run(workload, repeat, table.last(PipelinePhase.RATE)));
                    }
                }
                if (s.runs(Settings.Phase.SCREEN)) {
                    phase("report to screen", r, failures, () -> {
                        try {
                            new ScreenPhase(cluster, s, table).run(workload, repeat);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
                if (s.runs(Settings.Phase.REPLAY)) {
                    phase("replay and restore", r, failures, () -> replay.run(workload, repeat));
                }
            }
        }
        double load = Machine.loadAverageNow();
        if (load > machine.cores()) {
            remarks.add(String.format(Locale.ROOT, "load average %.1f at the end on %d cores: other work shared the machine, numbers are noisy",
                    load, machine.cores()));
        }
        failures.forEach(f -> remarks.add("FAILED: " + f));
        ResultWriter writer = new ResultWriter(machine, command, s.asMap(), remarks);
        writer.print(table, out);
        List<Path> files = writer.write(table, s.outputDir());
        out.println("Written: " + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * One unreported round of the ceilings and the pipeline. Without it the first measured phases share the cores with
     * the JIT compiler (about a third of the CPU the benchmark used during a cold 20 s pipeline run, in JFR) and the first ceiling,
     * which runs coldest, reads low, so the ratios of the first repeat said little.
     */
    private static void warmUp(BenchCluster cluster, Settings s, Workload workload, int round, List<String> failures) {
        log.info("=== warm-up {} of {} (not reported)", round, s.warmups());
        ResultTable discarded = new ResultTable();
        int repeat = -round; // its own application ids, apart from the measured repeats'
        if (s.runs(Settings.Phase.CEILINGS)) {
            phase("warm-up ceilings", repeat, failures, () -> new CeilingsPhase(cluster, s, discarded).run(workload, repeat));
        }
        if (s.runs(Settings.Phase.PIPELINE)) {
            phase("warm-up pipeline", repeat, failures, () -> new PipelinePhase(cluster, s, discarded).run(workload, repeat).close());
        }
    }

    /** Runs one phase; a failure is logged and reported at the end, and the other phases still run. */
    private static void phase(String name, int repeat, List<String> failures, Runnable body) {
        long started = System.nanoTime();
        try {
            body.run();
            log.info("{} (repeat {}) done in {} s", name, repeat, Math.round((System.nanoTime() - started) / 1e9));
        } catch (RuntimeException e) {
            log.error("Phase {} (repeat {}) failed", name, repeat, e);
            failures.add(name + " (repeat " + repeat + "): " + e.getMessage());
        }
    }
}
