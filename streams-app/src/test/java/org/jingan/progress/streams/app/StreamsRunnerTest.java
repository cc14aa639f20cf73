package org.jingan.progress.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Two instances in one JVM with one group.instance.id would fence each other: the runner refuses the second. */
class StreamsRunnerTest {

    @TempDir
    Path state;

    private StreamsRunner runner(String instanceId, String stateSubDir) {
        StreamsAppConfig config = new StreamsAppConfig();
        // no broker needed: the instance only has to be started, not to get anywhere
        new CommandLine(config).parseArgs("--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "mem://runner",
                "--application-id", "runner-test", "--state-dir", state.resolve(stateSubDir).toString(),
                "--instance-id", instanceId, "--input-partitions", "6"); // no broker to ask
        return StreamsRunner.of(config, List.of());
    }

    @Test
    void shouldRefuseASecondRunningInstanceWithTheSameInstanceIdAndAllowItOnceTheFirstIsClosed() {
        StreamsRunner first = runner("same", "a");
        StreamsRunner second = runner("same", "b");
        StreamsRunner other = runner("other", "c");
        try {
            first.start();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("group.instance.id same of application runner-test is already used")
                    .hasMessageContaining("--instance-id");
            // started (no broker answers, so it stays in its first rebalance), not refused
            assertThat(other.start().state()).isEqualTo(KafkaStreams.State.REBALANCING);

            first.close(Duration.ofSeconds(5));
            StreamsRunner restarted = runner("same", "a");
            try {
                KafkaStreams started = restarted.start();
                assertThat(started).isSameAs(restarted.streams());
                assertThat(started.state()).isEqualTo(KafkaStreams.State.REBALANCING);
            } finally {
                restarted.close(Duration.ofSeconds(5));
            }
        } finally {
            first.close(Duration.ofSeconds(5));
            other.close(Duration.ofSeconds(5));
        }
    }
}
