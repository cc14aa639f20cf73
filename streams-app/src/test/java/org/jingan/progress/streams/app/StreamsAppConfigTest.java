package org.jingan.progress.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.topology.DeadLetterProcessingHandler;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.jingan.progress.streams.topology.RejectionCounters;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamsAppConfigTest {

    private static StreamsAppConfig parse(String... args) {
        StreamsApp app = new StreamsApp();
        new CommandLine(app).parseArgs(args);
        return app.config;
    }

    @Test
    void shouldRunExactlyOnceWithAShortCommitIntervalAndTheDeadLetterTopicByDefault() {
        RejectionCounters counters = new RejectionCounters();
        Properties p = parse("--schema-registry-url", "mem://cfg").streamsProperties(counters);

        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("50");
        assertThat(p.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("progress-dead-letters");
        assertThat(p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterProcessingHandler.class.getName());
        assertThat(p.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("0");
        assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("progress-streams");
        assertThat(p.get(StreamsConfig.STATE_DIR_CONFIG).toString()).endsWith("progress-streams");
        assertThat(p.get(RejectionCounters.CONFIG_KEY)).isSameAs(counters);
        assertThat(p.get("schema.registry.url")).isEqualTo("mem://cfg");
        assertThat(p).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
        // no application.server, no --instance-id: nothing identifies this instance across restarts
        assertThat(p).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(p.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("30000");
        assertThat(p.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo("3000");
        // reports that overtake their target are held by the topology, so the inputs need not be read in lock step
        assertThat(p.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("-1");
        // the settings are valid for Kafka Streams
        new StreamsConfig(p);
    }

    @Test
    void shouldTakeTheClustersReplicationForInternalTopicsUnlessGiven() {
        Properties byDefault = parse("--schema-registry-url", "mem://cfg").streamsProperties(new RejectionCounters());
        assertThat(byDefault.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo("-1");
        assertThat(byDefault).doesNotContainKey(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));

        Properties three = parse("--schema-registry-url", "mem://cfg", "--replication-factor", "3")
                .streamsProperties(new RejectionCounters());
        assertThat(three.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo("3");
        assertThat(three.get(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG))).isEqualTo("2");
        new StreamsConfig(three);

        Properties one = parse("--schema-registry-url", "mem://cfg", "--replication-factor", "1")
                .streamsProperties(new RejectionCounters());
        assertThat(one.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo("1");
        assertThat(one).doesNotContainKey(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));

        Properties overridden = parse("--schema-registry-url", "mem://cfg", "--replication-factor", "3",
                "--streams-config", "topic.min.insync.replicas=3").streamsProperties(new RejectionCounters());
        assertThat(overridden.get(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG))).isEqualTo("3");
    }

    @Test
    void shouldNotRegisterSchemasOnARealRegistryUnlessToldTo() {
        String url = "http://127.0.0.1:1/apis/ccompat/v7";
        assertThat(parse("--schema-registry-url", url).registryConfig()).containsEntry("auto.register.schemas", false);
        assertThat(parse("--schema-registry-url", url, "--schema-registry-auto-register").registryConfig())
                .containsEntry("auto.register.schemas", true);
        assertThat(parse("--schema-registry-url", "mem://cfg").registryConfig())
                .as("an in-JVM registry has no deploy step").containsEntry("auto.register.schemas", true);
    }

    @Test
    void shouldReadTheInputsInLockStepWhenReportsForUnknownTargetsAreNotHeld() {
        StreamsAppConfig config = parse("--schema-registry-url", "mem://cfg", "--unknown-target-grace", "0s",
                "--dead-letter-topic", "dlq");

        assertThat(config.streamsProperties(new RejectionCounters())).doesNotContainKey(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
        assertThat(config.topologyConfig().unknownTargetGrace()).isZero();
        assertThat(config.topologyConfig().deadLetterTopic()).isEqualTo("dlq");
        assertThat(parse("--schema-registry-url", "mem://cfg").topologyConfig().unknownTargetGrace())
                .isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void shouldTakeEveryRuleFromFlags() {
        StreamsAppConfig config = parse("--schema-registry-url", "mem://cfg", "--at-risk-gap", "-0.1", "--behind-gap",
                "-0.2", "--stale-after", "10d", "--publish-interval", "0ms", "--backlog-lag", "0s", "--backlog-publish-interval", "5s", "--clock", "simulated", "--clock-start", "2020-03-01",
                "--max-event-time-ahead", "2h", "--reporting-grace", "10d", "--history-bucket", "MONTH",
                "--forecast-half-life", "P7D", "--application-server", "127.0.0.1:7070", "--standby-replicas", "1",
                "--streams-config", "session.timeout.ms=10000", "--events-topic", "ev", "--status-clear-margin", "0.03",
                "--milestone-last-stretch", "14d");

        ProgressTopologyConfig topology = config.topologyConfig();
        RuleConfig rules = topology.rules();
        assertThat(rules.atRiskGap()).isEqualTo(-0.1);
        assertThat(rules.behindGap()).isEqualTo(-0.2);
        assertThat(rules.staleAfter()).isEqualTo(Duration.ofDays(10));
        assertThat(rules.forecastHalfLife()).isEqualTo(Duration.ofDays(7));
        assertThat(rules.statusClearMargin()).isEqualTo(0.03);
        assertThat(rules.milestoneLastStretch()).isEqualTo(Duration.ofDays(14));
        assertThat(parse("--schema-registry-url", "mem://cfg").rules()).as("the documented defaults")
                .isEqualTo(RuleConfig.defaults());
        assertThat(topology.publishInterval()).isZero();
        assertThat(topology.backlogLag()).isZero();
        assertThat(topology.backlogPublishInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(topology.clockMode()).isEqualTo(ClockMode.SIMULATED);
        assertThat(topology.clockStart()).isEqualTo(java.time.Instant.parse("2020-02-29T16:00:00Z"));
        assertThat(topology.maxEventTimeAhead()).isEqualTo(Duration.ofHours(2));
        assertThat(topology.reportingGrace()).isEqualTo(Duration.ofDays(10));
        assertThat(topology.historyBucket()).isEqualTo(ProgressTopologyConfig.HistoryBucket.MONTH);
        assertThat(topology.eventsTopic()).isEqualTo("ev");
        Properties p = config.streamsProperties(new RejectionCounters());
        assertThat(p.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("127.0.0.1:7070");
        assertThat(p.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("1");
        assertThat(p.get("session.timeout.ms")).isEqualTo("10000");
    }

    @Test
    void shouldKeepMetricsAndHealthOnLoopbackAndHaveNoPeerSecretUnlessGiven() {
        StreamsAppConfig byDefault = parse("--schema-registry-url", "mem://cfg");
        StreamsAppConfig given = parse("--schema-registry-url", "mem://cfg", "--management-port", "8089",
                "--management-bind", "0.0.0.0", "--peer-secret-file", "/run/secrets/streams-peer-secret");

        assertThat(byDefault.managementBind()).isEqualTo("127.0.0.1");
        assertThat(byDefault.managementPort()).as("a free port").isZero();
        assertThat(byDefault.peerSecretFile()).isNull();
        assertThat(given.managementBind()).isEqualTo("0.0.0.0");
        assertThat(given.managementPort()).isEqualTo(8089);
        assertThat(given.peerSecretFile()).hasToString("/run/secrets/streams-peer-secret");
    }

    @Test
    void shouldRefuseThresholdsInTheWrongOrderWithAClearMessage() {
        StreamsAppConfig config = parse("--at-risk-gap", "-0.2", "--behind-gap", "-0.1");

        assertThatThrownBy(config::topologyConfig).hasMessageContaining("behindGap <= atRiskGap");
    }

    @Test
    void shouldExplainABadDuration() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new StreamsApp()).setErr(new PrintWriter(err)).execute("--stale-after", "soon");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("'soon' is not a duration");
    }
}
