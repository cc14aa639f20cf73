package org.jingan.progress.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.monitor.auth.OidcSettings;
import org.jingan.progress.monitor.auth.OperatorAuth;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class MonitorAppTest {

    @Test
    void shouldBuildTheConfigFromTheOptions() {
        MonitorApp app = new MonitorApp();
        new CommandLine(app).parseArgs("--bootstrap-servers", "kafka:9092", "--schema-registry-url", "http://reg:8080/apis/ccompat/v7",
                "--http-port", "0", "--group-id", "duty", "--webhook", "http://a/hook,https://b/hook", "--webhook", "http://c/hook",
                "--webhook-max-attempts", "3", "--repeat-interval-minutes", "0", "--kafka-property", "security.protocol=SSL");

        MonitorConfig config = app.config();

        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://reg:8080/apis/ccompat/v7");
        assertThat(config.httpPort()).isZero();
        assertThat(config.groupId()).isEqualTo("duty");
        assertThat(config.webhooks()).containsExactly(URI.create("http://a/hook"), URI.create("https://b/hook"), URI.create("http://c/hook"));
        assertThat(config.retryPolicy().maxAttempts()).isEqualTo(3);
        assertThat(config.notificationTimings().repeatInterval()).isEqualTo(Duration.ZERO);
        assertThat(config.clientProperties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldDefaultToTheLocalStackWithoutWebhooks() {
        MonitorApp app = new MonitorApp();
        new CommandLine(app).parseArgs();

        MonitorConfig config = app.config();

        assertThat(config.alertsTopic()).isEqualTo("progress-alerts");
        assertThat(config.acksTopic()).isEqualTo("alert-acknowledgements");
        assertThat(config.groupId()).isEqualTo(MonitorConfig.DEFAULT_GROUP_ID);
        assertThat(config.webhooks()).isEmpty();
    }

    @Test
    void shouldRunOnTheWallClockUnlessTheSimulatedClockIsAskedFor() {
        MonitorApp live = new MonitorApp();
        new CommandLine(live).parseArgs();
        assertThat(live.config().clockMode()).isEqualTo(ClockMode.WALL);
        assertThat(live.config().clockTopic()).isEqualTo("district-clock");
        assertThat(live.config().clockStart()).isEqualTo(Instant.parse("2020-01-01T00:00:00+08:00"));

        MonitorApp replay = new MonitorApp();
        new CommandLine(replay).parseArgs("--clock", "simulated", "--clock-start", "2020-06-01", "--clock-topic", "replay-clock");
        MonitorConfig config = replay.config();
        assertThat(config.clockMode()).isEqualTo(ClockMode.SIMULATED);
        assertThat(config.clockStart()).isEqualTo(Instant.parse("2020-06-01T00:00:00+08:00")); // midnight in Shanghai
        assertThat(config.clockTopic()).isEqualTo("replay-clock");

        MonitorApp offset = new MonitorApp();
        new CommandLine(offset).parseArgs("--clock", "SIMULATED", "--clock-start", "2020-03-30T09:00+08:00");
        assertThat(offset.config().clockStart()).isEqualTo(Instant.parse("2020-03-30T01:00:00Z"));
    }

    @Test
    void shouldRefuseAnUnknownClockOrStart() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MonitorApp()).setErr(new PrintWriter(err));

        assertThat(cli.execute("--clock", "moon")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(cli.execute("--clock", "simulated", "--clock-start", "30/03/2020")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("--clock must be wall or simulated, was 'moon'")
                .contains("clock start '30/03/2020' is not a date-time with offset like 2020-01-01T00:00+08:00");
    }

    @Test
    void shouldRefuseAWebhookThatIsNotHttp() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MonitorApp()).setErr(new PrintWriter(err));

        int exit = cli.execute("--webhook", "ftp://files/hook");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("webhook 'ftp://files/hook' must be an http:// or https:// URL");
    }

    @Test
    void shouldTakeTheOperatorsFileOidcSettingsAndAnonymousReading() {
        MonitorApp app = new MonitorApp();
        new CommandLine(app).parseArgs("--operators-file", "/etc/progress/monitor-operators",
                "--oidc-issuer", "https://sso.example/realms/jingan",
                "--oidc-jwks-url", "https://sso.example/realms/jingan/protocol/openid-connect/certs",
                "--oidc-audience", "progress-monitor", "--oidc-role-claim", "realm_access.roles",
                "--oidc-operator-role", "monitor-operator", "--anonymous-read");

        OperatorAuth auth = app.config().auth();

        assertThat(auth.operatorsFile()).isEqualTo(Path.of("/etc/progress/monitor-operators"));
        assertThat(auth.oidc()).isEqualTo(new OidcSettings("https://sso.example/realms/jingan",
                URI.create("https://sso.example/realms/jingan/protocol/openid-connect/certs"), "progress-monitor",
                "realm_access.roles", "monitor-operator", "viewer"));
        assertThat(auth.anonymousRead()).isTrue();
    }

    @Test
    void shouldNeedAViewerToReadByDefault() {
        MonitorApp app = new MonitorApp();
        new CommandLine(app).parseArgs();

        assertThat(app.config().auth().anonymousRead()).isFalse();
        assertThat(app.config().auth().noSignIn()).isTrue();
    }

    @Test
    void shouldRefuseHalfAnOidcSettingOrAMissingOperatorsFileBeforeTouchingKafka() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MonitorApp()).setErr(new PrintWriter(err));

        assertThat(cli.execute("--oidc-jwks-url", "https://sso.example/certs")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(cli.execute("--oidc-issuer", "https://sso.example")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(cli.execute("--operators-file", "/nonexistent/monitor-operators", "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("--oidc-jwks-url and --oidc-audience need --oidc-issuer")
                .contains("Missing OIDC JWKS URL")
                .contains("cannot read the operators file /nonexistent/monitor-operators");
    }
}
