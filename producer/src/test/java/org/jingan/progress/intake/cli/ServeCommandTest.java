package org.jingan.progress.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code intake serve} takes the cluster as every program does (ClusterOptions) and hands it to IntakeConfig. */
class ServeCommandTest {

    private static Map<String, String> settingsFrom(Map<String, String> before, String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        Map<String, String> settings = new HashMap<>(before);
        serve.clusterSettings(settings);
        return settings;
    }

    @Test
    void shouldGiveTheIntakeTheClusterOptionsGivenAndTheLoginsOfACredentialsFile(@TempDir Path dir) throws Exception {
        Path intakeLogin = Files.writeString(dir.resolve("intake.properties"), """
                security.protocol=SASL_PLAINTEXT
                sasl.jaas.config=secret-line
                basic.auth.user.info=intake:pw
                """);

        Map<String, String> settings = settingsFrom(Map.of(), "--bootstrap-servers", "b:9092",
                "--schema-registry-url", "http://r:8085/apis/ccompat/v7", "--kafka-config", intakeLogin.toString());

        assertThat(settings).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "b:9092")
                .containsEntry("SCHEMA_REGISTRY_URL", "http://r:8085/apis/ccompat/v7")
                .containsEntry("INTAKE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("INTAKE_KAFKA_SASL_JAAS_CONFIG", "secret-line")
                .containsEntry("SCHEMA_REGISTRY_USER_INFO", "intake:pw")
                .doesNotContainKey("INTAKE_KAFKA_BASIC_AUTH_USER_INFO");
    }

    @Test
    void shouldNotLetTheOptionGroupsDefaultsOverrideTheConfigFile() {
        Map<String, String> fromConfigFile = Map.of("KAFKA_BOOTSTRAP_SERVERS", "from-config:9092",
                "SCHEMA_REGISTRY_URL", "http://from-config:8081");

        assertThat(settingsFrom(fromConfigFile)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "from-config:9092")
                .containsEntry("SCHEMA_REGISTRY_URL", "http://from-config:8081");
    }
}
