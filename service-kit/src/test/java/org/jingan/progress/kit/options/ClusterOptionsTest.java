package org.jingan.progress.kit.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ClusterOptionsTest {

    @Command(name = "program")
    static final class Program {
        @Mixin
        ClusterOptions cluster;
    }

    private static ClusterOptions parse(String... args) {
        Program program = new Program();
        new CommandLine(program).parseArgs(args);
        return program.cluster;
    }

    @Test
    void shouldTalkToTheLocalStackWhenToldNothing() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null
                && System.getenv("SCHEMA_REGISTRY_URL") == null, "the environment names a cluster");
        ClusterOptions cluster = parse();

        assertThat(cluster.kafkaConfig()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
        assertThat(cluster.registryConfig()).containsEntry("schema.registry.url", "http://127.0.0.1:8085/apis/ccompat/v7")
                .containsEntry("auto.register.schemas", false).doesNotContainKey("basic.auth.user.info");
    }

    @Test
    void shouldTakeBothLoginsFromOneCredentialsFileWithFlagsWinning(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("clock.properties"), """
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=from-the-file
                basic.auth.user.info=clock:secret
                """);

        ClusterOptions cluster = parse("--bootstrap-servers", "b:9092", "--kafka-config", file.toString(),
                "--kafka-property", "sasl.jaas.config=from-the-flag");

        assertThat(cluster.kafkaConfig()).containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.jaas.config", "from-the-flag")
                .as("the registry's login is not a Kafka setting").doesNotContainKey("basic.auth.user.info");
        assertThat(cluster.registryConfig()).containsEntry("basic.auth.user.info", "clock:secret");
        assertThat(parse("--kafka-config", file.toString(), "--schema-registry-user-info", "other:pw").registryConfig())
                .containsEntry("basic.auth.user.info", "other:pw");
        assertThat(cluster.clientConfig()).containsKeys("bootstrap.servers", "sasl.jaas.config", "schema.registry.url",
                "basic.auth.user.info", "auto.register.schemas");
    }

    @Test
    void shouldAlwaysRegisterOnAnInJvmRegistryAndOnRequestElsewhere() {
        assertThat(parse("--schema-registry-url", "mem://test").autoRegister()).isTrue();
        assertThat(parse("--schema-registry-url", "http://r:8081").autoRegister()).isFalse();
        assertThat(parse("--schema-registry-url", "http://r:8081", "--schema-registry-auto-register").autoRegister()).isTrue();
    }

    @Test
    void shouldSayWhichFileItCannotRead(@TempDir Path dir) {
        ClusterOptions cluster = parse("--kafka-config", dir.resolve("missing.properties").toString());

        org.assertj.core.api.Assertions.assertThatThrownBy(cluster::kafkaConfig)
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("missing.properties");
    }
}
