package org.jingan.progress.intake.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jingan.progress.intake.app.IntakeConfig;
import org.jingan.progress.intake.app.IntakeServer;
import org.jingan.progress.kit.options.ClusterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** intake serve: runs the HTTP intake until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the department intake HTTP API until Ctrl-C.",
                "Settings come from the environment (KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_AUTO_REGISTER, INTAKE_CREDENTIALS_FILE, "
                        + "INTAKE_HTTP_PORT, INTAKE_KAFKA_<client setting>…; see IntakeConfig), then --config, then these options."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Properties file of settings (KAFKA_BOOTSTRAP_SERVERS=… or kafka.bootstrap.servers=…).")
    Path configFile;

    @Option(names = "--host", description = "Bind address (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "HTTP port (default 8081; 0 picks a free one).")
    Integer port;

    /** The cluster, as every program takes it; given options win over the environment and --config. */
    @Mixin
    ClusterOptions cluster;
    @Option(names = "--credentials-file", description = "Department credentials: lines 'departmentId = sha256:<hex>'; reloaded on change.")
    Path credentialsFile;

    @Option(names = "--catalog-file", description = "Catalog YAML (default: the shipped 2020 catalog).")
    Path catalogFile;

    @Option(names = "--clock", paramLabel = "wall|simulated",
            description = "The district clock: wall (live) or simulated (a replay, the demo year: followed from the district-clock topic) (env INTAKE_CLOCK; default wall).")
    String clock;

    @Option(names = "--clock-start", paramLabel = "DATE|INSTANT",
            description = "Where a simulated clock stands before its first tick: 2020-01-01 or 2020-01-01T00:00+08:00 (env INTAKE_CLOCK_START; default 2020-01-01T00:00+08:00).")
    String clockStart;

    @Option(names = "--clock-topic", description = "The simulated clock's topic (env INTAKE_CLOCK_TOPIC; default district-clock).")
    String clockTopic;

    @Option(names = "--max-event-time-ahead", paramLabel = "DURATION",
            description = "How far after the district clock's now a report may be dated, e.g. 1h, 30m, PT1H (env INTAKE_MAX_EVENT_TIME_AHEAD; default 1h).")
    String maxEventTimeAhead;

    @Option(names = "--reporting-grace", paramLabel = "DURATION",
            description = "How long after the end of its target's deadline day a report may be dated, e.g. 31d, P31D (env INTAKE_REPORTING_GRACE; default 31d).")
    String reportingGrace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var settings = new LinkedHashMap<>(System.getenv());
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                spec.commandLine().getErr().println("usage error: no such config file " + configFile);
                return ExitCodes.USAGE;
            }
            var properties = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.forEach((k, v) -> settings.put(String.valueOf(k), String.valueOf(v)));
        }
        put(settings, "INTAKE_HTTP_HOST", host);
        put(settings, "INTAKE_HTTP_PORT", port == null ? null : port.toString());
        try {
            clusterSettings(settings);
        } catch (java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("usage error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        put(settings, "INTAKE_CREDENTIALS_FILE", credentialsFile == null ? null : credentialsFile.toString());
        put(settings, "INTAKE_CATALOG_FILE", catalogFile == null ? null : catalogFile.toString());
        put(settings, "INTAKE_CLOCK", clock);
        put(settings, "INTAKE_CLOCK_START", clockStart);
        put(settings, "INTAKE_CLOCK_TOPIC", clockTopic);
        put(settings, "INTAKE_MAX_EVENT_TIME_AHEAD", maxEventTimeAhead);
        put(settings, "INTAKE_REPORTING_GRACE", reportingGrace);

        IntakeServer server;
        try {
            server = IntakeServer.start(IntakeConfig.fromSettings(settings));
        } catch (NullPointerException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("usage error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("cannot start: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        spec.commandLine().getOut().println("department intake listening on " + server.url());
        spec.commandLine().getOut().flush();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "intake-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    /**
     * The cluster options as the intake's settings: those given on the command line (the option group's defaults
     * from the environment must not override --config), the Kafka settings of --kafka-config / --kafka-property as
     * INTAKE_KAFKA_*, and the registry's login.
     */
    void clusterSettings(Map<String, String> settings) {
        var given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption("--bootstrap-servers")) {
            put(settings, "KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        }
        if (given.hasMatchedOption("--schema-registry-url")) {
            put(settings, "SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl());
        }
        if (given.hasMatchedOption("--schema-registry-auto-register")) {
            put(settings, "SCHEMA_REGISTRY_AUTO_REGISTER", String.valueOf(cluster.autoRegister()));
        }
        cluster.kafkaProperties().forEach((key, value) ->
                put(settings, "INTAKE_KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        put(settings, "SCHEMA_REGISTRY_USER_INFO", cluster.schemaRegistryUserInfo());
    }

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }
}
