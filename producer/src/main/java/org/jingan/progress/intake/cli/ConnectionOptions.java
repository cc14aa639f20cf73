package org.jingan.progress.intake.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.intake.app.IntakeClock;
import org.jingan.progress.intake.validation.ReportValidator;
import org.jingan.progress.kit.options.ClusterOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the command line sends reports: the intake's HTTP API (default) or straight to Kafka. */
final class ConnectionOptions {
    @Option(names = "--url", defaultValue = "${env:INTAKE_URL:-http://127.0.0.1:8081}",
            description = "Intake HTTP API base URL (env INTAKE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:INTAKE_API_KEY}",
            description = "Your department's API key (env INTAKE_API_KEY). Prefer the environment: a flag shows in the process list.")
    String apiKey;

    @Option(names = "--kafka",
            description = "Write straight to Kafka (the cluster options below) instead of the HTTP API; needs --department."
                    + " Implied by --bootstrap-servers.")
    boolean kafka;

    /** The cluster, for --kafka: the options every program of the pipeline takes. */
    @Mixin
    ClusterOptions cluster;

    /** The command line as given: a --bootstrap-servers there means Kafka. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--department", defaultValue = "${env:INTAKE_DEPARTMENT}",
            description = "With --kafka: the department reporting (env INTAKE_DEPARTMENT).")
    String department;

    @Option(names = "--targets-topic", defaultValue = "${env:INTAKE_TARGETS_TOPIC:-targets}",
            description = "With --kafka: the catalog's topic, read to its end before the first check and followed while the command runs (env INTAKE_TARGETS_TOPIC; default ${DEFAULT-VALUE}).")
    String targetsTopic;

    @Option(names = "--catalog-file",
            description = "With --kafka: validate against this catalog YAML instead of the targets topic (an offline check; revisions on the topic are not seen).")
    Path catalogFile;

    @Option(names = "--topic", defaultValue = "progress-events",
            description = "With --kafka: the events topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--clock", paramLabel = "wall|simulated", defaultValue = "${env:INTAKE_CLOCK:-wall}",
            description = "With --kafka: the district clock the checks use: wall (live) or simulated (a replay, the demo year: read from the district-clock topic) (env INTAKE_CLOCK; default ${DEFAULT-VALUE}).")
    String clock;

    @Option(names = "--clock-start", paramLabel = "DATE|INSTANT", defaultValue = "${env:INTAKE_CLOCK_START:-2020-01-01T00:00+08:00}",
            description = "With --clock simulated: where the clock stands before its first tick (env INTAKE_CLOCK_START; default ${DEFAULT-VALUE}).")
    String clockStart;

    @Option(names = "--clock-topic", defaultValue = "${env:INTAKE_CLOCK_TOPIC:-district-clock}",
            description = "With --clock simulated: the clock's topic (env INTAKE_CLOCK_TOPIC; default ${DEFAULT-VALUE}).")
    String clockTopic;

    @Option(names = "--max-event-time-ahead", paramLabel = "DURATION", defaultValue = "${env:INTAKE_MAX_EVENT_TIME_AHEAD:-1h}",
            description = "With --kafka: how far after the district clock's now a report may be dated (env INTAKE_MAX_EVENT_TIME_AHEAD; default ${DEFAULT-VALUE}).")
    String maxEventTimeAhead;

    @Option(names = "--reporting-grace", paramLabel = "DURATION", defaultValue = "${env:INTAKE_REPORTING_GRACE:-31d}",
            description = "With --kafka: how long after the end of its target's deadline day a report may be dated (env INTAKE_REPORTING_GRACE; default ${DEFAULT-VALUE}).")
    String reportingGrace;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds to wait for an answer (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /**
     * The client for these options; a {@link UsageException} or {@link AuthException} when they cannot work, an
     * {@link UnreachableException} when the catalog topic cannot be read.
     */
    IntakeClient open() throws UsageException, AuthException, UnreachableException {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (kafka || mixee.commandLine().getParseResult().hasMatchedOption("--bootstrap-servers")) {
            if (department == null) {
                throw new UsageException("writing straight to Kafka needs --department (or INTAKE_DEPARTMENT)");
            }
            try {
                ClockMode mode = IntakeClock.mode(clock);
                Instant start = option("--clock-start", () -> IntakeClock.start(clockStart));
                var bounds = new ReportValidator.Bounds(
                        option("--max-event-time-ahead", () -> IntakeClock.duration(maxEventTimeAhead)),
                        option("--reporting-grace", () -> IntakeClock.duration(reportingGrace)));
                var catalog = new KafkaIntakeClient.CatalogSource(targetsTopic, catalogFile);
                return new KafkaIntakeClient(cluster.kafkaConfig(), cluster.registryConfig(), topic, department, catalog,
                        Duration.ofSeconds(Math.min(8, Math.max(2, timeoutSeconds / 3))),
                        new KafkaIntakeClient.ClockOptions(mode, start, clockTopic, bounds));
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new UsageException(e.getMessage());
            } catch (IllegalStateException e) { // the catalog topic could not be read
                throw new UnreachableException(e.getMessage(), e);
            }
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new AuthException("no API key: set INTAKE_API_KEY (or pass --api-key) to your department's key");
        }
        return new HttpIntakeClient(url, apiKey.strip(), timeout);
    }

    private static <T> T option(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
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
