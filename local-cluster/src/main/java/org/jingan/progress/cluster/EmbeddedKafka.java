package org.jingan.progress.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka (KRaft, combined broker and controller) running in this JVM, secured.
 *
 * <p>Not a mock: it is Kafka's own {@link KafkaRaftServer}, the same code a production broker runs. Its data
 * directory survives {@link #stop()}, so a second {@link #start()} on the same directory and ports resumes with
 * every topic and offset. The internal topics are created with replication 1, as one broker requires.
 *
 * <p>Security: the client listener is {@code SASL_PLAINTEXT} on 127.0.0.1 with SCRAM-SHA-512 only; the
 * {@code StandardAuthorizer} runs with {@code allow.everyone.if.no.acl.found=false}, so a principal may do only what
 * an ACL grants it. The {@linkplain Builder#admin admin} login is the one super user: its SCRAM credential is written
 * into the metadata when the directory is formatted (the first start), and it is the login to create the other
 * principals and their ACLs with. The controller listener (loopback too, used only by this node's own broker) is
 * {@code SASL_PLAINTEXT} with PLAIN against a static user list holding the admin alone: SCRAM cannot authenticate
 * there, as its credentials live in the very metadata the controller serves.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "SASL_PLAINTEXT";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final KafkaLogin admin;
    private KafkaRaftServer server;

    private EmbeddedKafka(Builder builder) {
        this.dataDir = builder.dataDir;
        this.port = builder.port == 0 ? FreePorts.pick() : builder.port;
        this.controllerPort = builder.controllerPort == 0 ? FreePorts.pick() : builder.controllerPort;
        this.overrides = Map.copyOf(builder.overrides);
        this.admin = builder.admin == null ? KafkaLogin.generate("admin") : builder.admin;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data directory if it is new, starts the broker and waits until it answers. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        FreePorts.requireFree(port, "Kafka broker", "--kafka-port");
        FreePorts.requireFree(controllerPort, "Kafka controller", "--kafka-controller-port");
        try {
            Files.createDirectories(dataDir);
            KafkaConfig config = new KafkaConfig(brokerProperties(), false);
            formatIfNew();
            long startedAt = System.nanoTime();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady(Duration.ofSeconds(60));
            log.info("Kafka broker ready at {} in {} ms (data in {})", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), dataDir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka data directory " + dataDir, e);
        }
    }

    /** Stops the broker and waits for it; the data directory is kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka broker at {} stopped", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The super user's login: for setup (topics, principals, ACLs), never for an application. */
    public KafkaLogin admin() {
        return admin;
    }

    /** {@code bootstrap.servers} and the admin's SASL settings. */
    public Map<String, Object> adminClientConfig() {
        return admin.clientConfig(bootstrapServers());
    }

    private Map<String, Object> brokerProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + port);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.putAll(BrokerSecurity.properties(CLIENT_LISTENER, CONTROLLER_LISTENER, admin));
        p.put("log.dirs", dataDir.toString());
        // One broker: every internal topic must live with a single replica, or groups and transactions hang.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner's default 128 MiB dedupe buffer is allocated on the heap up front; compaction here is small.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        p.putAll(overrides);
        return p;
    }

    private void formatIfNew() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return; // formatted by an earlier start: keep its data
        }
        try {
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(List.of(KafkaLogin.MECHANISM + "=[name=" + admin.username() + ",password="
                            + admin.password() + "]"))
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.putAll(adminClientConfig());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker at " + bootstrapServers()
                                + " did not become ready within " + timeout.toSeconds() + " s", e);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting for the broker", ie);
                    }
                }
            }
        }
    }

    /** Where and how the broker runs; ports 0 pick free ports (kept across restarts of this instance). */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private KafkaLogin admin;

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * The super user's login (default: user {@code admin} with a new random password). A directory formatted
         * earlier keeps the admin credential it was formatted with: give the same login again (keep it in a file
         * next to the data, see {@link KafkaLogin#loadOrCreate}).
         */
        public Builder admin(KafkaLogin admin) {
            this.admin = admin;
            return this;
        }

        /** Any broker property, e.g. {@code log.retention.ms}. */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafka build() {
            if (dataDir == null) {
                try {
                    dataDir = Files.createTempDirectory("embedded-kafka-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new EmbeddedKafka(this);
        }
    }
}
