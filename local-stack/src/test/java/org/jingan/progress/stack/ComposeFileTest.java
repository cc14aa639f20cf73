package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of docker-compose.yml without Docker: it is valid Compose, every image is built here or pinned,
 * the app images run classes that exist, and the settings given to each app are the ones it reads.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final JsonNode COMPOSE = readYaml(ROOT.resolve("docker-compose.yml"));
    private static final JsonNode SERVICES = COMPOSE.path("services");
    private static final Pattern PINNED_TAG = Pattern.compile("[a-z0-9./-]+:\\d+(\\.\\d+)+[\\w.-]*");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(\\.\\d+)?(ns|us|ms|s|m|h))+");
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final String BOOTSTRAP = "kafka-1:19092,kafka-2:19092,kafka-3:19092";
    private static final String SCRAM = "SCRAM-SHA-512";

    @Test
    void shouldBeValidAgainstTheComposeSpecification() throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(false) // Compose durations are Go durations (5s), checked below
                .build();
        // The schema still carries draft-04 style "id" annotations, which the 2019-09 validator must not interpret.
        JsonMetaSchema draft201909 = JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                .keyword(new NonValidationKeyword("id")).build();
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909))
                .metaSchema(draft201909).build();
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/compose/compose-spec.json")) {
            schema = factory.getSchema(in, config);
        }

        Set<ValidationMessage> problems = schema.validate(COMPOSE);
        JsonNode misspelt = COMPOSE.deepCopy();
        ((ObjectNode) misspelt.path("services").path("intake")).put("healthchek", "curl");
        ((ObjectNode) misspelt.path("services").path("init").path("depends_on").path("kafka-1")).put("condition", "healthy");

        assertThat(problems).as("docker-compose.yml against the Compose Specification").isEmpty();
        assertThat(schema.validate(misspelt)).extracting(ValidationMessage::getMessage)
                .as("the schema catches a misspelt key and a wrong condition")
                .anyMatch(m -> m.contains("'healthchek' is not defined"))
                .anyMatch(m -> m.contains("/services/init/depends_on/kafka-1/condition"));
        SERVICES.forEach(service -> service.path("healthcheck").properties().forEach(e -> {
            if (List.of("interval", "timeout", "start_period").contains(e.getKey())) {
                assertThat(e.getValue().asText()).matches(GO_DURATION);
            }
        }));
    }

    @Test
    void shouldUseOnlyImagesBuiltHereOrPinnedOfficialOnes() {
        Map<String, String> builtImages = new HashMap<>();
        services().forEach((name, service) -> {
            if (service.has("build")) {
                Path dockerfile = ROOT.resolve(service.path("build").path("context").asText(".")).normalize()
                        .resolve(service.path("build").path("dockerfile").asText("Dockerfile"));
                assertThat(dockerfile).as("Dockerfile of %s", name).exists();
                builtImages.put(service.path("image").asText(), name);
            }
        });
        services().forEach((name, service) -> {
            String image = service.path("image").asText();
            assertThat(image).as("image of %s", name).isNotBlank();
            if (!builtImages.containsKey(image)) {
                assertThat(image).as("image of %s: pinned to a version, never latest", name).matches(PINNED_TAG)
                        .doesNotContain("latest");
            }
        });
        for (String broker : BROKERS) {
            assertThat(SERVICES.path(broker).path("image").asText())
                    .as("the broker image runs the Kafka version the project builds against")
                    .isEqualTo("apache/kafka:" + rootPomProperty("kafka.version"));
        }
        for (Path dockerfile : dockerfiles()) {
            for (String from : lines(dockerfile, "FROM ")) {
                assertThat(from.split("\\s+")[1]).as("base image in %s", dockerfile).matches(PINNED_TAG);
            }
        }
    }

    @Test
    void shouldRunClassesThatExistInTheModuleEachDockerfileBuilds() {
        for (Path dockerfile : dockerfiles()) {
            String text = read(dockerfile);
            Matcher module = Pattern.compile("-pl (\\S+) -am install").matcher(text);
            assertThat(module.find()).as("%s builds one module", dockerfile).isTrue();
            Matcher main = Pattern.compile("ENTRYPOINT \\[.*\"([a-z][\\w.]*\\.[A-Z]\\w*)\"\\]").matcher(text);
            assertThat(main.find()).as("%s runs a main class", dockerfile).isTrue();
            Path source = ROOT.resolve(module.group(1)).resolve("src/main/java")
                    .resolve(main.group(1).replace('.', '/') + ".java");
            assertThat(source).as("main class of %s", dockerfile).exists();
            assertThat(read(source)).contains("public static void main(");
        }
    }

    @Test
    void shouldGiveEachAppOnlySettingsItReadsAndEveryOneItNeeds() {
        services().forEach((name, service) -> {
            Optional<String> module = moduleOf(service);
            if (module.isEmpty()) {
                return; // not built here: kafka and the registry are configured by their images' own variables
            }
            String sources = mainSources(module.get());
            Map<String, String> env = environment(service);
            for (String variable : env.keySet()) {
                // INTAKE_KAFKA_<SETTING>: any Kafka client setting, read by its prefix
                String read = variable.startsWith("INTAKE_KAFKA_") ? "INTAKE_KAFKA_" : variable;
                assertThat(Pattern.compile("\\b" + read + "\\b").matcher(sources).find())
                        .as("%s is given %s: the sources of module %s must read it", name, variable, module.get())
                        .isTrue();
            }
            assertThat(env).as("%s connects to the cluster", name)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP)
                    .containsEntry("SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
        });
        for (String broker : BROKERS) {
            assertThat(environment(SERVICES.path(broker)).get("KAFKA_ADVERTISED_LISTENERS")).contains("INTERNAL://" + broker + ":19092");
        }
        assertThat(environment(SERVICES.path("schema-registry")).get("SCHEMA_REGISTRY_LISTENERS")).endsWith(":8081");
        // the departments' keys: random per deployment (make-secrets), as a secret, never the public demo file
        assertThat(environment(SERVICES.path("intake"))).containsEntry("INTAKE_CREDENTIALS_FILE", "/run/secrets/intake-credentials");
        assertThat(secretsOf(SERVICES.path("intake"))).contains("intake-credentials");
        assertThat(read(ROOT.resolve("docker-compose.yml"))).doesNotContain("demo-credentials.properties");
        assertThat(read(ROOT.resolve("docker/secrets/make-secrets"))).as("make-secrets makes the keys and their hashes")
                .contains("secrets/intake-department-keys", "secrets/intake-credentials", "sha256sum");
    }

    @Test
    void shouldServeEachAppOnThePortItListensOnReachableFromOtherContainers() {
        Set<String> hostPorts = new HashSet<>();
        services().forEach((name, service) -> {
            List<String[]> mappings = new ArrayList<>();
            service.path("ports").forEach(p -> mappings.add(p.asText().split(":")));
            mappings.forEach(m -> assertThat(hostPorts.add(m[0])).as("host port %s used twice", m[0]).isTrue());
            Map<String, String> env = environment(service);
            env.forEach((key, value) -> {
                if (key.endsWith("_HTTP_PORT")) {
                    assertThat(mappings).as("%s publishes its port %s", name, value)
                            .anyMatch(m -> m[1].equals(value));
                    // health on the management port where the app has one, else on its HTTP port
                    String healthPort = env.entrySet().stream().filter(e -> e.getKey().endsWith("_MANAGEMENT_PORT"))
                            .map(Map.Entry::getValue).findFirst().orElse(value);
                    assertThat(service.path("healthcheck").path("test").toString()).as("%s health check port", name)
                            .contains("/" + healthPort);
                    moduleOf(service).ifPresent(module -> assertThat(dockerfile(service)).content()
                            .contains("EXPOSE " + value));
                }
                if (key.endsWith("_MANAGEMENT_PORT")) {
                    // metrics and health on the container's loopback: its health check reaches them, nobody outside
                    assertThat(mappings).as("%s keeps its management port %s unpublished", name, value)
                            .noneMatch(m -> m[1].equals(value));
                    assertThat(env.getOrDefault(key.replace("_PORT", "_BIND"), "127.0.0.1")).isEqualTo("127.0.0.1");
                    assertThat(service.path("healthcheck").path("test").toString())
                            .contains("/dev/tcp/127.0.0.1/" + value).contains("/health/ready");
                }
                if (key.endsWith("_HTTP_HOST") || key.endsWith("_HTTP_BIND")) {
                    assertThat(value).as("%s listens on every interface of its container", name).isEqualTo("0.0.0.0");
                }
            });
        });
    }

    @Test
    void shouldStartInOrderWithHealthChecksAndThreeBrokerSettings() {
        services().forEach((name, service) -> {
            service.path("depends_on").properties().forEach(dependency -> {
                String condition = dependency.getValue().path("condition").asText();
                JsonNode other = SERVICES.path(dependency.getKey());
                assertThat(other.isMissingNode()).as("%s depends on a service that exists", name).isFalse();
                if (condition.equals("service_healthy")) {
                    assertThat(other.has("healthcheck")).as("%s has a health check", dependency.getKey()).isTrue();
                }
            });
            if (moduleOf(service).isPresent() && !name.equals("init")) {
                assertThat(service.path("depends_on").path("init").path("condition").asText())
                        .as("%s starts after the topics and catalog exist", name)
                        .isEqualTo("service_completed_successfully");
                assertThat(service.has("healthcheck")).as("%s has a health check", name).isTrue();
            }
        });
        for (String broker : BROKERS) {
            assertThat(SERVICES.path("init").path("depends_on").path(broker).path("condition").asText())
                    .as("init waits for %s", broker).isEqualTo("service_healthy");
        }
        assertThat(SERVICES.path("init").path("depends_on").path("schema-registry").path("condition").asText())
                .isEqualTo("service_healthy");
        for (String broker : BROKERS) {
            assertThat(environment(SERVICES.path(broker))).as(broker)
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "2")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        }
        assertThat(environment(SERVICES.path("init"))).containsEntry("TOPIC_REPLICATION_FACTOR", "3");
        assertThat(environment(SERVICES.path("schema-registry")))
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "3");
    }

    @Test
    void shouldRunTwoStreamsInstancesThatCanForwardQueriesToEachOther() {
        List<String> instances = services().entrySet().stream()
                .filter(e -> moduleOf(e.getValue()).orElse("").equals("streams-app")).map(Map.Entry::getKey).toList();

        assertThat(instances).hasSize(2);
        Set<String> advertised = new HashSet<>();
        for (String instance : instances) {
            JsonNode service = SERVICES.path(instance);
            String[] applicationServer = environment(service).get("PROGRESS_APPLICATION_SERVER").split(":");
            assertThat(applicationServer[0]).as("%s advertises the name the other instance reaches it at", instance)
                    .isEqualTo(service.path("hostname").asText(instance));
            List<String> published = new ArrayList<>();
            service.path("ports").forEach(p -> published.add(p.asText().split(":")[1]));
            assertThat(published).as("%s publishes its application.server port", instance).contains(applicationServer[1]);
            // metrics and health on the container's loopback: its health check reaches them, nobody outside does
            Map<String, String> env = environment(service);
            String management = env.get("PROGRESS_MANAGEMENT_PORT");
            assertThat(env.getOrDefault("PROGRESS_MANAGEMENT_BIND", "127.0.0.1")).isEqualTo("127.0.0.1");
            assertThat(management).isNotEqualTo(applicationServer[1]);
            assertThat(published).as("%s keeps its management port unpublished", instance).doesNotContain(management);
            assertThat(service.path("healthcheck").path("test").toString())
                    .contains("/dev/tcp/127.0.0.1/" + management).contains("/health/ready");
            // /internal answers only the other instance: both read the same secret file, a compose secret
            assertThat(env.get("PROGRESS_PEER_SECRET_FILE")).isEqualTo("/run/secrets/streams-peer-secret");
            assertThat(secretsOf(service)).as("%s mounts the peer secret", instance).contains("streams-peer-secret");
            advertised.add(applicationServer[0]);
            assertThat(environment(service).get("PROGRESS_STATE_DIR")).startsWith("/var/lib/progress/");
            assertThat(service.path("volumes").toString()).as("%s keeps its state stores in a volume", instance)
                    .contains(":/var/lib/progress");
        }
        assertThat(advertised).hasSize(2);
        assertThat(read(ROOT.resolve("docker/secrets/make-secrets"))).as("make-secrets makes the peer secret")
                .contains("streams-peer-secret");
    }

    @Test
    void shouldKeepTheLeadersBulletinsWhereTheDashboardsLinkTo() {
        JsonNode monitor = SERVICES.path("monitor");
        Map<String, String> env = environment(monitor);
        String dir = env.get("MONITOR_BULLETINS_DIR");
        assertThat(dir).as("the monitor keeps bulletins, else the dashboards' link answers 404").isNotBlank();
        assertThat(monitor.path("volumes").toString()).as("kept on a volume: a new container still has them")
                .containsPattern("\"[a-z-]+:" + java.util.regex.Pattern.quote(dir.substring(0, dir.lastIndexOf('/'))) + "\"");
        String queryUrl = env.get("MONITOR_BULLETINS_QUERY_URL");
        assertThat(queryUrl).as("written from a streams app's query API, by its name on the compose network")
                .matches("http://streams-app-[12]:8080");
        assertThat(SERVICES.has(java.net.URI.create(queryUrl).getHost())).isTrue();
        String monitorPort = monitor.path("ports").get(0).asText().split(":")[0];
        for (String streams : List.of("streams-app-1", "streams-app-2")) {
            assertThat(environment(SERVICES.path(streams)).get("PROGRESS_BULLETINS_URL"))
                    .as("%s links to the monitor's published port", streams)
                    .startsWith("http://localhost:" + monitorPort + "/");
        }
    }

    @Test
    void shouldRunThreeKraftNodesOfOneQuorum() {
        List<String> kafkaServices = services().entrySet().stream()
                .filter(e -> e.getValue().path("image").asText().startsWith("apache/kafka:")).map(Map.Entry::getKey).toList();
        assertThat(kafkaServices).containsExactlyElementsOf(BROKERS);
        Set<String> nodeIds = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        String voters = "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093";
        for (String broker : BROKERS) {
            JsonNode service = SERVICES.path(broker);
            Map<String, String> env = environment(service);
            String nodeId = env.get("KAFKA_NODE_ID");
            assertThat(nodeIds.add(nodeId)).as("node id %s of %s is unique", nodeId, broker).isTrue();
            assertThat(voters).as("%s is a voter under its own node id", broker).contains(nodeId + "@" + broker + ":9093");
            assertThat(env).as(broker).containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                    .containsEntry("CLUSTER_ID", environment(SERVICES.path(BROKERS.get(0))).get("CLUSTER_ID"));
            assertThat(service.path("hostname").asText()).isEqualTo(broker);
            String data = service.path("volumes").get(0).asText();
            assertThat(data).endsWith(":" + env.get("KAFKA_LOG_DIRS"));
            assertThat(volumes.add(data.split(":")[0])).as("%s keeps its log in a volume of its own", broker).isTrue();
            assertThat(COMPOSE.path("volumes").has(data.split(":")[0])).isTrue();
        }
    }

    @Test
    void shouldSecureEveryListenerAndEveryClient() {
        for (String broker : BROKERS) {
            JsonNode service = SERVICES.path(broker);
            Map<String, String> env = environment(service);
            assertThat(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                    .as("%s: no listener without authentication", broker)
                    .containsExactlyInAnyOrder("INTERNAL:SASL_PLAINTEXT", "EXTERNAL:SASL_SSL", "CONTROLLER:SASL_PLAINTEXT");
            assertThat(env).as(broker)
                    .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                    .containsEntry("KAFKA_SUPER_USERS", "User:admin")
                    .containsEntry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", SCRAM)
                    .containsEntry("KAFKA_LISTENER_NAME_INTERNAL_SASL_ENABLED_MECHANISMS", SCRAM)
                    .containsEntry("KAFKA_LISTENER_NAME_EXTERNAL_SASL_ENABLED_MECHANISMS", SCRAM)
                    .containsEntry("KAFKA_LISTENER_NAME_CONTROLLER_SASL_ENABLED_MECHANISMS", "PLAIN")
                    .containsEntry("KAFKA_LISTENER_NAME_EXTERNAL_SSL_KEYSTORE_LOCATION", "/etc/kafka/tls/" + broker + ".keystore.p12");
            // the EXTERNAL (TLS) listener is the one published to the host, advertised as localhost
            String external = env.get("KAFKA_ADVERTISED_LISTENERS").replaceAll(".*EXTERNAL://localhost:(\\d+).*", "$1");
            assertThat(service.path("ports").toString()).as("%s publishes its TLS listener only", broker)
                    .isEqualTo("[\"" + external + ":" + external + "\"]");
            assertThat(env.get("KAFKA_LISTENERS")).contains("EXTERNAL://:" + external);
            assertThat(service.path("entrypoint").toString()).as("%s formats with the admin's SCRAM credential", broker)
                    .contains("format-and-run.sh");
            assertThat(service.path("depends_on").path("certs").path("condition").asText()).isEqualTo("service_completed_successfully");
        }
        assertThat(read(ROOT.resolve("docker/kafka/format-and-run.sh"))).contains("--add-scram \"SCRAM-SHA-512=[name=admin,");
        assertThat(read(ROOT.resolve("docker/certs/make-certs.sh"))).contains("san=dns:localhost,dns:$node");
        // every client of Kafka logs in: init as the admin, the apps as their role, from the credentials volume
        List<String> init = commandArguments(SERVICES.path("init"));
        assertThat(init).contains("--credentials-dir", "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=" + SCRAM)
                .anyMatch(a -> a.startsWith("sasl.jaas.config=") && a.contains("username=\"admin\""));
        assertThat(SERVICES.path("init").path("volumes").toString()).contains("kafka-credentials:/var/lib/progress");
        Map<String, String> roles = Map.of("streams-app-1", "streams-app", "streams-app-2", "streams-app",
                "intake", "intake", "monitor", "monitor");
        services().forEach((name, service) -> {
            if (moduleOf(service).isEmpty() || name.equals("init")) {
                return;
            }
            assertThat(roles).as("%s has a role", name).containsKey(name);
            Map<String, String> settings = new LinkedHashMap<>();
            commandArguments(service).stream().filter(a -> a.contains("=")).forEach(a -> settings.put(a.split("=", 2)[0], a.split("=", 2)[1]));
            environment(service).forEach((key, value) -> {
                if (key.startsWith("INTAKE_KAFKA_")) {
                    settings.put(key.substring("INTAKE_KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
                }
            });
            assertThat(settings).as("%s logs in as %s", name, roles.get(name))
                    .containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", SCRAM)
                    .containsEntry("config.providers", "file")
                    .containsEntry("sasl.jaas.config", "$${file:/etc/progress/kafka/credentials/" + roles.get(name)
                            + ".properties:sasl.jaas.config}");
            assertThat(service.path("volumes").toString()).as("%s mounts the logins read-only", name)
                    .contains("kafka-credentials:/etc/progress/kafka:ro");
        });
        Map<String, String> registry = environment(SERVICES.path("schema-registry"));
        assertThat(registry).containsEntry("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM", SCRAM)
                .containsKey("SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG");
        assertThat(registry.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")).doesNotContainPattern("(^|,)PLAINTEXT://").contains("SASL_PLAINTEXT://");
    }

    @Test
    void shouldRequireBasicAuthOnTheRegistryAndSendItFromEveryClient() {
        JsonNode registry = SERVICES.path("schema-registry");
        Map<String, String> env = environment(registry);
        assertThat(env).containsEntry("SCHEMA_REGISTRY_AUTHENTICATION_METHOD", "BASIC")
                .containsEntry("SCHEMA_REGISTRY_AUTHENTICATION_REALM", "SchemaRegistry")
                .containsEntry("SCHEMA_REGISTRY_AUTHENTICATION_ROLES", "app,deployer")
                .containsEntry("SCHEMA_REGISTRY_OPTS", "-Djava.security.auth.login.config=/etc/schema-registry/jaas.conf");
        assertThat(registry.path("volumes").toString())
                .contains("./docker/schema-registry/jaas.conf:/etc/schema-registry/jaas.conf:ro");
        // cp-schema-registry 8.x runs Jetty 12: the Jetty 9 class (org.eclipse.jetty.jaas.spi) would refuse every login
        String jaas = read(ROOT.resolve("docker/schema-registry/jaas.conf"));
        assertThat(registry.path("image").asText()).startsWith("confluentinc/cp-schema-registry:8.");
        assertThat(jaas).contains("SchemaRegistry {",
                "org.eclipse.jetty.security.jaas.spi.PropertyFileLoginModule required",
                "file=\"/run/secrets/schema-registry-users\"");
        assertThat(secretsOf(registry)).contains("schema-registry-users", "schema-registry-app-client");
        // the users file: one user per role the registry admits, made by make-secrets from generated passwords
        String makeSecrets = read(ROOT.resolve("docker/secrets/make-secrets"));
        assertThat(makeSecrets).contains("> secrets/schema-registry-users", ",app\\n", ",deployer\\n",
                "schema-registry-app-password", "schema-registry-deployer-password", "> secrets/schema-registry-app-client",
                "PROGRESS_REGISTRY_APP_USER_INFO", "PROGRESS_REGISTRY_DEPLOYER_USER_INFO");
        // the health check authenticates (a 401 is a failure, not "up")
        assertThat(registry.path("healthcheck").path("test").toString())
                .contains("curl -fsS -u", "/run/secrets/schema-registry-app-client", "/subjects");

        // every service that talks to the registry sends a login, from .env or from a secret file
        String appLogin = "${PROGRESS_REGISTRY_APP_USER_INFO:?";
        String deployerLogin = "${PROGRESS_REGISTRY_DEPLOYER_USER_INFO:?";
        String fileLogin = "$${file:/run/secrets/schema-registry-app-client:basic.auth.user.info}";
        Map<String, Map<String, String>> expected = Map.of(
                "init", Map.of("SCHEMA_REGISTRY_USER_INFO", deployerLogin),
                "streams-app-1", Map.of("SCHEMA_REGISTRY_USER_INFO", appLogin),
                "streams-app-2", Map.of("SCHEMA_REGISTRY_USER_INFO", appLogin),
                "intake", Map.of("SCHEMA_REGISTRY_USER_INFO", appLogin),
                "monitor", Map.of("basic.auth.user.info", fileLogin));
        Set<String> clients = new HashSet<>();
        services().forEach((name, service) -> {
            if (!name.equals("schema-registry") && service.toString().contains("schema-registry:8081")) {
                clients.add(name);
            }
        });
        assertThat(clients).as("the registry's clients").isEqualTo(expected.keySet());
        for (String name : clients) {
            JsonNode service = SERVICES.path(name);
            Map<String, String> settings = new LinkedHashMap<>(environment(service));
            commandArguments(service).stream().filter(a -> a.contains("=")).forEach(a -> settings.put(a.split("=", 2)[0], a.split("=", 2)[1]));
            expected.get(name).forEach((key, login) -> {
                assertThat(settings.get(key)).as("%s sends the registry login in %s", name, key).startsWith(login);
                if (login.equals(fileLogin)) {
                    // Kafka's FileConfigProvider resolves it: RegistryConfig parses the serdes' settings with AbstractConfig
                    assertThat(settings).as("%s resolves ${file:...}", name).containsEntry("config.providers", "file");
                    assertThat(secretsOf(service)).as("%s mounts its login", name).contains("schema-registry-app-client");
                }
            });
            // and the app reads it there (its environment variable, or the serdes' basic.auth.user.info)
            String sources = mainSources(moduleOf(service).orElseThrow());
            expected.get(name).keySet().forEach(key -> assertThat(sources).as("%s reads %s", name, key).contains(key));
        }

        // no login written in the file: every user-info or basic-auth value is a variable or a provider reference
        String text = read(ROOT.resolve("docker-compose.yml"));
        Matcher value = Pattern.compile("(?i)(?:user[._]info|basic[._]auth)[\\w.]*\"?\\s*[:=]\\s*'?\"?([^\\s'\"]*)").matcher(text);
        int values = 0;
        while (value.find()) {
            values++;
            assertThat(value.group(1)).as("a registry login in docker-compose.yml: %s", value.group()).startsWith("$");
        }
        assertThat(values).isGreaterThanOrEqualTo(5);
        assertThat(text).doesNotContainPattern("progress-(app|deployer):[A-Za-z0-9]");
        assertThat(read(ROOT.resolve(".env.example"))).containsPattern("(?m)^PROGRESS_REGISTRY_APP_USER_INFO=$")
                .containsPattern("(?m)^PROGRESS_REGISTRY_DEPLOYER_USER_INFO=$");
    }

    @Test
    void shouldWriteNoSecretInTheFile() {
        String text = read(ROOT.resolve("docker-compose.yml"));
        // every password in a JAAS line is a reference to a secret file, resolved inside the container
        Matcher password = Pattern.compile("(?:password|user_\\w+)=\\\\?\"([^\"\\\\]*)").matcher(text);
        int passwords = 0;
        while (password.find()) {
            passwords++;
            assertThat(password.group(1)).as("a password in docker-compose.yml").startsWith("$${dir:/run/secrets:");
        }
        assertThat(passwords).isGreaterThanOrEqualTo(BROKERS.size() * 3);
        assertThat(text).doesNotContainPattern("(?i)(password|secret)[\\w.]*[:=]\\s*\"?[A-Za-z0-9]{12,}");
        Set<String> used = new HashSet<>();
        SERVICES.forEach(service -> service.path("secrets").forEach(s -> used.add(s.asText())));
        assertThat(used).isNotEmpty();
        for (String secret : used) {
            String file = COMPOSE.path("secrets").path(secret).path("file").asText();
            assertThat(file).as("secret %s comes from a file under PROGRESS_SECRETS_DIR, required", secret)
                    .startsWith("${PROGRESS_SECRETS_DIR:?").endsWith("}/" + secret);
        }
        assertThat(read(ROOT.resolve(".gitignore")).lines()).contains("/secrets/", ".env");
        assertThat(read(ROOT.resolve(".env.example"))).contains("PROGRESS_SECRETS_DIR=");
        assertThat(read(ROOT.resolve("docker/secrets/make-secrets"))).contains("kafka-admin-password", "kafka-tls-password");
    }

    @Test
    void shouldMakeTheMonitorsFirstOperatorWhoseStoredPasswordSignsIn(@org.junit.jupiter.api.io.TempDir Path copy)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0,
                "python3 is not installed");
        // the script runs against a copy of what it reads: the repository root is two levels above it
        Path script = copy.resolve("docker/secrets/make-secrets");
        Files.createDirectories(script.getParent());
        Files.copy(ROOT.resolve("docker/secrets/make-secrets"), script);
        Path demoKeys = Path.of("producer/src/main/resources/org/jingan/progress/intake/demo-credentials.properties");
        Files.createDirectories(copy.resolve(demoKeys).getParent());
        Files.copy(ROOT.resolve(demoKeys), copy.resolve(demoKeys));
        Files.copy(ROOT.resolve(".env.example"), copy.resolve(".env.example"));
        Process run = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(output).isZero();

        String password = Files.readString(copy.resolve("secrets/monitor-operator-password")).strip();
        assertThat(output).as("the password is never printed").doesNotContain(password);
        assertThat(Files.getPosixFilePermissions(copy.resolve("secrets/monitor-operator-password")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        var operators = org.jingan.progress.monitor.auth.OperatorsFile.load(copy.resolve("secrets/monitor-operators"));
        var signedIn = operators.authenticate("operator", password.toCharArray());
        assertThat(signedIn).as("the monitor's own PasswordHash accepts the stored password").isPresent();
        assertThat(signedIn.get().role()).isEqualTo(org.jingan.progress.monitor.auth.Role.OPERATOR);
        assertThat(operators.authenticate("operator", "wrong".toCharArray())).isEmpty();

        // a second run keeps the operator (and every other secret) as it is
        String before = Files.readString(copy.resolve("secrets/monitor-operators"));
        assertThat(new ProcessBuilder("bash", script.toString()).start().waitFor()).isZero();
        assertThat(Files.readString(copy.resolve("secrets/monitor-operators"))).isEqualTo(before);
        assertThat(COMPOSE.path("services").path("monitor").path("environment").path("MONITOR_OPERATORS_FILE").asText())
                .isEqualTo("/run/secrets/monitor-operators");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<String> secretsOf(JsonNode service) {
        List<String> secrets = new ArrayList<>();
        service.path("secrets").forEach(s -> secrets.add(s.isTextual() ? s.asText() : s.path("source").asText()));
        return secrets;
    }

    private static List<String> commandArguments(JsonNode service) {
        List<String> args = new ArrayList<>();
        service.path("command").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        SERVICES.properties().forEach(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            node.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    /** The Dockerfile that builds this service's image (its own build, or another service's for the same image). */
    private static Path dockerfile(JsonNode service) {
        JsonNode build = service.has("build") ? service.path("build") : SERVICES.findParents("build").stream()
                .filter(s -> s.path("image").asText().equals(service.path("image").asText()))
                .map(s -> s.path("build")).findFirst().orElse(null);
        if (build == null) {
            return null;
        }
        return ROOT.resolve(build.path("context").asText(".")).normalize().resolve(build.path("dockerfile").asText());
    }

    /** The Maven module this service's image is built from, if it is built here. */
    private static Optional<String> moduleOf(JsonNode service) {
        Path dockerfile = dockerfile(service);
        if (dockerfile == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("-pl (\\S+) -am install").matcher(read(dockerfile));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static List<Path> dockerfiles() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("docker"))) {
            List<Path> all = files.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().toList();
            assertThat(all).isNotEmpty();
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's own sources and the service kit's, whose option group every app reads its cluster settings with. */
    private static String mainSources(String module) {
        StringBuilder all = new StringBuilder();
        for (String dir : java.util.List.of(module, "service-kit")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(dir).resolve("src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> all.append(read(p)).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    private static String rootPomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(read(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("root pom property %s", name).isTrue();
        return m.group(1).strip();
    }

    private static List<String> lines(Path file, String prefix) {
        return read(file).lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readYaml(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
