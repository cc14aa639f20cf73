package org.jingan.progress.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The knobs that change what is measured, not only how much. */
class BenchmarkOptionsTest {

    private static Settings settings(String... args) {
        Benchmark benchmark = new Benchmark();
        new CommandLine(benchmark).parseArgs(args);
        return benchmark.settings();
    }

    @Test
    void shouldOfferHalfTheSustainedRateUnlessALiveRateIsGiven() {
        assertThat(settings().liveRate()).isZero();
        assertThat(settings().loadFraction()).isEqualTo(0.5);
        assertThat(settings("--live-rate", "50000").liveRate()).isEqualTo(50_000);
    }

    @Test
    void shouldRefuseALiveRateThatIsNotPositive() {
        assertThatThrownBy(() -> settings("--live-rate", "0"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--live-rate must be above 0");
    }

    @Test
    void shouldOfferTheLiveRateGivenAndSaySo(@TempDir Path output) throws Exception {
        TestCluster cluster = TestCluster.get();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<String> args = new ArrayList<>(List.of("--quick",
                "--phases", "pipeline,latency", "--live-rate", "200",
                "--bootstrap-servers", cluster.bootstrapServers(), "--registry-url", cluster.schemaRegistryUrl(),
                "--output-dir", output.toString()));
        args.addAll(cluster.securityArgs("--kafka-property"));
        if (cluster.schemaRegistryUserInfo() != null) {
            args.addAll(List.of("--registry-user-info", cluster.schemaRegistryUserInfo()));
        }
        int exit = Benchmark.run(new PrintStream(printed, true, StandardCharsets.UTF_8), args.toArray(String[]::new));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; the table says which phase failed:%n%s", table).isZero();
        JsonNode offered = null;
        for (JsonNode row : new ObjectMapper().readTree(output.resolve(ResultWriter.BASENAME + ".json").toFile())
                .get("rows")) {
            if (row.get("metric").asText().equals(LatencyPhase.OFFERED)) {
                offered = row;
            }
        }
        assertThat(offered).as("the offered-load row in:%n%s", table).isNotNull();
        assertThat(offered.get("how").asText()).startsWith("200 events/s (--live-rate)");
    }
}
