package org.jingan.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line, run in-process with captured output. */
class CatalogCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cli = CatalogCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldListTheCatalogAsAnAlignedTable() {
        int exit = run("list");

        assertThat(exit).isEqualTo(CatalogCli.OK);
        List<String> lines = out.toString().lines().toList();
        int targets = Catalog.loadDefault().targets().size();
        assertThat(lines).hasSize(1 + targets + 1);
        assertThat(lines.get(0)).startsWith("ID").contains("SEC", "DEPARTMENT", "KIND", "COMPARATOR", "TARGET", "UNIT",
                "DEADLINE", "NAME");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("s0-retail-sales ")
                .contains(" S0 ", " commerce ", " CUMULATIVE ", " AT_LEAST ", " 800 ", " 亿元 ", " 2020-12-31 ",
                        "社会消费品零售总额"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("s0-registered-unemployment ")
                .contains(" CEILING ", " AT_MOST ", " pending "));
        // the NAME column starts at the same display column on every row, CJK units counting double
        int nameColumn = TargetTable.width(lines.get(0).substring(0, lines.get(0).indexOf("NAME")));
        assertThat(lines.subList(1, targets + 1)).allSatisfy(line ->
                assertThat(TargetTable.width(line.substring(0, line.indexOf("2020-12-31") + "2020-12-31  ".length())))
                        .isEqualTo(nameColumn));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(targets + " of " + targets + " targets, classpath:"
                + Catalog.DEFAULT_RESOURCE);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldListTheCatalogAsJsonLines() throws IOException {
        int exit = run("list", "--format", "jsonl");

        assertThat(exit).isEqualTo(CatalogCli.OK);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(Catalog.loadDefault().targets().size());
        JsonNode graduates = null;
        for (String line : lines) {
            JsonNode target = JSON.readTree(line);
            assertThat(target.fieldNames()).toIterable().contains("id", "nameZh", "nameEn", "sectionId", "departmentId",
                    "kind", "unit", "targetValue", "comparator", "deadline", "pacePlan", "baseline2019",
                    "parentTargetId", "sourcePhrase", "revision");
            if (target.get("id").asText().equals("s4-graduate-start-ups-assisted")) {
                graduates = target;
            }
        }
        assertThat(graduates).isNotNull();
        assertThat(graduates.get("targetValue").asDouble()).isEqualTo(480.0);
        assertThat(graduates.get("parentTargetId").asText()).isEqualTo("s4-start-ups-assisted");
        assertThat(graduates.get("deadline").asText()).isEqualTo("2020-12-31");
        assertThat(graduates.get("sourcePhrase").asText()).isEqualTo("其中帮扶青年大学生创业480人");
    }

    @Test
    void shouldFilterBySection() throws IOException {
        assertThat(run("list", "--format", "jsonl", "--section", "S0")).isZero();
        List<String> ids = out.toString().lines().map(line -> {
            try {
                return JSON.readTree(line).get("id").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(ids).containsExactly("s0-district-revenue-growth", "s0-retail-sales", "s0-fixed-asset-investment",
                "s0-old-lane-housing-renovation", "s0-registered-unemployment");
    }

    @Test
    void shouldExitWithOneAndListEveryProblemForAnInvalidFile() throws IOException {
        String broken = CatalogText.edit(CatalogDataTest.resource(Catalog.DEFAULT_RESOURCE),
                        "s0-registered-unemployment", "    kind: CEILING\n", "    kind: CEILINGS\n")
                .replace("    parentTargetId: s4-start-ups-assisted\n", "    parentTargetId: nope\n");
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, broken, StandardCharsets.UTF_8);

        int exit = run("list", "--file", file.toString());

        assertThat(exit).isEqualTo(CatalogCli.INVALID_CATALOG);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("has 2 problems")
                .contains(file + ":").contains("field 'kind': 'CEILINGS' is not one of")
                .contains("field 'parentTargetId': no target has the id 'nope'");
    }

    @Test
    void shouldValidateAGoodFile() {
        assertThat(run("validate")).isZero();
        assertThat(out.toString()).startsWith("OK: classpath:" + Catalog.DEFAULT_RESOURCE + ": ")
                .contains(" targets in 7 sections").contains("3 pending");
    }

    @Test
    void shouldExitWithTwoOnWrongUsage() {
        assertThat(run()).isEqualTo(CatalogCli.USAGE);
        assertThat(err.toString()).contains("Name a subcommand");

        err.getBuffer().setLength(0);
        assertThat(run("list", "--format", "xml")).isEqualTo(CatalogCli.USAGE);
        assertThat(err.toString()).contains("--format").contains("table, jsonl");

        err.getBuffer().setLength(0);
        assertThat(run("publish", "--kafka-property", "no-equals-sign")).isEqualTo(CatalogCli.USAGE);
        assertThat(err.toString()).contains("--kafka-property");

        err.getBuffer().setLength(0);
        assertThat(run("list", "--file", dir.resolve("missing.yaml").toString())).isEqualTo(CatalogCli.USAGE);
        assertThat(err.toString()).contains("No catalog file at");
    }

    @Test
    void shouldPrintHelpForEveryCommand() {
        for (String command : List.of("list", "validate", "diff", "publish")) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).startsWith("Usage: catalog " + command);
        }
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:").contains("3   the Kafka broker or the schema registry");
    }
}
