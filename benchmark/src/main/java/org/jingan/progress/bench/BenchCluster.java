package org.jingan.progress.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.jingan.progress.cluster.ApicurioRegistry;
import org.jingan.progress.cluster.RegistryAccounts;
import org.jingan.progress.cluster.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker and the registry every phase runs against: by default a real Kafka broker in this JVM and a real
 * Apicurio registry as a child process, both in a temporary directory deleted at the end; or an existing cluster.
 */
public final class BenchCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BenchCluster.class);

    private final String bootstrapServers;
    private final Map<String, String> security;
    private final BenchRegistry registry;
    private final Path workDir;
    private final EmbeddedKafka kafka;
    private final ApicurioRegistry registryProcess;
    private final Admin admin;
    private final Thread cleanup;

    private BenchCluster(String bootstrapServers, Map<String, String> security, BenchRegistry registry, Path workDir,
                         EmbeddedKafka kafka, ApicurioRegistry registryProcess) {
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
        this.registry = registry;
        this.workDir = workDir;
        this.kafka = kafka;
        this.registryProcess = registryProcess;
        this.admin = Admin.create(kafkaConfig());
        // a run stopped with Ctrl-C or SIGTERM leaves no broker data behind in the temp directory
        this.cleanup = new Thread(() -> deleteRecursively(workDir), "benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Starts a broker in this JVM and a registry child process, with their data under a new temporary directory. The
     * broker is secured as the local stack's is (SASL/SCRAM-SHA-512, ACLs); every phase runs as its admin (a super
     * user: the ACL checks still run, each answered by the super-user rule).
     */
    public static BenchCluster startLocal() {
        Path dir = tempDir("progress-benchmark-");
        EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).build().start();
        try {
            ApicurioRegistry registry = ApicurioRegistry.inMemory(0, dir.resolve("registry"),
                    RegistryAccounts.deployerOnly("deployer")).start();
            return new BenchCluster(kafka.bootstrapServers(), kafka.admin().clientProperties(),
                    new BenchRegistry(registry.url(), registry.deployerUserInfo()), dir, kafka, registry);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** Uses a cluster someone else runs (e.g. the test fixture); its topics are left in place. */
    public static BenchCluster external(String bootstrapServers, String registryUrl) {
        return external(bootstrapServers, Map.of(), registryUrl, null);
    }

    /** As {@link #external(String, String)}, with the client security settings of that cluster. */
    public static BenchCluster external(String bootstrapServers, Map<String, String> security, String registryUrl,
                                        String registryUserInfo) {
        return new BenchCluster(bootstrapServers, security, new BenchRegistry(registryUrl, registryUserInfo),
                tempDir("progress-benchmark-"), null, null);
    }

    /** {@code bootstrap.servers} and the security settings: a new mutable map for any client's config. */
    public Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** The client security settings (security.protocol, sasl.*), empty for an unsecured cluster. */
    public Map<String, String> securityProperties() {
        return security;
    }

    /** {@link #securityProperties()} as repeated {@code flag k=v} arguments for a child process or the app's CLI. */
    public List<String> securityArgs(String flag) {
        List<String> args = new java.util.ArrayList<>();
        security.forEach((k, v) -> {
            args.add(flag);
            args.add(k + "=" + v);
        });
        return args;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registry.url();
    }

    /** The registry and the login this run registers its schemas with. */
    BenchRegistry registry() {
        return registry;
    }

    /** A directory for state stores and child-process files, deleted with the cluster. */
    public Path workDir() {
        return workDir;
    }

    public Admin admin() {
        return admin;
    }

    /** Creates topics (replication 1, one broker) unless they exist; waits until they are there. */
    public void createTopics(List<NewTopic> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                awaitLeaders(missing.stream().map(NewTopic::name).toList());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics " + topics.stream().map(NewTopic::name).toList()
                    + " on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** Waits until every partition of the topics has a leader: a producer's first batch then finds it at once. */
    private void awaitLeaders(List<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                boolean ready = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                // created on the controller, not yet known to the broker's metadata: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " have partitions without a leader after 60 s");
            }
            Thread.sleep(50);
        }
    }

    public static NewTopic topic(String name, int partitions, Map<String, String> configs) {
        return new NewTopic(name, partitions, (short) 1).configs(configs);
    }

    @Override
    public void close() {
        admin.close();
        if (registryProcess != null) {
            registryProcess.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        deleteRecursively(workDir);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {} completely: {}", dir, e.getMessage());
        }
    }
}
