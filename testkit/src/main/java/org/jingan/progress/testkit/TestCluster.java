package org.jingan.progress.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.CommonClientConfigs;
import org.jingan.progress.cluster.TopicSetup;
import org.jingan.progress.contract.Topics.TopicSpec;

/**
 * A real Kafka broker plus a real schema registry for integration tests, started once per test JVM.
 *
 * <p>Which cluster backs it is chosen by {@code -Dtestkit.cluster} (or env {@code TESTKIT_CLUSTER}):
 * <ul>
 *   <li>{@code auto} (default): Testcontainers when a Docker engine answers, else the embedded cluster;</li>
 *   <li>{@code embedded}: Kafka's own KRaft server in this JVM and Apicurio Registry as a child process;</li>
 *   <li>{@code containers}: the official {@code apache/kafka} image and the Apicurio registry image;</li>
 *   <li>{@code external}: an already running cluster named by {@code TESTKIT_BOOTSTRAP_SERVERS} and
 *       {@code TESTKIT_SCHEMA_REGISTRY_URL}.</li>
 * </ul>
 * The same tests run on all of them. The embedded broker is secured as the local stack's is (SASL/SCRAM-SHA-512,
 * ACLs, no access without one): {@link #clientConfig()} and {@link #kafkaConfig()} carry the admin's login. Start-up is paid on the first {@link #get()} of the JVM; the cluster stops
 * when the JVM exits.
 */
public abstract class TestCluster {
    private static final AtomicInteger names = new AtomicInteger();
    private static TestCluster shared;

    /** The JVM-wide cluster, started on first use. */
    public static synchronized TestCluster get() {
        if (shared == null) {
            shared = start(chosenKind());
            TestCluster started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-cluster-stop"));
        }
        return shared;
    }

    /** Starts a new cluster of the given kind (most tests want {@link #get()} instead). */
    public static TestCluster start(String kind) {
        TestCluster cluster = switch (kind) {
            case "embedded" -> new EmbeddedCluster();
            case "containers" -> new ContainersCluster();
            case "external" -> new ExternalCluster();
            default -> throw new IllegalArgumentException("Unknown testkit.cluster '" + kind
                    + "': use auto, embedded, containers or external");
        };
        cluster.startServices();
        return cluster;
    }

    static String chosenKind() {
        String kind = Optional.ofNullable(System.getProperty("testkit.cluster"))
                .or(() -> Optional.ofNullable(System.getenv("TESTKIT_CLUSTER")))
                .orElse("auto").toLowerCase(Locale.ROOT);
        if (kind.equals("auto")) {
            return ContainersCluster.dockerAvailable() ? "containers" : "embedded";
        }
        return kind;
    }

    /** Which kind of cluster this is: embedded, containers or external. */
    public abstract String kind();

    public abstract String bootstrapServers();

    /** The Confluent-API base URL of the registry: the value of {@code schema.registry.url}. */
    public abstract String schemaRegistryUrl();

    /**
     * The registry deployer's {@code user:password} (the value of {@code basic.auth.user.info}) where the registry
     * needs a login (the embedded one: only its deployer registers, see {@code RegistryAccounts}), else null.
     */
    public String schemaRegistryUserInfo() {
        return null;
    }

    /**
     * A registry login that may only read ({@code user:password}), as the applications' are, where the registry has
     * such accounts (the embedded one), else null.
     */
    public String schemaRegistryReaderUserInfo() {
        return null;
    }

    /** {@code schema.registry.url} and, where needed, {@code basic.auth.user.info}: for the registry serdes. */
    public Map<String, Object> registryConfig() {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("schema.registry.url", schemaRegistryUrl());
        if (schemaRegistryUserInfo() != null) {
            config.put("basic.auth.user.info", schemaRegistryUserInfo());
        }
        return config;
    }

    /** {@link #registryConfig()} plus {@code extra} (which wins): a mutable copy. */
    public Map<String, Object> registryConfig(Map<String, ?> extra) {
        Map<String, Object> config = registryConfig();
        config.putAll(extra);
        return config;
    }

    /** A request to the registry's {@code path} (after the base URL), with its login where it needs one. */
    public java.net.http.HttpRequest.Builder registryRequest(String path) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(schemaRegistryUrl() + path));
        if (schemaRegistryUserInfo() != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    schemaRegistryUserInfo().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return request;
    }

    /**
     * The registry as command-line arguments: {@code urlFlag <url>} and, where the registry needs a login,
     * {@code --schema-registry-user-info <user:password>}.
     */
    public List<String> registryArgs() {
        List<String> args = new java.util.ArrayList<>(List.of("--schema-registry-url", schemaRegistryUrl()));
        if (schemaRegistryUserInfo() != null) {
            args.addAll(List.of("--schema-registry-user-info", schemaRegistryUserInfo()));
        }
        return args;
    }

    protected abstract void startServices();

    protected abstract void stop();

    /**
     * The admin's client security settings ({@code security.protocol}, {@code sasl.mechanism},
     * {@code sasl.jaas.config}) where the cluster is secured (the embedded one: SASL/SCRAM-SHA-512 with ACLs), else
     * none. For command lines that take them one by one ({@code --kafka-property k=v}, {@code --streams-config k=v}).
     */
    public Map<String, String> securityProperties() {
        return Map.of();
    }

    /**
     * {@link #securityProperties()} plus the registry deployer's {@code basic.auth.user.info} where the registry needs
     * a login: for apps that take both through one set of client properties (the monitor).
     */
    public Map<String, String> loginProperties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>(securityProperties());
        if (schemaRegistryUserInfo() != null) {
            properties.put("basic.auth.user.info", schemaRegistryUserInfo());
        }
        return properties;
    }

    /** The super user's login where the cluster is secured; tests of the ACLs make their principals with it. */
    public Optional<org.jingan.progress.cluster.KafkaLogin> adminLogin() {
        return Optional.empty();
    }

    /** {@link #securityProperties()} as repeated command-line arguments: {@code flag k=v flag k=v ...}. */
    public List<String> securityArgs(String flag) {
        List<String> args = new java.util.ArrayList<>();
        securityProperties().forEach((k, v) -> {
            args.add(flag);
            args.add(k + "=" + v);
        });
        return args;
    }

    /** {@code bootstrap.servers} and the admin's security settings: for admin clients, producers and consumers. */
    public Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new java.util.LinkedHashMap<>(securityProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** {@link #kafkaConfig()} plus {@code extra} (which wins): a mutable copy. */
    public Map<String, Object> kafkaConfig(Map<String, ?> extra) {
        Map<String, Object> config = new java.util.HashMap<>(kafkaConfig());
        config.putAll(extra);
        return config;
    }

    /** Creates the missing topics among {@code specs} (replication 1); existing ones are kept. */
    public void createTopics(Collection<TopicSpec> specs) {
        TopicSetup.createMissing(kafkaConfig(), specs, 1);
    }

    /** Creates one topic named {@code name} with the settings of {@code like}. */
    public TopicSpec createTopicLike(String name, TopicSpec like) {
        TopicSpec spec = new TopicSpec(name, like.partitions(), like.configs());
        createTopics(List.of(spec));
        return spec;
    }

    /** A name no other test of this JVM (or of an earlier run on a shared cluster) uses: for topics, groups, app ids. */
    public String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + names.incrementAndGet();
    }

    /**
     * The common client settings: bootstrap servers, the admin's security settings (on a secured cluster) and the
     * registry's URL and deployer login. Tests of the pipeline's behaviour run as the admin; the ACLs are tested apart, principal by
     * principal.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new java.util.LinkedHashMap<>(kafkaConfig());
        config.putAll(registryConfig());
        return java.util.Collections.unmodifiableMap(config);
    }
}
