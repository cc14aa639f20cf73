package org.jingan.progress.intake.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the command line sends reports: the intake's HTTP API (default) or straight to Kafka. */
final class ConnectionOptions {
    @Option(names = "--url", defaultValue = "${env:INTAKE_URL:-http://127.0.0.1:8081}",
            description = "Intake HTTP API base URL (env INTAKE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:INTAKE_API_KEY}",
            description = "Your department's API key (env INTAKE_API_KEY). Prefer the environment: a flag shows in the process list.")
    String apiKey;

    @Option(names = "--bootstrap-servers",
            description = "Write straight to Kafka at these brokers instead of the HTTP API (needs --schema-registry-url and --department).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:SCHEMA_REGISTRY_URL}",
            description = "Schema registry URL for --bootstrap-servers (env SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    @Option(names = "--department", defaultValue = "${env:INTAKE_DEPARTMENT}",
            description = "With --bootstrap-servers: the department reporting (env INTAKE_DEPARTMENT).")
    String department;

    @Option(names = "--catalog-file", description = "With --bootstrap-servers: catalog YAML to validate against (default: the shipped catalog).")
    Path catalogFile;

    @Option(names = "--topic", defaultValue = "progress-events",
            description = "With --bootstrap-servers: the events topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds to wait for an answer (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** The client for these options; a {@link UsageException} or {@link AuthException} when they cannot work. */
    IntakeClient open() throws UsageException, AuthException {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (bootstrapServers != null) {
            if (schemaRegistryUrl == null || department == null) {
                throw new UsageException("--bootstrap-servers needs --schema-registry-url and --department (or SCHEMA_REGISTRY_URL, INTAKE_DEPARTMENT)");
            }
            try {
                return new KafkaIntakeClient(bootstrapServers, schemaRegistryUrl, topic, department, catalogFile,
                        Duration.ofSeconds(Math.min(8, Math.max(2, timeoutSeconds / 3))));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new AuthException("no API key: set INTAKE_API_KEY (or pass --api-key) to your department's key");
        }
        return new HttpIntakeClient(url, apiKey.strip(), timeout);
    }

    /** Wrong or missing options: exit code 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** No credential: exit code 4. */
    static final class AuthException extends Exception {
        AuthException(String message) {
            super(message);
        }
    }
}
