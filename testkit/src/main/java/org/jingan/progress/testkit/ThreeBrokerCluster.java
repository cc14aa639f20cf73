package org.jingan.progress.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.jingan.progress.cluster.ApicurioRegistry;
import org.jingan.progress.cluster.BrokerSecurity;
import org.jingan.progress.cluster.KafkaLogin;
import org.jingan.progress.cluster.TopicSetup;
import org.jingan.progress.contract.Topics.TopicSpec;

/**
 * Three Kafka brokers and one KRaft controller in this JVM ({@link KafkaClusterTestKit}), plus the Apicurio
 * registry as a child process (the same in-memory registry as the embedded {@link TestCluster}: it keeps its schemas
 * in memory and does not depend on Kafka). For tests of replication and broker failures; most tests want
 * {@link TestCluster#get()}.
 *
 * <p>Replication as in production: {@value #REPLICATION_FACTOR} replicas and {@code min.insync.replicas}
 * {@value #MIN_IN_SYNC_REPLICAS} for every topic, the broker's internal ones (offsets, transactions, share state)
 * included, so a write acknowledged with {@code acks=all} is on at least two brokers and one broker may be down.
 * The controller is a node of its own: stopping a broker never touches the metadata quorum.
 *
 * <p>{@link #stopBroker(int)} stops a broker <em>without</em> a controlled shutdown ({@code
 * controlled.shutdown.enable=false}): it does not hand its leaderships over, the controller learns of its death
 * only when its session expires ({@code broker.session.timeout.ms}, {@value #BROKER_SESSION_TIMEOUT_MS} ms),
 * then fences it, moves its leaderships and shrinks the in-sync replica sets, as after a crash.
 * {@link #startBroker(int)} brings it back on the same port with its data.
 *
 * <p>Secured as the embedded broker ({@code EmbeddedKafka}, SECURITY.md): the brokers' listener is {@code
 * SASL_PLAINTEXT} with SCRAM-SHA-512 only, the {@code StandardAuthorizer} runs on every node with {@code
 * allow.everyone.if.no.acl.found=false}, and {@code User:admin} (a random password per cluster) is the one super user.
 * The admin's SCRAM credential is in the cluster's bootstrap metadata, as {@link Formatter#setScramArguments} would
 * write it at format time: the kit's {@link KafkaClusterTestKit#format()} takes no SCRAM arguments, and its controller
 * starts from {@link TestKitNodes#bootstrapMetadata()} (not from what the formatter wrote to disk), so the credential
 * record goes there ({@link TestKitNodes.Builder#Builder(BootstrapMetadata)}). The brokers replicate between themselves as the
 * admin over SCRAM; the controller listener is {@code SASL_PLAINTEXT} with PLAIN against a static user list holding the
 * admin alone (SCRAM credentials live in the metadata the controller serves). The kit's own SASL set-up ({@link
 * TestKitNodes.Builder#setBrokerSecurityProtocol}) is not used: it brings PLAIN with fixed test users
 * ({@code plain-admin}) and installs a JAAS file for the whole JVM; the listeners' security protocols are set here, in
 * {@link #brokerProperties}, and the kit keeps them (it sets its own only where none is given).
 * {@link #clientSecurity()} holds the admin's client settings.
 */
public final class ThreeBrokerCluster implements AutoCloseable {
    public static final int BROKERS = 3;
    public static final int REPLICATION_FACTOR = 3;
    public static final int MIN_IN_SYNC_REPLICAS = 2;
    public static final int BROKER_SESSION_TIMEOUT_MS = 9_000;

    /** As {@code kafka-storage format --add-scram} without {@code iterations=}. */
    private static final int SCRAM_ITERATIONS = 4096;

    private static final AtomicInteger names = new AtomicInteger();

    private final KafkaClusterTestKit kit;
    private final ApicurioRegistry registry;
    private final KafkaLogin admin;
    private final Set<Integer> stopped = new TreeSet<>();

    private ThreeBrokerCluster(KafkaClusterTestKit kit, ApicurioRegistry registry, KafkaLogin admin) {
        this.kit = kit;
        this.registry = registry;
        this.admin = admin;
    }

    /** Starts the three brokers, the controller and the registry; returns when all brokers are ready. */
    public static ThreeBrokerCluster start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("three-brokers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApicurioRegistry registry = ApicurioRegistry.inMemory(0, dir.resolve("registry"),
                org.jingan.progress.cluster.RegistryAccounts.deployerOnly("deployer"));
        Thread registryStart = new Thread(registry::start, "registry-start");
        registryStart.start(); // the registry (a separate JVM) boots while the brokers start here
        KafkaClusterTestKit kit = null;
        try {
            KafkaLogin admin = KafkaLogin.generate("admin");
            BootstrapMetadata kits = nodes(new TestKitNodes.Builder(), dir).bootstrapMetadata();
            TestKitNodes nodes = nodes(new TestKitNodes.Builder(withAdminCredential(kits, admin)), dir);
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            brokerProperties(nodes.brokerListenerName().value(), nodes.controllerListenerName().value(), admin)
                    .forEach(builder::setConfigProp);
            kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            registryStart.join();
            registry.start(); // no-op when already up; rethrows a start failure on this thread
            return new ThreeBrokerCluster(kit, registry, admin);
        } catch (Exception e) {
            registry.stop();
            if (kit != null) {
                try {
                    kit.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Cannot start the three-broker cluster: " + e.getMessage(), e);
        }
    }

    private static TestKitNodes nodes(TestKitNodes.Builder builder, Path dir) {
        return builder.setCombined(false)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(BROKERS)
                .setBaseDirectory(dir.resolve("kafka"))
                .build();
    }

    /**
     * The kit's bootstrap metadata (its metadata version and features) plus the admin's SCRAM-SHA-512 credential, as
     * {@code kafka-storage format --add-scram} would write it ({@link Formatter#setScramArguments}).
     */
    private static BootstrapMetadata withAdminCredential(BootstrapMetadata kits, KafkaLogin admin) {
        ScramMechanism mechanism = ScramMechanism.forMechanismName(KafkaLogin.MECHANISM);
        ScramCredential credential;
        try {
            credential = new ScramFormatter(mechanism).generateCredential(admin.password(), SCRAM_ITERATIONS);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        UserScramCredentialRecord record = new UserScramCredentialRecord()
                .setName(admin.username())
                .setMechanism(mechanism.type())
                .setSalt(credential.salt())
                .setStoredKey(credential.storedKey())
                .setServerKey(credential.serverKey())
                .setIterations(credential.iterations());
        List<ApiMessageAndVersion> records = new ArrayList<>(kits.records());
        records.add(new ApiMessageAndVersion(record, (short) 0));
        return BootstrapMetadata.fromRecords(records, kits.source() + " with the admin's SCRAM credential");
    }

    /**
     * The settings of every node: security as the embedded broker's (see the class comment), replication 3 / min ISR 2
     * everywhere, crash-like stops, small test footprint.
     */
    static Map<String, Object> brokerProperties(String brokerListener, String controllerListener, KafkaLogin admin) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.putAll(BrokerSecurity.properties(brokerListener, controllerListener, admin));
        p.put("default.replication.factor", String.valueOf(REPLICATION_FACTOR));
        p.put("min.insync.replicas", String.valueOf(MIN_IN_SYNC_REPLICAS));
        p.put("offsets.topic.replication.factor", String.valueOf(REPLICATION_FACTOR));
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", String.valueOf(REPLICATION_FACTOR));
        p.put("transaction.state.log.min.isr", String.valueOf(MIN_IN_SYNC_REPLICAS));
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", String.valueOf(REPLICATION_FACTOR));
        p.put("share.coordinator.state.topic.min.isr", String.valueOf(MIN_IN_SYNC_REPLICAS));
        p.put("unclean.leader.election.enable", "false");
        p.put("num.partitions", "6");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // a stopped broker vanishes as in a crash: no controlled shutdown, the controller fences it when its
        // session expires (Kafka's default 9 s, stated here because the failover figures depend on it)
        p.put("controlled.shutdown.enable", "false");
        p.put("broker.session.timeout.ms", String.valueOf(BROKER_SESSION_TIMEOUT_MS));
        // the cleaner's default 128 MiB dedupe buffer is allocated on the heap up front, once per broker
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        return p;
    }

    /** The bootstrap servers of all three brokers. */
    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** The Confluent-API base URL of the registry: the value of {@code schema.registry.url}. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** The registry deployer's {@code user:password}: the value of {@code basic.auth.user.info}. */
    public String schemaRegistryUserInfo() {
        return registry.deployerUserInfo();
    }

    /**
     * The clients' security settings: the super user's {@code security.protocol}, {@code sasl.mechanism} and {@code
     * sasl.jaas.config}. Every client of a test takes them, through {@link #clientConfig()} or {@link #kafkaConfig()}.
     */
    public Map<String, Object> clientSecurity() {
        return Map.copyOf(admin.clientProperties());
    }

    /** The super user's login ({@code User:admin}): to create principals and ACLs for a test with roles. */
    public KafkaLogin admin() {
        return admin;
    }

    /** Bootstrap servers and the security settings: for Kafka clients and admin. */
    public Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new HashMap<>(clientSecurity());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Map.copyOf(config);
    }

    /** {@link #kafkaConfig()} plus the registry URL: for clients with the registry serdes. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig());
        config.put("schema.registry.url", schemaRegistryUrl());
        config.put("basic.auth.user.info", schemaRegistryUserInfo());
        return Map.copyOf(config);
    }

    /** Creates the missing topics among {@code specs} with replication 3 and min.insync.replicas 2. */
    public void createTopics(Collection<TopicSpec> specs) {
        TopicSetup.createMissing(kafkaConfig(), specs, REPLICATION_FACTOR);
    }

    /** Creates one topic named {@code name} with the settings of {@code like}, replication 3, min ISR 2. */
    public TopicSpec createTopicLike(String name, TopicSpec like) {
        TopicSpec spec = new TopicSpec(name, like.partitions(), like.configs());
        createTopics(List.of(spec));
        return spec;
    }

    /** A name no other test of this JVM uses: for topics, groups, app ids. */
    public String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + names.incrementAndGet();
    }

    /** The broker ids, ascending. */
    public List<Integer> brokerIds() {
        return new ArrayList<>(new TreeSet<>(kit.brokers().keySet()));
    }

    /** The brokers stopped by {@link #stopBroker(int)} and not started again. */
    public synchronized Set<Integer> stoppedBrokers() {
        return Set.copyOf(stopped);
    }

    /**
     * Stops broker {@code id} as in a crash (no controlled shutdown). Refused while another broker is down: with
     * min.insync.replicas 2 of 3, two brokers down stop every write.
     */
    public synchronized void stopBroker(int id) {
        BrokerServer broker = broker(id);
        if (!stopped.isEmpty()) {
            throw new IllegalStateException("broker " + stopped + " is down already: stopping " + id
                    + " too would leave partitions below min.insync.replicas");
        }
        broker.shutdown();
        broker.awaitShutdown();
        stopped.add(id);
    }

    /** Starts broker {@code id} again, on its old port with its data; it catches up and rejoins the ISRs. */
    public synchronized void startBroker(int id) {
        if (!stopped.contains(id)) {
            throw new IllegalStateException("broker " + id + " is not stopped");
        }
        broker(id).startup();
        stopped.remove(id);
    }

    private BrokerServer broker(int id) {
        BrokerServer broker = kit.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + id + " in " + brokerIds());
        }
        return broker;
    }

    /**
     * Partitions (of every topic, internal ones included) whose in-sync replicas are fewer than their replicas,
     * as {@code topic-partition isr/replicas}; empty when the cluster is fully replicated. Throws when the
     * cluster does not answer within 5 s.
     */
    public List<String> underReplicatedPartitions() {
        Map<String, Object> config = new HashMap<>(kafkaConfig());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(5, TimeUnit.SECONDS);
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(5, TimeUnit.SECONDS);
            List<String> under = new ArrayList<>();
            described.values().forEach(d -> {
                for (TopicPartitionInfo p : d.partitions()) {
                    if (p.isr().size() < p.replicas().size()) {
                        under.add(d.name() + "-" + p.partition() + " " + p.isr().size() + "/" + p.replicas().size());
                    }
                }
            });
            return under;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot describe the topics: " + e.getMessage(), e);
        }
    }

    /** The replication factor and min.insync.replicas of {@code topic}, as the cluster sees it. */
    public Replication replicationOf(String topic) {
        try (Admin admin = Admin.create(kafkaConfig())) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic);
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
            String minIsr = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource)
                    .get("min.insync.replicas").value();
            int replicas = d.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            return new Replication(replicas, Integer.parseInt(minIsr));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot describe " + topic + ": " + e.getMessage(), e);
        }
    }

    /** A topic's replicas (the fewest of any partition) and its effective min.insync.replicas. */
    public record Replication(int replicationFactor, int minInSyncReplicas) {
    }

    /** How long to wait for things that follow a broker's death: its session timeout, with room. */
    public static Duration failoverBound() {
        return Duration.ofMillis(BROKER_SESSION_TIMEOUT_MS * 4L);
    }

    @Override
    public void close() {
        registry.stop();
        try {
            kit.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Cannot stop the three-broker cluster: " + e.getMessage(), e);
        }
    }
}
