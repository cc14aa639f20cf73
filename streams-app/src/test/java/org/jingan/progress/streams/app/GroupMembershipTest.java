package org.jingan.progress.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.jingan.progress.streams.topology.RejectionCounters;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How the app picks static or dynamic group membership, and the group.instance.id it derives. */
class GroupMembershipTest {

    private static StreamsAppConfig parse(String... args) {
        StreamsApp app = new StreamsApp();
        new CommandLine(app).parseArgs(args);
        return app.config;
    }

    private static Properties streamsProperties(String... args) {
        return parse(args).streamsProperties(new RejectionCounters());
    }

    @Test
    void shouldDeriveAStaticInstanceIdFromTheApplicationIdAndTheAdvertisedQueryEndpoint() {
        Properties p = streamsProperties("--schema-registry-url", "mem://m", "--application-id", "progress-streams",
                "--application-server", "streams-app-1:8080");

        assertThat(p.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("progress-streams-streams-app-1-8080");
        assertThat(p.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("30000");
        new StreamsConfig(p); // valid for Kafka Streams
    }

    @Test
    void shouldGiveTwoInstancesOnOneHostDifferentIdsAndARestartedInstanceItsOldOne() {
        String first = membership("--application-server", "127.0.0.1:7070").instanceId();
        String second = membership("--application-server", "127.0.0.1:7071").instanceId();
        String firstRestarted = membership("--application-server", "127.0.0.1:7070").instanceId();

        assertThat(first).isNotNull().isNotEqualTo(second).isEqualTo(firstRestarted);
    }

    @Test
    void shouldTakeAnExplicitInstanceIdOverTheDerivedOne() {
        GroupMembership m = membership("--instance-id", "progress-streams-0", "--application-server", "127.0.0.1:7070");

        assertThat(m.instanceId()).isEqualTo("progress-streams-0");
        assertThat(m.reason()).contains("--instance-id");
    }

    @Test
    void shouldFallBackToDynamicMembershipAndSayWhyWhenTheQueryPortIsPickedAtStart() {
        GroupMembership noServer = membership();
        GroupMembership anyPort = membership("--application-server", "127.0.0.1:0");

        assertThat(noServer.isStatic()).isFalse();
        assertThat(noServer.reason()).startsWith("dynamic: no stable identity").contains("--instance-id");
        assertThat(anyPort.isStatic()).isFalse();
        assertThat(anyPort.reason()).contains("no fixed port");
        assertThat(streamsProperties("--schema-registry-url", "mem://m", "--application-server", "127.0.0.1:0"))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void shouldJoinDynamicallyWhenStaticMembershipIsTurnedOff() {
        GroupMembership m = membership("--static-membership=false", "--application-server", "127.0.0.1:7070");

        assertThat(m.isStatic()).isFalse();
        assertThat(m.reason()).isEqualTo("dynamic: --static-membership=false");
        assertThat(membership("--static-membership", "--application-server", "127.0.0.1:7070").isStatic()).isTrue();
    }

    @Test
    void shouldRefuseContradictingOrIllegalSettingsWithAClearMessage() {
        assertThatThrownBy(() -> membership("--static-membership=false", "--instance-id", "a"))
                .hasMessageContaining("drop one of them");
        assertThatThrownBy(() -> membership("--instance-id", "pod 1"))
                .hasMessageContaining("'pod 1' is not a valid group.instance.id").hasMessageContaining("a-z A-Z 0-9 . _ -");
        assertThatThrownBy(() -> membership("--instance-id", "a", "--streams-config", "group.protocol=streams"))
                .hasMessageContaining("no static membership");
    }

    @Test
    void shouldReplaceCharactersKafkaRefusesInTheDerivedId() {
        assertThat(membership("--application-server", "[::1]:7070").instanceId()).isEqualTo("progress-streams-__1-7070");
        assertThat(membership("--application-server", "Streams-App-1:7070").instanceId())
                .isEqualTo("progress-streams-streams-app-1-7070");
    }

    @Test
    void shouldLeaveAGroupInstanceIdGivenAsAStreamsSettingAsItIs() {
        Properties p = streamsProperties("--schema-registry-url", "mem://m", "--application-server", "127.0.0.1:7070",
                "--streams-config", "group.instance.id=mine", "--streams-config", "session.timeout.ms=10000");

        assertThat(p.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("mine");
        assertThat(p.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("10000");
        assertThat(GroupMembership.decide(true, null, "app", null, Map.of("main.consumer.group.instance.id", "x")).instanceId())
                .isEqualTo("x");
    }

    @Test
    void shouldStayDynamicUnderTheStreamsRebalanceProtocol() {
        GroupMembership m = membership("--application-server", "127.0.0.1:7070", "--streams-config", "group.protocol=streams");

        assertThat(m.isStatic()).isFalse();
        assertThat(m.reason()).contains("group.protocol=streams");
    }

    @Test
    void shouldTakeTheSessionTimeoutFromItsFlag() {
        Properties slow = streamsProperties("--schema-registry-url", "mem://m", "--session-timeout", "2m");
        Properties fast = streamsProperties("--schema-registry-url", "mem://m", "--session-timeout", "10s");

        assertThat(slow.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("120000");
        assertThat(slow.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo("3000");
        assertThat(fast.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("10000");
        assertThat(fast.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo("1000");
    }

    private static GroupMembership membership(String... args) {
        return parse(args).membership();
    }
}
