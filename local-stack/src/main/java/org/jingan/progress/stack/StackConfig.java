package org.jingan.progress.stack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.stack.demo.ReplaySpeed;

/**
 * What to start and where. With {@code bootstrapServers} and {@code schemaRegistryUrl} set, the stack runs the
 * components against that cluster and starts no broker or registry of its own.
 *
 * @param dataDir             where the broker, registry, streams state, demo keys and replay position live
 * @param fresh               delete {@code dataDir} first
 * @param bootstrapServers    an external cluster, or null for the in-process broker
 * @param schemaRegistryUrl   an external registry (Confluent API), or null for the Apicurio child process
 * @param registryUserInfo    {@code user:password} for the external registry, or null
 * @param kafkaProperties     extra client settings for an external cluster (security.protocol, sasl.*, ...)
 * @param replicationFactor   replicas of the topics created on an external cluster (the local broker takes 1)
 * @param demoSpeed           how fast the demo year is replayed
 * @param demo                whether to replay the demo year
 * @param seed                the demo's seed
 * @param clock               which district clock the stack runs on
 */
public record StackConfig(Path dataDir, boolean fresh, String bootstrapServers, String schemaRegistryUrl,
                          String registryUserInfo, Map<String, String> kafkaProperties, int replicationFactor,
                          Ports ports, ReplaySpeed demoSpeed, boolean demo, long seed, Clock clock) {

    public StackConfig {
        dataDir = dataDir.toAbsolutePath().normalize();
        kafkaProperties = Map.copyOf(kafkaProperties);
        Objects.requireNonNull(clock, "clock");
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new StackException("Give both --bootstrap-servers and --schema-registry-url for an external cluster"
                    + " (or neither, to start the local broker and registry).");
        }
    }

    /** On the simulated district clock, not moved at start ({@link Clock#SIMULATED}). */
    public StackConfig(Path dataDir, boolean fresh, String bootstrapServers, String schemaRegistryUrl,
                       String registryUserInfo, Map<String, String> kafkaProperties, int replicationFactor,
                       Ports ports, ReplaySpeed demoSpeed, boolean demo, long seed) {
        this(dataDir, fresh, bootstrapServers, schemaRegistryUrl, registryUserInfo, kafkaProperties, replicationFactor,
                ports, demoSpeed, demo, seed, Clock.SIMULATED);
    }

    /**
     * Which district clock the stack runs on.
     *
     * @param mode   {@link ClockMode#SIMULATED} (the default: the catalog is the 2020 report; the demo moves the clock
     *               through the year, an operator with {@code bin/clock set}) or {@link ClockMode#WALL} ({@code --live}:
     *               the wall clock in Asia/Shanghai, for a catalog of the current year)
     * @param moveTo where to move the simulated clock at start ({@code --clock-date}), or null to leave it where it
     *               stands (1 January of the catalog's year on a fresh system)
     */
    public record Clock(ClockMode mode, Instant moveTo) {
        public static final Clock SIMULATED = new Clock(ClockMode.SIMULATED, null);
        public static final Clock WALL = new Clock(ClockMode.WALL, null);

        public Clock {
            Objects.requireNonNull(mode, "mode");
            if (mode == ClockMode.WALL && moveTo != null) {
                throw new StackException("--clock-date moves the simulated district clock, --live runs on the wall"
                        + " clock: give one or the other.");
            }
        }

        public boolean simulated() {
            return mode == ClockMode.SIMULATED;
        }
    }

    /**
     * The ports of everything the stack serves; 0 picks a free one. {@code streamsManagement},
     * {@code intakeManagement}, {@code monitorManagement}: each app's metrics and health, on 127.0.0.1 only.
     */
    public record Ports(int kafka, int kafkaController, int registry, int intake, int dashboard, int monitor,
                        int streamsManagement, int intakeManagement, int monitorManagement) {
        public static final Ports DEFAULTS = new Ports(9092, 9093, 8085, 8081, 8080, 8083, 8089, 8091, 8093);

        /** Every port on a free one: for tests. */
        public static final Ports ANY = new Ports(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public boolean external() {
        return bootstrapServers != null;
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path registryDir() {
        return dataDir.resolve("registry");
    }

    public Path streamsDir() {
        return dataDir.resolve("streams");
    }

    public Path intakeDir() {
        return dataDir.resolve("intake");
    }

    /**
     * The stack's secrets (mode 700): the Kafka logins of the local broker's principals, one client properties file
     * each, and the monitor's accounts ({@link MonitorLogins}); every file mode 600.
     */
    public Path credentialsDir() {
        return dataDir.resolve("credentials");
    }

    /** The secret the streams app's instances show each other on /internal (mode 600, made on the first start). */
    public Path streamsPeerSecretFile() {
        return credentialsDir().resolve("streams-peer-secret");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** The settings every Kafka client and serde of the stack gets, for a cluster at these addresses. */
    public Map<String, Object> clientConfig(String bootstrap, String registryUrl) {
        Map<String, Object> config = new LinkedHashMap<>(kafkaProperties);
        config.put("bootstrap.servers", bootstrap);
        config.put("schema.registry.url", registryUrl);
        if (registryUserInfo != null) {
            config.put("basic.auth.user.info", registryUserInfo);
        }
        // the stack registers every subject (SchemaRegistration) before anything writes: its writers only look up ids
        config.put("auto.register.schemas", false);
        return config;
    }
}
