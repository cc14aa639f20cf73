package org.jingan.progress.testkit;

import java.time.Duration;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The official {@code apache/kafka} image and the Apicurio registry image, through Testcontainers. */
final class ContainersCluster extends TestCluster {
    /** Pinned images: the same Kafka version the project builds against, the same registry as the embedded path. */
    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.3.1");
    static final DockerImageName REGISTRY_IMAGE = DockerImageName.parse("apicurio/apicurio-registry:3.0.9");

    private Network network;
    private KafkaContainer kafka;
    private GenericContainer<?> registry;

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String kind() {
        return "containers";
    }

    @Override
    protected void startServices() {
        network = Network.newNetwork();
        kafka = new KafkaContainer(KAFKA_IMAGE)
                .withNetwork(network)
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        registry = new GenericContainer<>(REGISTRY_IMAGE)
                .withNetwork(network)
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200))
                .withStartupTimeout(Duration.ofMinutes(2));
        kafka.start();
        registry.start();
    }

    @Override
    protected void stop() {
        if (registry != null) {
            registry.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + "/apis/ccompat/v7";
    }
}
