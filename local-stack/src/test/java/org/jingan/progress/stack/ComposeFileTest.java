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
        ((ObjectNode) misspelt.path("services").path("init").path("depends_on").path("kafka")).put("condition", "healthy");

        assertThat(problems).as("docker-compose.yml against the Compose Specification").isEmpty();
        assertThat(schema.validate(misspelt)).extracting(ValidationMessage::getMessage)
                .as("the schema catches a misspelt key and a wrong condition")
                .anyMatch(m -> m.contains("'healthchek' is not defined"))
                .anyMatch(m -> m.contains("/services/init/depends_on/kafka/condition"));
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
        assertThat(SERVICES.path("kafka").path("image").asText())
                .as("the broker image runs the Kafka version the project builds against")
                .isEqualTo("apache/kafka:" + rootPomProperty("kafka.version"));
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
                assertThat(Pattern.compile("\\b" + variable + "\\b").matcher(sources).find())
                        .as("%s is given %s: the sources of module %s must read it", name, variable, module.get())
                        .isTrue();
            }
            assertThat(env).as("%s connects to the cluster", name)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
                    .containsEntry("SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
        });
        assertThat(environment(SERVICES.path("kafka")).get("KAFKA_ADVERTISED_LISTENERS")).contains("kafka:19092");
        assertThat(environment(SERVICES.path("schema-registry")).get("SCHEMA_REGISTRY_LISTENERS")).endsWith(":8081");
        assertThat(environment(SERVICES.path("intake"))).containsKey("INTAKE_CREDENTIALS_FILE");
        String credentialsMount = SERVICES.path("intake").path("volumes").get(0).asText().split(":")[0];
        assertThat(ROOT.resolve(credentialsMount)).as("the intake's credentials file").exists();
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
                    assertThat(service.path("healthcheck").path("test").toString()).as("%s health check port", name)
                            .contains("/" + value);
                    moduleOf(service).ifPresent(module -> assertThat(dockerfile(service)).content()
                            .contains("EXPOSE " + value));
                }
                if (key.endsWith("_HTTP_HOST") || key.endsWith("_HTTP_BIND")) {
                    assertThat(value).as("%s listens on every interface of its container", name).isEqualTo("0.0.0.0");
                }
            });
        });
    }

    @Test
    void shouldStartInOrderWithHealthChecksAndOneBrokerSettings() {
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
        assertThat(SERVICES.path("init").path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(SERVICES.path("init").path("depends_on").path("schema-registry").path("condition").asText())
                .isEqualTo("service_healthy");
        Map<String, String> kafka = environment(SERVICES.path("kafka"));
        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(environment(SERVICES.path("init"))).containsEntry("TOPIC_REPLICATION_FACTOR", "1");
        assertThat(environment(SERVICES.path("schema-registry")))
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1");
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
            assertThat(service.path("healthcheck").path("test").toString()).contains("/" + applicationServer[1]);
            advertised.add(applicationServer[0]);
            assertThat(environment(service).get("PROGRESS_STATE_DIR")).startsWith("/var/lib/progress/");
            assertThat(service.path("volumes").toString()).as("%s keeps its state stores in a volume", instance)
                    .contains(":/var/lib/progress");
        }
        assertThat(advertised).hasSize(2);
    }

    // ------------------------------------------------------------------------------------------------ helpers

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

    private static String mainSources(String module) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> all.append(read(p)).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
