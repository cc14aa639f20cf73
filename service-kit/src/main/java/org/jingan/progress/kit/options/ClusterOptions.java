package org.jingan.progress.kit.options;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.Option;

/**
 * Where the cluster is and how to log in to it: the options every program of the pipeline takes the same way (a
 * picocli mixin: {@code @Mixin ClusterOptions cluster}). Kafka's settings come from a file (a role's credentials file
 * of the local stack, or any client properties file), then {@code --kafka-property} (which wins), then
 * {@code --bootstrap-servers}; the registry's login from {@code --schema-registry-user-info}, else from
 * {@code basic.auth.user.info} in those settings, so one credentials file gives both logins.
 */
public final class ClusterOptions {
    /** The local stack's broker and registry: what a program talks to when told nothing else. */
    public static final String LOCAL_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String LOCAL_SCHEMA_REGISTRY_URL = "http://127.0.0.1:8085/apis/ccompat/v7";
    static final String USER_INFO = "basic.auth.user.info";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-" + LOCAL_BOOTSTRAP_SERVERS + "}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:KAFKA_CONFIG_FILE}",
            description = "A file of Kafka client settings (security.protocol, sasl.*, ssl.*, and basic.auth.user.info"
                    + " for the registry), e.g. the local stack's <data>/credentials/<role>.properties (env KAFKA_CONFIG_FILE)."
                    + " Prefer it to --kafka-property for secrets: a flag shows in the process list.")
    Path kafkaConfigFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting (security.protocol, sasl.mechanism, sasl.jaas.config, ...; config"
                    + " providers such as ${file:...} are resolved by the clients); repeatable; wins over --kafka-config.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:SCHEMA_REGISTRY_URL:-" + LOCAL_SCHEMA_REGISTRY_URL + "}",
            description = "Confluent-API schema registry URL (env SCHEMA_REGISTRY_URL). Default: ${DEFAULT-VALUE}")
    String schemaRegistryUrl;

    @Option(names = "--schema-registry-user-info", paramLabel = "USER:PASSWORD",
            defaultValue = "${env:SCHEMA_REGISTRY_USER_INFO}",
            description = "The registry's login, if it needs one (env SCHEMA_REGISTRY_USER_INFO). Default: "
                    + USER_INFO + " from the Kafka settings, if there")
    String schemaRegistryUserInfo;

    @Option(names = "--schema-registry-auto-register", defaultValue = "${env:SCHEMA_REGISTRY_AUTO_REGISTER:-false}",
            description = "Register schemas on first use, for development (env SCHEMA_REGISTRY_AUTO_REGISTER). Off by"
                    + " default: the deploy step (ClusterInit) registers every subject; an in-JVM mem:// registry"
                    + " always registers. Default: ${DEFAULT-VALUE}")
    boolean schemaRegistryAutoRegister;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** Whether writers register their schemas: asked for, or an in-JVM registry that has no deploy step. */
    public boolean autoRegister() {
        return schemaRegistryAutoRegister || schemaRegistryUrl.startsWith("mem://");
    }

    /**
     * The Kafka client settings given ({@code --kafka-config}, then {@code --kafka-property}), without
     * {@code bootstrap.servers} and without the registry's login: for options that pass them on one by one.
     */
    public Map<String, String> kafkaProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (kafkaConfigFile != null) {
            load(kafkaConfigFile).forEach((k, v) -> properties.put((String) k, (String) v));
        }
        properties.putAll(kafkaProperties);
        properties.remove(USER_INFO);
        return properties;
    }

    /** {@code bootstrap.servers} and {@link #kafkaProperties()}: for admin clients, producers and consumers. */
    public Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new LinkedHashMap<>(kafkaProperties());
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /** The registry's login: {@code --schema-registry-user-info}, else the one in the Kafka settings, else null. */
    public String schemaRegistryUserInfo() {
        if (schemaRegistryUserInfo != null && !schemaRegistryUserInfo.isBlank()) {
            return schemaRegistryUserInfo;
        }
        String fromSettings = kafkaProperties.get(USER_INFO);
        if (fromSettings == null && kafkaConfigFile != null) {
            fromSettings = load(kafkaConfigFile).getProperty(USER_INFO);
        }
        return fromSettings == null || fromSettings.isBlank() ? null : fromSettings;
    }

    /** {@code schema.registry.url}, its login if any and {@code auto.register.schemas}: for the serdes. */
    public Map<String, Object> registryConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schema.registry.url", schemaRegistryUrl);
        String userInfo = schemaRegistryUserInfo();
        if (userInfo != null) {
            config.put(USER_INFO, userInfo);
        }
        config.put("auto.register.schemas", autoRegister());
        return config;
    }

    /** {@link #kafkaConfig()} and {@link #registryConfig()} in one map: for clients with registry serdes. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = kafkaConfig();
        config.putAll(registryConfig());
        return config;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka settings in " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
