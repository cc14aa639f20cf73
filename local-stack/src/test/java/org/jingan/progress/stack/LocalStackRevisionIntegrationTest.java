package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.CatalogCli;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.stack.demo.ReplaySpeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The catalog topic is the truth once it exists: a revision made with {@code catalog publish --note}, as the catalog
 * principal, survives two restarts of the local stack (which seeds an empty topic only), and the dashboard's target
 * detail says who made it.
 */
class LocalStackRevisionIntegrationTest {
    private static final String UNEMPLOYMENT = "s0-registered-unemployment";
    private static final String NOTE = "市政府下达控制数 / the city set the quota";

    @TempDir
    Path dataDir;

    @TempDir
    Path workDir;

    @Test
    void shouldKeepARevisionMadeWithTheCatalogCommandAcrossTwoRestarts() throws Exception {
        int targets = Catalog.loadDefault().targets().size();
        Path edited = workDir.resolve("edited.yaml");
        String shipped = new String(Catalog.class.getClassLoader().getResourceAsStream(Catalog.DEFAULT_RESOURCE)
                .readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(edited, editRow(shipped, UNEMPLOYMENT, "    targetValue: null", "    targetValue: 10000"));

        try (Stack stack = Stack.start(config(true), line -> { })) {
            assertThat(stack.where().get("Catalog")).startsWith("the topic was empty: seeded it with the file"
                    + " (published " + targets + ", unchanged 0)");
            Run refused = catalogCli(stack, "publish", "--file", edited.toString());
            assertThat(refused.exit()).as("a revision without a note").isEqualTo(CatalogCli.USAGE);
            assertThat(refused.err()).contains("--note");

            Run published = catalogCli(stack, "publish", "--file", edited.toString(), "--note", NOTE);

            assertThat(published.exit()).as(published.err()).isEqualTo(CatalogCli.OK);
            assertThat(published.out()).contains(UNEMPLOYMENT + " -> revision 2").contains("by User:catalog at ");
            assertRevised(stack);
        }
        for (int restart = 1; restart <= 2; restart++) {
            try (Stack again = Stack.start(config(false), line -> { })) {
                assertThat(again.where().get("Catalog")).as("restart " + restart).startsWith(targets
                        + " targets on the topic, the file is not republished; `catalog diff` shows what it would change");
                assertRevised(again);
                Run diff = catalogCli(again, "diff");
                assertThat(diff.exit()).as(diff.err()).isEqualTo(CatalogCli.OK);
                assertThat(diff.out()).as("the shipped file would undo it, so it is not republished")
                        .contains("~ " + UNEMPLOYMENT + "  (revision 2 -> 3)\n    targetValue: 10000 \u2192 null\n")
                        .endsWith("added 0, changed 1, unchanged " + (targets - 1) + "\n");
            }
        }
    }

    /** The revision is on the topic with its audit, and the dashboard's target detail shows who made it. */
    private static void assertRevised(Stack stack) {
        Target revised = new CatalogPublisher(stack.clientConfig(), Topics.TARGETS.name(), Duration.ofSeconds(30))
                .readPublished().get(UNEMPLOYMENT);
        assertThat(revised.getRevision()).isEqualTo(2);
        assertThat(revised.getTargetValue()).isEqualTo(10000.0);
        assertThat(revised.getRevisedBy()).isEqualTo("User:catalog");
        assertThat(revised.getRevisedAt()).isNotNull();
        assertThat(revised.getRevisionNote()).startsWith(NOTE);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode definition = detail(stack).path("definition");
            assertThat(definition.path("revision").asInt()).isEqualTo(2);
            assertThat(definition.path("revisedBy").asText()).isEqualTo("User:catalog");
            assertThat(definition.path("revisionNote").asText()).startsWith(NOTE);
            assertThat(detail(stack).path("standing").path("targetValue").asDouble()).isEqualTo(10000.0);
        });
    }

    private static JsonNode detail(Stack stack) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.dashboardUrl() + "/api/v1/targets/" + UNEMPLOYMENT)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private record Run(int exit, String out, String err) {
    }

    /** The catalog command as an operator runs it on the local stack: with the catalog role's credentials file. */
    private Run catalogCli(Stack stack, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url",
                stack.schemaRegistryUrl(), "--kafka-config", dataDir.resolve("credentials/catalog.properties").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CatalogCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** No demo: nothing but the operator revises the catalog, and a start is quick. */
    private StackConfig config(boolean fresh) {
        return new StackConfig(dataDir, fresh, null, null, null, Map.of(), 1, StackConfig.Ports.ANY, ReplaySpeed.MAX,
                false, 2020);
    }

    /** Replaces {@code from} by {@code to} inside the YAML row of target {@code id} only. */
    private static String editRow(String yaml, String id, String from, String to) {
        int start = yaml.indexOf("  - id: " + id + "\n");
        int end = yaml.indexOf("\n  - id: ", start + 1);
        String row = yaml.substring(start, end < 0 ? yaml.length() : end);
        assertThat(row).contains(from);
        return yaml.substring(0, start) + row.replace(from, to) + yaml.substring(start + row.length());
    }
}
