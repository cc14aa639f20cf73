package org.jingan.progress.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.RejectionCounters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pipeline as a child JVM, for the replay and kill -9 restore measurements. Prints one line per milestone on
 * stdout ({@code RUNNING}, {@code READY} once the standing store answers for {@code --probe-target}) and runs until
 * killed. Ends itself when the benchmark JVM ({@code --parent-pid}) is gone, so it is never left behind.
 */
@Command(name = "pipeline-process")
public final class PipelineProcess implements Callable<Integer> {
    static final String STARTED = "STARTED";
    static final String RUNNING = "RUNNING";
    static final String READY = "READY";

    @Option(names = "--bootstrap-servers", required = true) String bootstrapServers;
    @Option(names = "--registry-url", required = true) String registryUrl;
    @Option(names = "--registry-user-info") String registryUserInfo;
    /** The cluster's client security settings, passed to the app as {@code --streams-config}. */
    @Option(names = "--kafka-property") java.util.Map<String, String> kafkaProperties = new java.util.LinkedHashMap<>();
    @Option(names = "--application-id", required = true) String applicationId;
    @Option(names = "--targets-topic", required = true) String targetsTopic;
    @Option(names = "--events-topic", required = true) String eventsTopic;
    @Option(names = "--output-prefix", required = true) String outputPrefix;
    @Option(names = "--state-dir", required = true) Path stateDir;
    @Option(names = "--threads", defaultValue = "1") int threads;
    @Option(names = "--probe-target", required = true) String probeTarget;
    @Option(names = "--parent-pid", required = true) long parentPid;
    /** The app's own membership options, e.g. {@code --instance-id NAME} or {@code --static-membership=false}. */
    @Option(names = "--app-option") List<String> appOptions = new ArrayList<>();

    public static void main(String[] args) {
        int code = new CommandLine(new PipelineProcess()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        say(STARTED);
        watchParent();
        Pipeline.Topics topics = Pipeline.Topics.of(outputPrefix, targetsTopic, eventsTopic);
        List<String> moreAppArgs = new ArrayList<>(appOptions);
        kafkaProperties.forEach((k, v) -> moreAppArgs.addAll(List.of("--streams-config", k + "=" + v)));
        StreamsAppConfig app = Pipeline.appConfig(applicationId, bootstrapServers, new BenchRegistry(registryUrl, registryUserInfo), threads, stateDir, topics,
                null, false, moreAppArgs);
        System.err.println("Group membership: " + app.membership().reason()
                + (app.membership().isStatic() ? " (group.instance.id " + app.membership().instanceId() + ")" : ""));
        Properties config = app.streamsProperties(new RejectionCounters());
        KafkaStreams streams = new KafkaStreams(Pipeline.topology(Pipeline.topologyConfig(topics, false), config), config);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                say(RUNNING);
            } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                say("FAILED " + now);
                Runtime.getRuntime().halt(3);
            }
        });
        streams.start();
        while (true) {
            if (streams.state() == KafkaStreams.State.RUNNING && answers(streams)) {
                say(READY);
                break;
            }
            Thread.sleep(10);
        }
        Thread.currentThread().join(); // until killed
        return 0;
    }

    private boolean answers(KafkaStreams streams) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(ProgressStores.TARGET_STANDING,
                    QueryableStoreTypes.keyValueStore())).get(probeTarget) != null;
        } catch (RuntimeException e) {
            return false; // not open yet
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line + " " + System.currentTimeMillis());
        System.out.flush();
    }

    private void watchParent() {
        Thread watchdog = new Thread(() -> {
            while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(2); // the benchmark is gone: do not linger
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
