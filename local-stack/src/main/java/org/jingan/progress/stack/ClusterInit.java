package org.jingan.progress.stack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.cluster.TopicSetup;
import org.jingan.progress.contract.Topics;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prepares a cluster for the pipeline and exits: creates the missing topics with their deliberate settings and
 * publishes the catalog (both idempotent). The {@code init} service of docker-compose.yml runs it; against a
 * production cluster run it once per release.
 */
@Command(name = "cluster-init", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Creates the pipeline's topics and publishes the target catalog on a cluster, then exits.")
public final class ClusterInit implements Callable<Integer> {
    /** The environment variables it reads; docker-compose.yml sets them. */
    public static final List<String> ENVIRONMENT = List.of("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL",
            "SCHEMA_REGISTRY_BASIC_AUTH", "TOPIC_REPLICATION_FACTOR");

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:SCHEMA_REGISTRY_URL}", required = true,
            description = "Confluent-API schema registry URL (env SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    @Option(names = "--schema-registry-user-info", defaultValue = "${env:SCHEMA_REGISTRY_BASIC_AUTH}",
            paramLabel = "USER:PASSWORD", description = "Registry basic-auth credentials (env SCHEMA_REGISTRY_BASIC_AUTH).")
    String registryUserInfo;

    @Option(names = "--replication-factor", defaultValue = "${env:TOPIC_REPLICATION_FACTOR:-3}",
            description = "Replicas per topic (env TOPIC_REPLICATION_FACTOR; 1 for a single broker). Default: ${DEFAULT-VALUE}")
    int replicationFactor;

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
            List<String> created = TopicSetup.createMissing(bootstrapServers, Topics.ALL, replicationFactor);
            System.out.println("topics created: " + (created.isEmpty() ? "none (all present)" : String.join(", ", created)));
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("bootstrap.servers", bootstrapServers);
            client.put("schema.registry.url", schemaRegistryUrl);
            if (registryUserInfo != null && !registryUserInfo.isBlank()) {
                client.put("basic.auth.user.info", registryUserInfo);
            }
            System.out.println("schemas: " + SchemaRegistration.forDeployment().registerAllAndSummarize(client));
            CatalogPublisher.Result result = new CatalogPublisher(client, Topics.TARGETS.name(), Duration.ofSeconds(60))
                    .publish(Catalog.loadDefault());
            System.out.println("catalog: " + result.summary());
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
                ExternalCluster.requireBroker(Map.of("bootstrap.servers", bootstrapServers));
                return;
            } catch (StackException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("waiting for Kafka at " + bootstrapServers + " ...");
                Thread.sleep(2_000);
            }
        }
    }
}
