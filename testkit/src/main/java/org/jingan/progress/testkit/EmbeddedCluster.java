package org.jingan.progress.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jingan.progress.cluster.ApicurioRegistry;
import org.jingan.progress.cluster.EmbeddedKafka;
import org.jingan.progress.cluster.KafkaLogin;
import org.jingan.progress.cluster.RegistryAccounts;

/** Kafka's own KRaft server in this JVM and Apicurio Registry as a child process: no Docker needed. */
final class EmbeddedCluster extends TestCluster {
    private EmbeddedKafka kafka;
    private ApicurioRegistry registry;
    private final KafkaLogin reader = KafkaLogin.generate("app");

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    protected void startServices() {
        try {
            Path dir = Files.createTempDirectory("testkit-");
            dir.toFile().deleteOnExit();
            registry = ApicurioRegistry.inMemory(0, dir.resolve("registry"), RegistryAccounts.of(
                    KafkaLogin.generate("deployer"), java.util.List.of(reader)));
            // The registry (a separate JVM) boots while the broker starts here.
            Thread registryStart = new Thread(registry::start, "registry-start");
            registryStart.start();
            kafka = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).build().start();
            registryStart.join();
            registry.start(); // no-op when already up; rethrows a start failure on this thread
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void stop() {
        if (registry != null) {
            registry.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Override
    public java.util.Map<String, String> securityProperties() {
        return kafka.admin().clientProperties();
    }

    @Override
    public java.util.Optional<org.jingan.progress.cluster.KafkaLogin> adminLogin() {
        return java.util.Optional.of(kafka.admin());
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public String schemaRegistryUserInfo() {
        return registry.deployerUserInfo();
    }

    @Override
    public String schemaRegistryReaderUserInfo() {
        return reader.registryUserInfo();
    }
}
