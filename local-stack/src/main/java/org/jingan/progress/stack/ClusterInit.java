package org.jingan.progress.stack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.CatalogPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.jingan.progress.cluster.AccessPlan;
import org.jingan.progress.cluster.KafkaLogin;
import org.jingan.progress.cluster.TopicSetup;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.kit.options.ClusterOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Prepares a cluster for the pipeline and exits: creates the missing topics with their deliberate settings and
 * seeds an empty targets topic with the shipped catalog (a topic that holds targets is left as it is: revisions made
 * there are the truth; both steps idempotent). With {@code --credentials-dir} on a secured cluster (run with an admin's
 * settings, {@code --kafka-property}) it also creates one principal per role with its ACLs ({@link AccessPlan}),
 * their logins kept in that directory (generated when missing, mode 600, never printed). The {@code init} service of docker-compose.yml runs it; against a
 * production cluster run it once per release.
 */
@Command(name = "cluster-init", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Creates the pipeline's topics and seeds an empty targets topic with the shipped catalog, then exits.")
public final class ClusterInit implements Callable<Integer> {
    /** The environment variables it reads; docker-compose.yml sets them. */
    public static final List<String> ENVIRONMENT = List.of("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL",
            "SCHEMA_REGISTRY_USER_INFO", "TOPIC_REPLICATION_FACTOR");

    /** The cluster, as the admin; the registry as its deployer (the one login that may register schemas). */
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--replication-factor", defaultValue = "${env:TOPIC_REPLICATION_FACTOR:-3}",
            description = "Replicas per topic (env TOPIC_REPLICATION_FACTOR; 1 for a single broker). Default: ${DEFAULT-VALUE}")
    int replicationFactor;

    @Option(names = "--credentials-dir", paramLabel = "DIR",
            description = "Create the pipeline's principals and ACLs (SECURITY.md), their logins kept in DIR/<principal>.properties"
                    + " (created when missing, mode 600); the catalog is then published as the catalog principal.")
    java.nio.file.Path credentialsDir;

    @Option(names = "--wait-seconds", defaultValue = "120",
            description = "How long to wait for the broker to answer. Default: ${DEFAULT-VALUE}")
    int waitSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterInit()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            waitForBroker();
            List<String> created = TopicSetup.createMissing(cluster.kafkaConfig(), Topics.ALL, replicationFactor);
            System.out.println("topics created: " + (created.isEmpty() ? "none (all present)" : String.join(", ", created)));
            Map<String, String> publishAs = cluster.kafkaProperties();
            if (credentialsDir != null) {
                Map<AccessPlan.Role, KafkaLogin> logins = AccessPlan.loginsIn(credentialsDir);
                try (Admin admin = Admin.create(cluster.kafkaConfig())) {
                    // the streams app's application id as it and SchemaRegistration read it (PROGRESS_APPLICATION_ID)
                    String applicationId = System.getenv("PROGRESS_APPLICATION_ID");
                    AccessPlan.Names names = applicationId == null || applicationId.isBlank() ? AccessPlan.Names.DEFAULTS
                            : new AccessPlan.Names(applicationId, AccessPlan.Names.DEFAULTS.monitorGroupId(),
                                    AccessPlan.Names.DEFAULTS.readerGroupPrefix());
                    new AccessPlan(names).apply(admin, logins);
                }
                System.out.println("principals and ACLs: " + logins.size() + " principals, logins in " + credentialsDir);
                publishAs = logins.get(AccessPlan.Role.CATALOG).clientProperties();
            }
            Map<String, Object> client = new LinkedHashMap<>(publishAs);
            client.put("bootstrap.servers", cluster.bootstrapServers());
            client.putAll(cluster.registryConfig());
            System.out.println("schemas: " + SchemaRegistration.forDeployment().registerAllAndSummarize(client));
            // the shipped file seeds an empty topic only: once there, the topic is the truth (revisions included)
            CatalogPublisher.Seeding seeding = new CatalogPublisher(client, Topics.TARGETS.name(), Duration.ofSeconds(60))
                    .seed(Catalog.loadDefault());
            System.out.println("catalog: " + seeding.summary());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("cluster-init: " + Errors.oneLine(e));
            return 1;
        }
    }

    /** Brokers in a compose file come up a little after they report healthy to some clients: retry a while. */
    private void waitForBroker() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        while (true) {
            try {
                ExternalCluster.requireBroker(cluster.kafkaConfig());
                return;
            } catch (StackException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("waiting for Kafka at " + cluster.bootstrapServers() + " ...");
                Thread.sleep(2_000);
            }
        }
    }
}
