package org.jingan.progress.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.kafka.common.KafkaException;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.kit.options.ClusterOptions;
import org.jingan.progress.registry.SchemaRegistryException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/clock show|set}: the district's simulated clock for the operators of a replay (the demo year, a
 * replayed year). It lives on the compacted district-clock topic; every component on the simulated clock follows
 * it. Live, the district runs on the wall clock and the topic is unused.
 */
@Command(name = "clock", mixinStandardHelpOptions = true, version = "clock 0.1.0",
        description = {"Shows or moves the district's simulated clock (replays, the demo year): the latest tick on the"
                + " district-clock topic, which every component on the simulated clock follows. The clock never runs"
                + " backwards.", "Live, the district runs on the wall clock in Asia/Shanghai and this topic is unused."},
        subcommands = {ClockCli.Show.class, ClockCli.Set.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused: the clock would run backwards",
                "2:wrong usage (unknown option, a time that is not a time)",
                "3:the cluster did not answer, or the clock's topic is missing",
                "4:the registry does not have the clock's schema (the deploy step registers it)"})
public final class ClockCli implements Runnable {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int NOT_REGISTERED = 4;
    /** The {@code setBy} of an operator's tick. */
    public static final String SET_BY = "operator";

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Quiet Kafka client logging on the console unless the user configured logback.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "clock-cli-logback.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with this tool's exit codes; tests call {@code execute} on it with captured output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ClockCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof SchemaRegistryException registry && registry.status() == 404) {
                err.println("clock: " + e.getMessage());
                return NOT_REGISTERED;
            }
            if (e instanceof StackException || e instanceof KafkaException) {
                err.println("clock: " + (e instanceof StackException ? Errors.oneLine(e) : e.getMessage()));
                return UNREACHABLE;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a subcommand: show or set (see --help)");
    }

    /** Where the clock's topic is: the local stack's cluster unless told otherwise. */
    static final class Connection {
        /** The cluster; bin/clock gives the local stack's clock login (--kafka-config) when none is given. */
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--topic", defaultValue = "district-clock", // Topics.CLOCK; ClockCliTest checks they agree
                description = "The clock's topic. Default: ${DEFAULT-VALUE}")
        String topic;

        @Option(names = "--timeout", defaultValue = "30", description = "Seconds to wait for the cluster. Default: ${DEFAULT-VALUE}")
        int timeoutSeconds;

        Map<String, Object> clientConfig() {
            try {
                return cluster.clientConfig();
            } catch (java.io.UncheckedIOException e) {
                throw new StackException(e.getMessage(), e);
            }
        }

        Duration timeout() {
            return Duration.ofSeconds(timeoutSeconds);
        }

        Optional<ClockTick> latest() {
            return ClockTopic.latest(topic, clientConfig(), timeout());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows where the district's simulated clock stands, and who moved it there.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<ClockTick> latest = connection.latest();
            if (latest.isEmpty()) {
                out.println("District clock: no tick on topic '" + connection.topic + "' yet: a component on the"
                        + " simulated clock stands at its --clock-start (1 January in the local stack); live, the"
                        + " district runs on the wall clock.");
                return OK;
            }
            ClockTick tick = latest.get();
            out.println("District clock: " + date(tick.getNow()) + "  (" + ClockTopic.show(tick.getNow())
                    + ", " + tick.getNow() + "), simulated, set by " + (tick.getSetBy().isEmpty() ? "?" : tick.getSetBy()));
            return OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Moves the district's simulated clock forward to TIME and waits until the broker has the tick."
                    + " It never runs backwards: a TIME before where it stands is refused.",
                    "Every component on the simulated clock follows within a moment: the streams app judges pace,"
                            + " staleness and deadlines as of TIME, the intake accepts reports dated up to TIME + 1 h,"
                            + " a running demo replay goes on from TIME."})
    static final class Set implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "TIME", description = "A date (2020-06-30: 00:00 that day in Asia/Shanghai), a time in"
                + " Asia/Shanghai (2020-06-30T18:00) or an instant (2020-06-30T10:00Z).")
        String time;

        @Option(names = "--set-by", defaultValue = SET_BY, description = "Who moves the clock, recorded with the tick. Default: ${DEFAULT-VALUE}")
        String setBy;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Instant target;
            try {
                target = DistrictClock.parseTime(time);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Instant> current = connection.latest().map(ClockTick::getNow);
            if (current.isPresent() && target.isBefore(current.get())) {
                err.println("clock: refused: the district clock stands at " + ClockTopic.show(current.get())
                        + " and never runs backwards; " + ClockTopic.show(target) + " is before that."
                        + " (To replay from an earlier time, start over: bin/local-stack --fresh.)");
                return REFUSED;
            }
            if (current.isPresent() && target.equals(current.get())) {
                out.println("District clock: already at " + ClockTopic.show(target) + "; nothing to do.");
                return OK;
            }
            try (ClockSetter setter = new ClockSetter(connection.topic, setterConfig(connection.clientConfig()),
                    connection.clientConfig(), setBy)) {
                setter.set(target);
            } catch (IllegalStateException e) {
                throw new StackException(e.getMessage(), e);
            }
            out.println("District clock: " + date(target) + "  (" + ClockTopic.show(target) + "), moved from "
                    + current.map(ClockTopic::show).orElse("its start (no tick before)") + ", set by " + setBy);
            return OK;
        }

        private Map<String, Object> setterConfig(Map<String, Object> client) {
            Map<String, Object> config = new LinkedHashMap<>(client);
            config.put("max.block.ms", (int) connection.timeout().toMillis());
            config.put("request.timeout.ms", (int) Math.min(connection.timeout().toMillis(), 30_000));
            config.put("delivery.timeout.ms", (int) connection.timeout().toMillis() + 30_000);
            config.put("linger.ms", 0);
            return config;
        }
    }

    /** The clock's date in the district, e.g. {@code 2020-03-05}. */
    private static String date(Instant instant) {
        return LocalDate.ofInstant(instant, DistrictClock.ZONE).toString();
    }
}
