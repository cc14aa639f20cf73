package org.jingan.progress.streams.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The streams app: {@code java -cp ... org.jingan.progress.streams.app.StreamsApp --bootstrap-servers ...
 * --schema-registry-url ...} (every flag also has an environment variable; see {@code --help}). Runs until
 * stopped; SIGTERM / Ctrl-C closes Kafka Streams cleanly (committing what was processed).
 */
@Command(name = "streams-app", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the progress topology: targets and progress events in; standings, alerts, roll-ups and"
                + " history out (topics and queryable stores); exactly-once.")
public final class StreamsApp implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    @Mixin
    StreamsAppConfig config = new StreamsAppConfig();

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamsApp()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<StreamsAppHook> hooks = new ArrayList<>();
        ServiceLoader.load(StreamsAppHook.class).forEach(hooks::add);
        StreamsRunner runner = StreamsRunner.of(config, hooks);
        Thread shutdown = new Thread(() -> runner.close(Duration.ofSeconds(30)), "streams-app-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        runner.start();
        boolean failed = runner.awaitStop();
        LOG.info("Streams app stopped{}", failed ? " after a failure" : "");
        return failed ? 1 : 0;
    }
}
