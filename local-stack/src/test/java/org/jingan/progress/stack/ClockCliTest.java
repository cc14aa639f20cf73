package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.clock.ClockFollower;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code bin/clock show|set} on the real broker and registry, each run on a clock topic of its own. */
class ClockCliTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant MARCH_FIFTH = Instant.parse("2020-03-05T00:00:00+08:00");

    private final TestCluster cluster = TestCluster.get();
    private final Map<String, Object> client = cluster.clientConfig();
    private final String topic = cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();

    @Test
    void shouldShowMoveForwardAndRefuseToMoveTheClockBack() {
        Run empty = run("show");
        assertThat(empty.exit()).isZero();
        assertThat(empty.out()).startsWith("District clock: no tick on topic '" + topic + "' yet");

        Run set = run("set", "2020-03-05");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("District clock: 2020-03-05  (2020-03-05 00:00:00 Asia/Shanghai), moved from"
                + " its start (no tick before), set by operator");
        try (ClockFollower follower = new ClockFollower(topic, Instant.EPOCH, client, client).start(WAIT)) {
            assertThat(follower.now()).as("what every component following the topic reads").isEqualTo(MARCH_FIFTH);
        }

        Run shown = run("show");
        assertThat(shown.out()).isEqualTo("District clock: 2020-03-05  (2020-03-05 00:00:00 Asia/Shanghai,"
                + " 2020-03-04T16:00:00Z), simulated, set by operator");

        Run back = run("set", "2020-03-01");
        assertThat(back.exit()).isEqualTo(ClockCli.REFUSED);
        assertThat(back.err()).isEqualTo("clock: refused: the district clock stands at 2020-03-05 00:00:00"
                + " Asia/Shanghai and never runs backwards; 2020-03-01 00:00:00 Asia/Shanghai is before that."
                + " (To replay from an earlier time, start over: bin/local-stack --fresh.)");
        assertThat(back.out()).isEmpty();

        Run same = run("set", "2020-03-05T00:00+08:00");
        assertThat(same.exit()).isZero();
        assertThat(same.out()).isEqualTo("District clock: already at 2020-03-05 00:00:00 Asia/Shanghai; nothing to do.");

        Run later = run("set", "2020-06-30T18:00", "--set-by", "alice");
        assertThat(later.exit()).as(later.err()).isZero();
        assertThat(later.out()).contains("2020-06-30 18:00:00 Asia/Shanghai")
                .contains("moved from 2020-03-05 00:00:00 Asia/Shanghai").endsWith("set by alice");

        assertThat(ClockTopic.ticks(topic, client, WAIT)).extracting(ClockTick::getNow, ClockTick::getSetBy)
                .as("the refused and the idle set wrote nothing").containsExactly(
                        tuple(MARCH_FIFTH, ClockCli.SET_BY),
                        tuple(Instant.parse("2020-06-30T18:00:00+08:00"), "alice"));
    }

    @Test
    void shouldSayWhatIsWrongInOneLine() {
        Run notATime = run("set", "next Tuesday");
        assertThat(notATime.exit()).isEqualTo(ClockCli.USAGE);
        assertThat(notATime.err()).startsWith("'next Tuesday' is not a date or time: write 2020-03-31");

        Run noTopic = run("show", "--topic", cluster.uniqueName("no-such-clock"));
        assertThat(noTopic.exit()).isEqualTo(ClockCli.UNREACHABLE);
        assertThat(noTopic.err()).startsWith("clock: There is no topic 'no-such-clock-").doesNotContain("\n")
                .doesNotContain("Exception");

        Run noSubcommand = run();
        assertThat(noSubcommand.exit()).isEqualTo(ClockCli.USAGE);
        assertThat(noSubcommand.err()).contains("Name a subcommand: show or set");
    }

    @Test
    void shouldDefaultToTheContractsClockTopic() {
        CommandLine cli = ClockCli.commandLine();
        for (String command : List.of("show", "set")) {
            assertThat(cli.getSubcommands().get(command).getCommandSpec().findOption("--topic").defaultValue())
                    .isEqualTo(Topics.CLOCK.name());
        }
    }

    private record Run(int exit, String out, String err) {
    }

    @Test
    void shouldNotRegisterTheTicksSchemaByDefaultAndSayWhoDoes() {
        List<String> args = new ArrayList<>(List.of("set", "--topic", topic, "--bootstrap-servers",
                cluster.bootstrapServers(), "2020-03-05"));
        args.addAll(1, cluster.registryArgs());
        args.addAll(1, cluster.securityArgs("--kafka-property"));

        Run set = runAsIs(args);

        assertThat(set.exit()).as(set.err()).isEqualTo(ClockCli.NOT_REGISTERED);
        assertThat(set.err()).startsWith("clock: Schema ").doesNotContain("\n")
                .contains("not registered under subject '" + topic + "-value'")
                .contains("auto.register.schemas=false").contains("ClusterInit");
        assertThat(set.out()).isEmpty();
        assertThat(ClockTopic.ticks(topic, client, WAIT)).as("nothing written").isEmpty();
    }

    /** Runs the CLI on this test's topic, with the cluster's addresses after the subcommand. */
    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty()) {
            all.addAll(1, List.of("--bootstrap-servers", cluster.bootstrapServers(),
                    "--schema-registry-auto-register")); // no deploy step registers this test's own topic
            all.addAll(1, cluster.registryArgs());
            all.addAll(1, cluster.securityArgs("--kafka-property"));
            if (!all.contains("--topic")) {
                all.addAll(1, List.of("--topic", topic));
            }
        }
        return runAsIs(all);
    }

    private static Run runAsIs(List<String> all) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ClockCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString().strip(), err.toString().strip());
    }
}
