package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.stack.demo.DemoGenerator;
import org.jingan.progress.stack.demo.DemoReport;
import org.jingan.progress.stack.demo.DemoScript;
import org.jingan.progress.stack.demo.DemoTally;
import org.jingan.progress.stack.demo.KafkaDemoSink;
import org.jingan.progress.stack.demo.ReplayListener;
import org.jingan.progress.stack.demo.ReplaySpeed;
import org.jingan.progress.streams.query.PeerSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The launcher end to end, in this JVM, on free ports and a temporary data directory: a real broker, the Apicurio
 * child process, the intake API and the replay of the whole demo year as fast as it goes; then a stop and a second
 * start on the same directory, which must resume rather than count anything twice.
 */
class LocalStackIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant JANUARY_FIRST = Instant.parse("2020-01-01T00:00:00+08:00");
    private static final Instant YEAR_END = Instant.parse("2020-12-31T23:00:00+08:00");

    @TempDir
    Path dataDir;

    @Test
    void shouldStartPublishReplayTheDemoStopAndResumeWithTheSameTotals() throws Exception {
        StackConfig config = config(dataDir, true);
        List<ProgressEvent> firstRun;
        DemoScript script;
        Map<String, JsonNode> firstStandings;
        List<ClockTick> ticksAfterFirstRun;
        String acknowledgedKey;
        String constructionKey;
        try (Stack stack = Stack.start(config, line -> { })) {
            script = stack.demoScript();
            assertThat(stack.where()).containsKeys("Kafka broker", "Schema registry", "District clock", "Catalog",
                    "Dashboard", "Intake API", "Monitoring center", "Demo", "Data directory");
            assertThat(stack.where().get("District clock")).as("the banner's clock line")
                    .startsWith("2020-01-01  (simulated, Asia/Shanghai").contains("bin/clock set");
            assertThat(stack.districtClock().live()).isFalse();
            assertThat(stack.districtClock().now()).isEqualTo(JANUARY_FIRST);
            constructionKey = assertTheBannersIntakeLinesAnswerAndNameTheKeysFileNotAKey(stack);

            Map<String, Target> published = publishedTargets(stack);
            assertThat(published).hasSize(script.targets().size());
            assertRegistryReadOnlyForTheApps(stack.schemaRegistryUrl(), config.credentialsDir());

            stack.startDemo(ReplayListener.NONE);
            await().atMost(Duration.ofSeconds(45)).until(() -> stack.replayer().isFinished()
                    || stack.replayer().failure() != null);
            assertThat(stack.replayer().failure()).isNull();
            assertThat(stack.replayer().rejected()).as("reports the intake refused").isZero();

            firstRun = progressEvents(stack, script.reports().size());
            assertThat(firstRun).extracting(ProgressEvent::getEventId)
                    .containsExactlyInAnyOrderElementsOf(script.reports().stream().map(DemoReport::eventId).toList());
            assertThat(firstRun).allMatch(e -> e.getChannel().equals("DEMO"));
            assertThat(publishedTargets(stack).get("s0-registered-unemployment").getTargetValue())
                    .as("the demo set the open ceiling").isNotNull();

            await().atMost(Duration.ofSeconds(10)).until(() -> stack.districtClock().now().equals(YEAR_END));
            List<ClockTick> ticks = ClockTopic.ticks(Topics.CLOCK.name(), stack.clientConfig(), Duration.ofSeconds(30));
            ticksAfterFirstRun = ticks;
            assertThat(ticks).extracting(ClockTick::getNow).as("the demo moved the clock through the year, never back")
                    .hasSizeGreaterThanOrEqualTo(365).isSortedAccordingTo(Comparator.naturalOrder()).last()
                    .isEqualTo(YEAR_END);

            Map<String, Double> expected = DemoTally.actuals(script.targets(), script.reports(), Instant.MAX);
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                Map<String, JsonNode> now = standings(stack);
                assertThat(now.keySet()).as("every target on the dashboard").isEqualTo(expected.keySet());
                now.forEach((id, standing) -> assertThat(standing.path("actual").asDouble()).as(id)
                        .isCloseTo(expected.get(id), within(1e-6)));
            });
            firstStandings = standings(stack);
            assertThat(firstStandings.values()).extracting(s -> s.path("status").asText())
                    .contains("COMPLETED", "BREACHED");

            acknowledgedKey = shouldActOnTheMonitorOnlyAsItsGeneratedOperator(stack);
            assertReadSideLocked(stack, config);
        }

        try (Stack again = Stack.start(config(dataDir, false), line -> { })) {
            assertThat(again.where().get("Catalog")).as("the file is not republished over the demo's revision")
                    .contains(script.targets().size() + " targets on the topic, the file is not republished");
            assertThat(again.where().get("Demo")).contains("already replayed");
            assertThat(again.districtClock().now()).as("the clock's topic kept the year's end").isEqualTo(YEAR_END);
            assertThat(keyOf(again.departmentKeysFile(), "construction")).as("the data directory's keys are kept")
                    .isEqualTo(constructionKey);
            again.startDemo(ReplayListener.NONE);
            await().atMost(Duration.ofSeconds(10)).until(() -> again.replayer().isFinished());
            assertThat(ClockTopic.ticks(Topics.CLOCK.name(), again.clientConfig(), Duration.ofSeconds(30)))
                    .as("nothing more to tick after the year's end").hasSameSizeAs(ticksAfterFirstRun);

            List<ProgressEvent> afterRestart = progressEvents(again, firstRun.size());
            assertThat(afterRestart).as("nothing sent twice after the restart").hasSameSizeAs(firstRun);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, JsonNode> now = standings(again);
                assertThat(now.keySet()).isEqualTo(firstStandings.keySet());
                now.forEach((id, standing) -> assertThat(standing.path("actual").asDouble()).as(id)
                        .isEqualTo(firstStandings.get(id).path("actual").asDouble()));
            });
            assertThat(publishedTargets(again).get("s0-registered-unemployment").getTargetValue())
                    .as("the demo's revision survives the catalog publication of the restart").isNotNull();
            MonitorLogins.Login operator = again.monitorLogins().operator();
            assertThat(again.monitorLogins().operator().password()).as("the accounts are kept, not made again")
                    .isEqualTo(MonitorLogins.loadOrCreate(dataDir.resolve("credentials")).operator().password());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(monitorJson(again,
                    "/api/alerts/" + acknowledgedKey, operator).path("acknowledged").path("by").asText())
                    .as("the decision and its author survive the restart").isEqualTo(MonitorLogins.OPERATOR));

            // The benchmark path: reports straight to the topic, bypassing the intake.
            List<DemoReport> extra = DemoGenerator.generate(script.targets(), 7).reports().subList(0, 3);
            try (KafkaDemoSink direct = new KafkaDemoSink(again.clientConfig(), revised -> { })) {
                assertThat(direct.send(extra)).isEmpty();
            }
            assertThat(progressEvents(again, firstRun.size() + 3)).extracting(ProgressEvent::getEventId)
                    .containsAll(extra.stream().map(DemoReport::eventId).toList());
        }
    }

    /**
     * The intake's banner lines: its URL answers an index, the keys file is named (mode 600) and no key is printed,
     * and the key in the file opens the department's targets. Returns construction's key.
     */
    private static String assertTheBannersIntakeLinesAnswerAndNameTheKeysFileNotAKey(Stack stack) throws Exception {
        Path keys = stack.departmentKeysFile();
        String key = keyOf(keys, "construction");
        assertThat(key).startsWith("jpk_").isNotEqualTo("demo-construction-key");
        assertThat(Files.getPosixFilePermissions(keys)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(stack.where().get("  department keys")).contains(keys.toString());
        assertThat(String.join("\n", stack.where().values())).doesNotContain(key).doesNotContain("demo-construction-key");

        String intakeApi = stack.where().get("Intake API").split(" ")[0];
        HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(URI.create(intakeApi)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).as("the banner's intake URL").isEqualTo(200);
        assertThat(index.body()).contains("/api/v1/openapi.json");
        HttpResponse<String> targets = HTTP.send(HttpRequest.newBuilder(URI.create(intakeApi + "/targets"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(targets.statusCode()).as(targets.body()).isEqualTo(200);
        return key;
    }

    private static String keyOf(Path keysFile, String department) throws IOException {
        var keys = new java.util.Properties();
        try (var in = Files.newBufferedReader(keysFile)) {
            keys.load(in);
        }
        return keys.getProperty(department);
    }

    @Test
    void shouldRunOnTheWallClockWithLive() throws Exception {
        StackConfig live = new StackConfig(dataDir, true, null, null, null, Map.of(), 1, StackConfig.Ports.ANY,
                ReplaySpeed.MAX, false, 2020, StackConfig.Clock.WALL);
        try (Stack stack = Stack.start(live, line -> { })) {
            String today = LocalDate.now(DistrictClock.ZONE).toString();
            assertThat(stack.districtClock().live()).isTrue();
            assertThat(stack.where().get("District clock")).startsWith(today).contains("wall clock");
            assertThat(stack.where()).doesNotContainKey("Demo");
            JsonNode clock = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(
                    URI.create(stack.dashboardUrl() + "/api/v1/clock")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(clock.path("mode").asText()).as("the streams app's clock").isEqualTo("wall");
            assertThat(clock.path("date").asText()).isIn(today, LocalDate.now(DistrictClock.ZONE).toString());
            assertThat(ClockTopic.ticks(Topics.CLOCK.name(), stack.clientConfig(), Duration.ofSeconds(30)))
                    .as("nothing moves a simulated clock").isEmpty();
        }
    }

    @Test
    void shouldRefuseTheClockDateOnTheWallClockAndATimeThatIsNoTimeWithOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new LocalStack(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        int bothClocks = cli.execute("--data-dir", dataDir.toString(), "--live", "--clock-date", "2020-03-05");
        int notATime = cli.execute("--data-dir", dataDir.toString(), "--clock-date", "5 March");

        assertThat(bothClocks).isEqualTo(2);
        assertThat(notATime).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().split("\n")).containsExactly(
                "local-stack: --clock-date moves the simulated district clock, --live runs on the wall clock: give one or"
                        + " the other.",
                "local-stack: '5 March' is not a date or time: write 2020-03-31, 2020-03-31T17:00 (Asia/Shanghai) or"
                        + " 2020-03-31T17:00+08:00");
    }

    @Test
    void shouldRefuseATakenPortWithOneLineNamingTheFlag() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int port = taken.getLocalPort();

            int exit = new CommandLine(new LocalStack(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--data-dir", dataDir.toString(),
                    "--no-demo", "--kafka-port", "0", "--kafka-controller-port", "0", "--registry-port", "0",
                    "--dashboard-port", "0", "--monitor-port", "0", "--streams-management-port", "0",
                    "--intake-port", String.valueOf(port));

            String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
            assertThat(exit).isEqualTo(1);
            assertThat(lines[0]).isEqualTo("local-stack: Port " + port + " on 127.0.0.1 (intake API) is already in use."
                    + " Stop what holds it (`ss -ltnp | grep :" + port + "`) or choose another port with --intake-port.");
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void shouldRefuseAnUnreachableExternalClusterWithOneLine() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort(); // free again once closed: nothing listens there
        }
        StackConfig external = new StackConfig(dataDir, false, "127.0.0.1:" + closedPort,
                "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7", null, Map.of(), 1, StackConfig.Ports.ANY,
                ReplaySpeed.MAX, false, 1);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Stack.start(external, line -> { }));

        assertThat(Errors.oneLine(thrown)).startsWith("Kafka at 127.0.0.1:" + closedPort + " is unreachable")
                .contains("--bootstrap-servers").doesNotContain("\n");
    }

    /**
     * The monitor's two generated accounts: kept owner-only in the data directory, named but never shown by the banner;
     * reading needs one, acting the operator, and the decision records the operator's name. Returns the acknowledged
     * alert's dedup key.
     */
    private static String shouldActOnTheMonitorOnlyAsItsGeneratedOperator(Stack stack) throws Exception {
        MonitorLogins logins = stack.monitorLogins();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logins.loginsFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logins.operatorsFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logins.loginsFile().getParent())))
                .isEqualTo("rwx------");
        assertThat(stack.where().get("  monitor logins")).contains(logins.loginsFile().toString())
                .doesNotContain(logins.operator().password()).doesNotContain(logins.viewer().password());
        assertThat(Files.readString(logins.operatorsFile())).doesNotContain(logins.operator().password());

        await().atMost(Duration.ofSeconds(30)).until(() -> monitorJson(stack, "/api/alerts", logins.viewer())
                .path("count").asInt() > 0);
        String key = monitorJson(stack, "/api/alerts", logins.viewer()).path("alerts").get(0).path("dedupKey").asText();
        assertThat(monitor(stack, "GET", "/api/alerts", null).statusCode()).isEqualTo(401);
        assertThat(monitor(stack, "POST", "/api/alerts/" + key + "/ack", logins.viewer()).statusCode()).isEqualTo(403);
        HttpResponse<String> ack = monitor(stack, "POST", "/api/alerts/" + key + "/ack", logins.operator());
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(monitorJson(stack, "/api/alerts/" + key, logins.viewer()).path("acknowledged").path("by").asText())
                .isEqualTo(MonitorLogins.OPERATOR);
        return key;
    }

    private static HttpResponse<String> monitor(Stack stack, String method, String path, MonitorLogins.Login login)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.monitorUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (login != null) {
            request.header("Authorization", login.basicAuthorization());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode monitorJson(Stack stack, String path, MonitorLogins.Login login)
            throws IOException, InterruptedException {
        HttpResponse<String> response = monitor(stack, "GET", path, login);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /**
     * The public port serves the dashboard and query API only: /internal wants the data directory's peer secret
     * (mode 600, never in the banner), metrics and health are on the loopback management port.
     */
    private static void assertReadSideLocked(Stack stack, StackConfig config) throws Exception {
        Path secretFile = config.streamsPeerSecretFile();
        String secret = java.nio.file.Files.readString(secretFile).strip();
        String internal = stack.dashboardUrl() + "/internal/v1/stores/target-standing/partitions?ids=0&limit=5";

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(secretFile)))
                .isEqualTo("rw-------");
        assertThat(stack.where().values()).noneMatch(line -> line.contains(secret))
                .anyMatch(line -> line.contains(secretFile.toString()));
        assertThat(status(internal, Map.of())).isEqualTo(401);
        assertThat(status(internal, Map.of(PeerSecret.HEADER, secret))).isEqualTo(200);
        assertThat(status(stack.dashboardUrl() + "/metrics", Map.of())).isEqualTo(404);
        assertThat(stack.streamsManagementUrl()).startsWith("http://127.0.0.1:");
        assertThat(status(stack.streamsManagementUrl() + "/metrics", Map.of())).isEqualTo(200);
        assertThat(status(stack.streamsManagementUrl() + "/health/ready", Map.of())).isEqualTo(200);
        assertThat(status(stack.intakeUrl() + "/metrics", Map.of())).isEqualTo(404);
        assertThat(stack.intakeManagementUrl()).startsWith("http://127.0.0.1:");
        assertThat(status(stack.intakeManagementUrl() + "/metrics", Map.of())).isEqualTo(200);
        assertThat(status(stack.intakeManagementUrl() + "/health/ready", Map.of())).isEqualTo(200);
        assertThat(status(stack.monitorUrl() + "/metrics", Map.of())).isEqualTo(404);
        assertThat(stack.monitorManagementUrl()).startsWith("http://127.0.0.1:");
        assertThat(status(stack.monitorManagementUrl() + "/metrics", Map.of())).isEqualTo(200);
        assertThat(status(stack.monitorManagementUrl() + "/health/ready", Map.of())).isEqualTo(200);
        assertThat(stack.where().values()).anyMatch(line -> line.contains(stack.monitorManagementUrl() + "/health/ready"));
    }

    private static int status(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Each target's standing as the dashboard's query API gives it. */
    private static Map<String, JsonNode> standings(Stack stack) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/targets"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> standings = new java.util.TreeMap<>();
        new ObjectMapper().readTree(response.body()).path("items")
                .forEach(item -> standings.put(item.path("targetId").asText(), item));
        return standings;
    }

    /**
     * The stack's registry answers only logins: an app's (the streams app's, from its credentials file) may read but
     * neither change a compatibility rule, register a schema nor delete one.
     */
    private static void assertRegistryReadOnlyForTheApps(String registryUrl, Path credentials) throws Exception {
        java.util.Properties streamsApp = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(credentials.resolve("streams-app.properties"))) {
            streamsApp.load(in);
        }
        String login = "Basic " + java.util.Base64.getEncoder().encodeToString(
                streamsApp.getProperty("basic.auth.user.info").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String subject = registryUrl + "/subjects/" + Topics.PROGRESS_EVENTS.name() + "-value";
        java.util.function.BiFunction<String, String, HttpRequest.Builder> asApp = (method, url) -> HttpRequest
                .newBuilder(java.net.URI.create(url)).header("Authorization", login)
                .header("Content-Type", "application/vnd.schemaregistry.v1+json");

        assertThat(HTTP.send(HttpRequest.newBuilder(java.net.URI.create(registryUrl + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(HTTP.send(asApp.apply("GET", registryUrl + "/subjects").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains(Topics.PROGRESS_EVENTS.name() + "-value");
        assertThat(HTTP.send(asApp.apply("PUT", registryUrl + "/config/" + Topics.PROGRESS_EVENTS.name() + "-value")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("compatibility change by an app").isEqualTo(403);
        assertThat(HTTP.send(asApp.apply("POST", subject + "/versions").POST(HttpRequest.BodyPublishers.ofString(
                "{\"schema\":\"\\\"string\\\"\"}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("registration by an app").isEqualTo(403);
        assertThat(HTTP.send(asApp.apply("DELETE", subject).DELETE().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("delete by an app").isEqualTo(403);
        assertThat(HTTP.send(asApp.apply("GET", registryUrl + "/config/" + Topics.PROGRESS_EVENTS.name() + "-value")
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).contains("BACKWARD");
    }

    private static StackConfig config(Path dataDir, boolean fresh) {
        return new StackConfig(dataDir, fresh, null, null, null, Map.of(), 1, StackConfig.Ports.ANY, ReplaySpeed.MAX,
                true, 2020);
    }

    private static Map<String, Target> publishedTargets(Stack stack) {
        return new CatalogPublisher(stack.clientConfig(), Topics.TARGETS.name(), Duration.ofSeconds(30)).readPublished();
    }

    /** Every record on the progress-events topic, read from the beginning until {@code expected} arrived. */
    private static List<ProgressEvent> progressEvents(Stack stack, int expected) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        SpecificAvroDeserializer<ProgressEvent> values = new SpecificAvroDeserializer<>(ProgressEvent.class);
        values.configure(stack.clientConfig(), false);
        List<ProgressEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, ProgressEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.PROGRESS_EVENTS.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.PROGRESS_EVENTS.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, ProgressEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(r.value());
                }
                return events.size() >= expected
                        && partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.getEventId()));
        assertThat(ids).as("distinct event ids").hasSize(events.size());
        return events;
    }
}
