package org.jingan.progress.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.stack.demo.DemoGenerator;
import org.jingan.progress.stack.demo.ReplayProgressBar;
import org.jingan.progress.stack.demo.ReplaySpeed;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/local-stack}: the whole pipeline on this machine with one command. No logger in this class on
 * purpose: logging is set up (to a file in the data directory) only once the options are read.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true, sortOptions = false, version = "local-stack 0.1.0",
        description = {"Runs the whole progress pipeline locally: a real Kafka broker (KRaft, in-process), the schema"
                + " registry (Apicurio, child process), the topics, the catalog, the streams app, the department intake"
                + " API, the monitoring center and a replay of the 2020 demo year. Ctrl-C stops all of it.",
                "Every component runs on the simulated district clock, which starts on 1 January 2020 (the catalog is"
                        + " the 2020 report) and which the demo moves through the year; bin/clock shows and moves it,"
                        + " --clock-date moves it at start, --live runs on the wall clock instead.",
                "With --bootstrap-servers and --schema-registry-url it runs the same components against an existing"
                        + " cluster instead of starting a broker and a registry."})
public final class LocalStack implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:PROGRESS_DATA_DIR:-data}",
            description = "Where the broker, registry, streams state and demo position live; kept across restarts."
                    + " Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete the data directory first and start an empty system.")
    boolean fresh;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:PROGRESS_BOOTSTRAP_SERVERS}",
            description = "Use this Kafka cluster instead of starting a broker (env PROGRESS_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:PROGRESS_SCHEMA_REGISTRY_URL}",
            description = "Use this Confluent-API schema registry instead of starting one (env PROGRESS_SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    @Option(names = "--schema-registry-user-info", defaultValue = "${env:PROGRESS_SCHEMA_REGISTRY_USER_INFO}",
            paramLabel = "USER:PASSWORD", description = "Basic-auth credentials of that registry (env PROGRESS_SCHEMA_REGISTRY_USER_INFO).")
    String registryUserInfo;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A client setting for that cluster (security.protocol, sasl.mechanism, sasl.jaas.config, ...); repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--replication-factor", defaultValue = "3",
            description = "Replicas of the topics created on an external cluster (the local broker uses 1). Default: ${DEFAULT-VALUE}")
    int replicationFactor;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker port. Default: ${DEFAULT-VALUE}")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "9093", description = "KRaft controller port. Default: ${DEFAULT-VALUE}")
    int kafkaControllerPort;

    @Option(names = "--registry-port", defaultValue = "8085", description = "Schema registry port. Default: ${DEFAULT-VALUE}")
    int registryPort;

    @Option(names = "--intake-port", defaultValue = "8081", description = "Department intake API port. Default: ${DEFAULT-VALUE}")
    int intakePort;

    @Option(names = "--dashboard-port", defaultValue = "8080", description = "Dashboard and query API port. Default: ${DEFAULT-VALUE}")
    int dashboardPort;

    @Option(names = "--monitor-port", defaultValue = "8083", description = "Monitoring center port. Default: ${DEFAULT-VALUE}")
    int monitorPort;

    @Option(names = "--streams-management-port", defaultValue = "8089",
            description = "The streams app's metrics and health port, on 127.0.0.1 only. Default: ${DEFAULT-VALUE}")
    int streamsManagementPort;

    @Option(names = "--intake-management-port", defaultValue = "8091",
            description = "The intake's metrics and health port, on 127.0.0.1 only. Default: ${DEFAULT-VALUE}")
    int intakeManagementPort;

    @Option(names = "--monitor-management-port", defaultValue = "8093",
            description = "The monitoring center's metrics and health port, on 127.0.0.1 only. Default: ${DEFAULT-VALUE}")
    int monitorManagementPort;

    @Option(names = "--demo-speed", defaultValue = "5m", paramLabel = "SPEED",
            description = "How fast the demo year is replayed: the time for the whole year (5m, 90s, 1h), event time per"
                    + " wall time (365d/5m, 30d/1m), or max. Default: ${DEFAULT-VALUE}")
    String demoSpeed;

    @Option(names = "--year-in", paramLabel = "DURATION",
            description = "The same as --demo-speed DURATION: replay the demo year in this long (e.g. 5m, 90s).")
    String yearIn;

    @Option(names = "--no-demo", description = "Do not replay the demo year.")
    boolean noDemo;

    @Option(names = "--seed", defaultValue = "" + DemoGenerator.DEFAULT_SEED,
            description = "Seed of the demo year (the same seed gives the same reports). Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--clock-date", paramLabel = "DATE",
            description = "Move the simulated district clock to DATE at start (00:00 that day in Asia/Shanghai; or a"
                    + " time, 2020-03-05T18:00), e.g. with --no-demo to report by hand as of that date; the demo goes on"
                    + " from there. The clock never runs backwards: an earlier DATE than where it stands is refused.")
    String clockDate;

    @Option(names = "--live",
            description = "Run on the wall clock in Asia/Shanghai instead of the simulated district clock, for a catalog"
                    + " of the current year. The demo year (2020) is not replayed then.")
    boolean live;

    private final PrintStream out;
    private final PrintStream err;

    LocalStack(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new LocalStack(System.out, System.err)).execute(args);
        if (code != 0) {
            System.exit(code);
        }
        // started: the main thread waits in call() until Ctrl-C; the shutdown hook stops everything
    }

    @Override
    public Integer call() throws InterruptedException {
        StackConfig config;
        try {
            ReplaySpeed speed = ReplaySpeed.parse(yearIn != null ? yearIn : demoSpeed);
            StackConfig.Clock clock = new StackConfig.Clock(live ? ClockMode.WALL : ClockMode.SIMULATED,
                    clockDate == null ? null : DistrictClock.parseTime(clockDate));
            StackConfig requested = new StackConfig(dataDir, fresh, blankToNull(bootstrapServers),
                    blankToNull(schemaRegistryUrl), blankToNull(registryUserInfo), kafkaProperties, replicationFactor,
                    new StackConfig.Ports(kafkaPort, kafkaControllerPort, registryPort, intakePort, dashboardPort, monitorPort,
                            streamsManagementPort, intakeManagementPort, monitorManagementPort),
                    speed, !noDemo && !live, seed, clock);
            // Emptied before logging opens its file in there; the stack itself then starts without --fresh.
            DataDirectory.prepare(requested.dataDir(), requested.fresh());
            config = withoutFresh(requested);
        } catch (RuntimeException e) {
            err.println("local-stack: " + Errors.oneLine(e));
            return 2;
        }
        Logging.toFile(config.logDir().resolve("local-stack.log"));

        out.println("Jing'an 2020 progress pipeline: local stack" + (config.external() ? " on an external cluster" : ""));
        Stack stack = Stack.create(config, line -> out.println("  " + line + " ..."));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println();
            out.println("Stopping (Ctrl-C) ...");
            stack.close();
            out.println("Stopped. Data kept in " + config.dataDir() + "; run again to resume.");
            stopped.countDown();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long startedAt = System.nanoTime();
        try {
            stack.start();
        } catch (RuntimeException | LinkageError e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stack.close();
            org.slf4j.LoggerFactory.getLogger(Logging.DETAILS).error("Start-up failed", e);
            err.println("local-stack: " + Errors.oneLine(e));
            err.println("  (details in " + config.logDir().resolve("local-stack.log") + ")");
            return 1;
        }
        printWhere(stack, (System.nanoTime() - startedAt) / 1_000_000_000.0);
        stack.startDemo(ReplayProgressBar.on(out, config.demoSpeed()));
        stopped.await(); // until Ctrl-C
        return 0;
    }

    private void printWhere(Stack stack, double seconds) {
        out.printf("%nUp in %.1f s. What is where:%n", seconds);
        stack.where().forEach((label, value) -> out.printf("  %-18s %s%n", label, value));
        if (live && !noDemo) {
            out.printf("  %-18s %s%n", "Demo", "not replayed: the demo year is 2020 on the simulated clock (run without --live)");
        }
        out.println("Ctrl-C stops everything (data is kept).");
        out.println();
    }

    private static StackConfig withoutFresh(StackConfig c) {
        return new StackConfig(c.dataDir(), false, c.bootstrapServers(), c.schemaRegistryUrl(), c.registryUserInfo(),
                c.kafkaProperties(), c.replicationFactor(), c.ports(), c.demoSpeed(), c.demo(), c.seed(), c.clock());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
