package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.jingan.progress.streams.app.StreamsAppConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The hook as the streams app runs it: its HTTP settings come from the app's command line. */
class QueryServerHookTest {
    private static final String KEY_READ = ClusterStores.INTERNAL + "target-standing/partitions/0/keys/t";

    @TempDir
    Path dir;
    private final List<QueryServerHook> hooks = new ArrayList<>();

    @AfterEach
    void close() {
        hooks.forEach(QueryServerHook::close);
    }

    @Test
    void shouldTakeThePeerSecretFromTheFileGiven() throws IOException {
        Path file = Files.writeString(dir.resolve("peer-secret"), "shared-by-every-instance-0123\n");
        Http http = started("--peer-secret-file", file.toString());

        assertThat(http.get(KEY_READ, Map.of(PeerSecret.HEADER, "shared-by-every-instance-0123")).status())
                .as("past the check: not ready, no streams attached").isEqualTo(503);
        assertThat(http.get(KEY_READ, Map.of(PeerSecret.HEADER, "shared-by-every-instance-0124")).status()).isEqualTo(401);
    }

    @Test
    void shouldAnswerNoPeerWithoutASecretFile() {
        Http http = started();

        assertThat(http.get(KEY_READ).status()).isEqualTo(401);
        assertThat(http.get(KEY_READ, Map.of(PeerSecret.HEADER, PeerSecret.random().value())).status()).isEqualTo(401);
    }

    @Test
    void shouldServeMetricsAndHealthOnTheManagementPortGiven() throws IOException {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        started("--management-port", String.valueOf(port), "--management-bind", "127.0.0.1");
        Http management = new Http(hooks.get(0).server().managementUrl());

        assertThat(hooks.get(0).server().managementUrl()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(management.get("/health/live").status()).isEqualTo(200);
        assertThat(management.get("/health/ready").status()).as("no streams attached").isEqualTo(503);
    }

    private Http started(String... options) {
        List<String> args = new ArrayList<>(List.of("--schema-registry-url", "mem://hook-test"));
        args.addAll(List.of(options));
        StreamsAppConfig config = new StreamsAppConfig();
        new CommandLine(config).parseArgs(args.toArray(String[]::new));
        QueryServerHook hook = new QueryServerHook(QueryServerConfig.defaults(QueryStores.progressTopology()));
        hooks.add(hook);
        hook.configure(config, new Properties());
        return new Http("http://" + hook.server().applicationServer());
    }
}
