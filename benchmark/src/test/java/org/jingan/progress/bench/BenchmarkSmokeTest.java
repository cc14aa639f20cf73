package org.jingan.progress.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's smoke run: every phase on a few thousand events against the real test cluster, so the benchmark
 * cannot rot. Nothing about speed is asserted, only that every phase ran and every row has a number.
 */
class BenchmarkSmokeTest {

    /** A row of each phase; the run must print all of them. */
    private static final List<String> EXPECTED = List.of(
            WorkloadSetup.PRODUCE,
            CeilingsPhase.PLAIN,
            CeilingsPhase.BARE,
            CeilingsPhase.BARE_AVRO,
            CeilingsPhase.DEDUP_AVRO,
            PipelinePhase.RATE,
            PipelinePhase.VS_BARE,
            PipelinePhase.VS_DEDUP_AVRO,
            PipelinePhase.VS_PLAIN,
            PipelinePhase.DEAD_LETTERS,
            "query: one target, local (HTTP) p99",
            "query: one target, local (HTTP) at half rate p99",
            "query: one target, forwarded (HTTP) p99",
            "query: whole board (HTTP) p99",
            "query: one target, store read in-process p99",
            LatencyPhase.STORE + " p99",
            LatencyPhase.TOPIC + " p99.9",
            LatencyPhase.STREAMS_SOURCE + " avg",
            LatencyPhase.LIVE_CAPACITY,
            LatencyPhase.OFFERED_VS_CAPACITY,
            ScreenPhase.SCREEN + ", 50 reports/s, 20 pages p99",
            ScreenPhase.FLOOR + ", 50 reports/s, 1 page p50",
            ScreenPhase.BOARD + " p50",
            ReplayPhase.WALL,
            ReplayPhase.RESTORE_KEPT,
            ReplayPhase.RESTORE_WIPED);

    @Test
    void shouldRunEveryPhaseAndPrintEveryRowWithANumber(@TempDir Path output) throws Exception {
        TestCluster cluster = TestCluster.get();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // the app's default static membership: a kill -9 restart need not wait out the killed member's session
        // one warm-up round too: it must run and leave nothing in the table (every row has exactly one run)
        List<String> args = new ArrayList<>(List.of("--quick", "--warmups", "1",
                "--bootstrap-servers", cluster.bootstrapServers(), "--registry-url", cluster.schemaRegistryUrl(),
                "--output-dir", output.toString()));
        args.addAll(cluster.securityArgs("--kafka-property"));
        if (cluster.schemaRegistryUserInfo() != null) {
            args.addAll(List.of("--registry-user-info", cluster.schemaRegistryUserInfo()));
        }
        int exit = Benchmark.run(new PrintStream(printed, true, StandardCharsets.UTF_8), args.toArray(String[]::new));

        String table = printed.toString(StandardCharsets.UTF_8);
        System.out.println(table);
        assertThat(exit).as("exit code; the table says which phase failed:%n%s", table).isZero();
        JsonNode results = new ObjectMapper().readTree(output.resolve(ResultWriter.BASENAME + ".json").toFile());
        List<String> metrics = new ArrayList<>();
        for (JsonNode row : results.get("rows")) {
            metrics.add(row.get("metric").asText());
            assertThat(row.get("median").isNumber()).as("median of %s", row.get("metric")).isTrue();
            assertThat(row.get("median").asDouble()).as("median of %s", row.get("metric")).isFinite().isNotNegative();
            assertThat(row.get("runs").asInt()).isEqualTo(1);
        }
        assertThat(metrics).containsAll(EXPECTED);
        assertThat(table).contains("Machine: ").contains(" cores");
        for (String metric : metrics) {
            assertThat(table).contains(metric);
        }
        assertThat(results.get("machine").get("cores").asInt()).isPositive();
        List<String> csv = Files.readAllLines(output.resolve(ResultWriter.BASENAME + ".csv"));
        assertThat(csv).hasSize(metrics.size() + 1);
        assertThat(csv.get(0)).startsWith("metric,unit,median,min,max,runs");
        assertThat(Files.readString(output.resolve(ResultWriter.BASENAME + ".md"))).contains("| " + PipelinePhase.RATE + " |");
    }
}
