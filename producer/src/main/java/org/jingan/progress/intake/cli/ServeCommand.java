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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** intake serve: runs the HTTP intake until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the department intake HTTP API until Ctrl-C.",
                "Settings come from the environment (KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, INTAKE_CREDENTIALS_FILE, "
                        + "INTAKE_HTTP_PORT, INTAKE_KAFKA_<client setting>…; see IntakeConfig), then --config, then these options."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Properties file of settings (KAFKA_BOOTSTRAP_SERVERS=… or kafka.bootstrap.servers=…).")
    Path configFile;

    @Option(names = "--host", description = "Bind address (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "HTTP port (default 8081; 0 picks a free one).")
    Integer port;

    @Option(names = "--bootstrap-servers", description = "Kafka brokers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Schema registry URL (Confluent API).")
    String schemaRegistryUrl;

    @Option(names = "--credentials-file", description = "Department credentials: lines 'departmentId = sha256:<hex>'; reloaded on change.")
    Path credentialsFile;

    @Option(names = "--catalog-file", description = "Catalog YAML (default: the shipped 2020 catalog).")
    Path catalogFile;

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
        put(settings, "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        put(settings, "SCHEMA_REGISTRY_URL", schemaRegistryUrl);
        put(settings, "INTAKE_CREDENTIALS_FILE", credentialsFile == null ? null : credentialsFile.toString());
        put(settings, "INTAKE_CATALOG_FILE", catalogFile == null ? null : catalogFile.toString());

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

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }
}
