package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The deploy step on the shared test cluster: it seeds an empty targets topic only and never undoes a revision. */
class ClusterInitTest {
    private final TestCluster cluster = TestCluster.get();

    @Test
    void shouldSeedTheCatalogOnceAndLeaveARevisionAsItIs() {
        Run first = clusterInit();
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("catalog: (the topic was empty: seeded it with the file|\\d+ targets on"
                + " the topic, the file is not republished)");
        CatalogPublisher publisher = new CatalogPublisher(cluster.clientConfig(), Topics.TARGETS.name(), Duration.ofSeconds(30));
        Target before = publisher.readPublished().get("s0-registered-unemployment");
        Target revised = Target.newBuilder(before).setTargetValue(before.getTargetValue() == null ? 10000.0
                : before.getTargetValue() + 1).build();
        publisher.publishTargets(List.of(revised), "ClusterInitTest: the city set the quota");
        int targets = publisher.readPublished().size();

        Run again = clusterInit();

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("catalog: " + targets + " targets on the topic, the file is not republished;"
                + " `catalog diff` shows what it would change");
        Target kept = publisher.readPublished().get("s0-registered-unemployment");
        assertThat(kept.getTargetValue()).isEqualTo(revised.getTargetValue());
        assertThat(kept.getRevision()).isEqualTo(before.getRevision() + 1);
    }

    private record Run(int exit, String out, String err) {
    }

    /** ClusterInit as the admin, its standard output captured. */
    private Run clusterInit() {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", cluster.bootstrapServers(),
                "--replication-factor", "1", "--wait-seconds", "30"));
        args.addAll(cluster.registryArgs());
        args.addAll(cluster.securityArgs("--kafka-property"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ClusterInit()).execute(args.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
