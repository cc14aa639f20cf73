package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.CaseEventType;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.app.IntakeConfig;
import org.jingan.progress.intake.app.IntakeServer;
import org.jingan.progress.intake.auth.LocalDepartmentKeys;
import org.jingan.progress.monitor.MonitorConfig;
import org.jingan.progress.monitor.MonitorServer;
import org.jingan.progress.monitor.auth.OperatorLine;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.PasswordHash;
import org.jingan.progress.monitor.auth.Role;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.app.StreamsRunner;
import org.jingan.progress.streams.query.QueryServerHook;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The supervision loop (督查督办) on the real broker and registry, through the intake's and the monitor's HTTP APIs:
 * two targets far behind for a week open a case each, addressed to their departments; one department answers with its
 * key (another department's key is refused), a viewer may not review, an operator returns the answer, the department
 * answers again and the operator accepts it; the other case goes unanswered past its deadline (five working days, the
 * weekend skipped) and is escalated, and the leadership webhook receives it once.
 */
class SupervisionLoopIntegrationTest {
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestCluster cluster = TestCluster.get();
    private final String targetsTopic = topic("sv-targets", Topics.TARGETS);
    private final String eventsTopic = topic("sv-events", Topics.PROGRESS_EVENTS);
    private final String progressTopic = topic("sv-progress", Topics.TARGET_PROGRESS);
    private final String alertsTopic = topic("sv-alerts", Topics.ALERTS);
    private final String deadLettersTopic = topic("sv-dead-letters", Topics.DEAD_LETTERS);
    private final String acksTopic = topic("sv-acks", Topics.ALERT_ACKS);
    private final String clockTopic = topic("sv-clock", Topics.CLOCK);
    private final String casesTopic = topic("sv-cases", Topics.SUPERVISION_CASES);
    {
        // the intake files proposed plans, and the monitor reads them, on the deployment's own topic
        org.jingan.progress.cluster.TopicSetup.createMissing(cluster.clientConfig(), List.of(Topics.PLAN_SUBMISSIONS), 1);
    }

    @TempDir
    Path dir;

    private final List<String> leadership = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private KafkaProducer<String, SpecificRecord> producer;
    private ClockSetter clock;
    private StreamsRunner app;
    private String appUrl;
    private IntakeServer intake;
    private MonitorServer monitor;
    private LocalDepartmentKeys keys;

    @AfterEach
    void stopAll() {
        if (monitor != null) {
            monitor.close();
        }
        if (intake != null) {
            intake.close();
        }
        if (app != null) {
            app.close(Duration.ofSeconds(20));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (clock != null) {
            clock.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void shouldRunTheWholeLoopThroughTheIntakeAndTheMonitor() throws Exception {
        List<Target> targets = twoTargetsOfTwoDepartments();
        Target answered = targets.get(0);
        Target silent = targets.get(1);
        String otherDepartment = silent.getDepartmentId();
        startAll(targets);

        // 9 April: both far behind their even pace; 18 April: a week later, a case each
        moveClock(LocalDate.of(2020, 4, 10));
        for (Target t : targets) {
            send(t, 0.01, LocalDate.of(2020, 4, 9).atTime(9, 0).toInstant(SHANGHAI));
        }
        producer.flush();
        await().atMost(WAIT).untilAsserted(() -> assertThat(getJson(appUrl + "/api/v1/targets/" + answered.getId())
                .path("standing").path("status").asText()).isEqualTo("BEHIND"));
        moveClock(LocalDate.of(2020, 4, 18)); // a Saturday: five working days are Monday 20 to Friday 24

        String departmentKey = keys.keyFor(answered.getDepartmentId());
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode cases = intakeGet("/api/v1/cases", departmentKey);
            assertThat(cases.path("items")).extracting(c -> c.path("targetId").asText()).containsExactly(answered.getId());
        });
        JsonNode opened = intakeGet("/api/v1/cases", departmentKey).path("items").get(0);
        assertThat(opened.path("caseId").asText()).isEqualTo(answered.getId() + "#1");
        assertThat(opened.path("conditions")).extracting(JsonNode::asText).containsExactly("BEHIND");
        assertThat(opened.path("answerDueBy").asText()).isEqualTo("2020-04-24");
        assertThat(opened.path("events").get(0).path("by").asText()).isEqualTo("streams-app");
        JsonNode ownTargets = intakeGet("/api/v1/targets", departmentKey);
        assertThat(ownTargets).filteredOn(t -> t.path("id").asText().equals(answered.getId())).singleElement()
                .satisfies(t -> assertThat(t.path("openCase").path("caseId").asText()).isEqualTo(answered.getId() + "#1"));

        // another department's key may not answer this case
        String answer = "{\"reason\":\"征收进度滞后\",\"measures\":\"每周调度，增派人手\",\"expectedCatchUp\":\"2020-06-30\","
                + "\"proposedPlan\":[{\"date\":\"2020-06-30\",\"expectedCumulative\":" + answered.getTargetValue() * 0.5 + "},"
                + "{\"date\":\"" + answered.getDeadline() + "\",\"expectedCumulative\":" + answered.getTargetValue() + "}]}";
        HttpResponse<String> foreign = intakePost("/api/v1/cases/" + answered.getId() + "/answer",
                keys.keyFor(otherDepartment), answer);
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(JSON.readTree(foreign.body()).path("type").asText()).endsWith("/forbidden-case");

        // a proposed plan goes through the plans' approval: one that breaks its rules (it stops short of the target)
        // refuses the whole answer, and nothing is written
        HttpResponse<String> badPlan = intakePost("/api/v1/cases/" + answered.getId() + "/answer", departmentKey,
                "{\"reason\":\"征收进度滞后\",\"measures\":\"每周调度\",\"expectedCatchUp\":\"2020-06-30\","
                        + "\"proposedPlan\":[{\"date\":\"2020-06-30\",\"expectedCumulative\":" + answered.getTargetValue() * 0.5 + "}]}");
        assertThat(badPlan.statusCode()).as(badPlan.body()).isEqualTo(422);
        assertThat(JSON.readTree(badPlan.body()).path("type").asText()).endsWith("/plan-invalid");
        assertThat(intakeGet("/api/v1/cases", departmentKey).path("items").get(0).path("stage").asText()).isEqualTo("OPEN");

        HttpResponse<String> first = intakePost("/api/v1/cases/" + answered.getId() + "/answer", departmentKey, answer);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String submissionId = JSON.readTree(first.body()).path("planSubmissionId").asText();
        assertThat(submissionId).as("the proposed plan was filed for approval: " + first.body()).isNotBlank();
        assertThat(readPlanSubmissions()).filteredOn(p -> p.getSubmissionId().equals(submissionId)).singleElement()
                .satisfies(p -> {
                    assertThat(p.getChannel()).isEqualTo("SUPERVISION");
                    assertThat(p.getTargetId()).isEqualTo(answered.getId());
                    assertThat(p.getDepartmentId()).isEqualTo(answered.getDepartmentId());
                    assertThat(p.getNote()).contains(answered.getId() + "#1");
                });
        await().atMost(WAIT).untilAsserted(() -> assertThat(monitorGet("/api/plans", "viewer").toString())
                .as("waiting at the monitor's plans desk like any department plan").contains(submissionId));

        // a viewer may look, not review
        await().atMost(WAIT).untilAsserted(() -> assertThat(monitorGet("/api/cases?view=review", "viewer")
                .path("items")).extracting(c -> c.path("targetId").asText()).containsExactly(answered.getId()));
        HttpResponse<String> byViewer = monitorPost("/api/cases/" + answered.getId() + "/return", "viewer",
                "{\"note\":\"请补充时间表\"}");
        assertThat(byViewer.statusCode()).as(byViewer.body()).isEqualTo(403);

        // the operator returns it: the deadline restarts from the clock's date
        HttpResponse<String> returned = monitorPost("/api/cases/" + answered.getId() + "/return", "operator",
                "{\"note\":\"请补充分月时间表\"}");
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
        JsonNode afterReturn = JSON.readTree(returned.body());
        assertThat(afterReturn.path("stage").asText()).isEqualTo("OPEN");
        assertThat(afterReturn.path("returnedCount").asInt()).isEqualTo(1);
        assertThat(afterReturn.path("events")).extracting(e -> e.path("type").asText()).last().isEqualTo("RETURNED");
        assertThat(afterReturn.path("events").get(afterReturn.path("events").size() - 1).path("by").asText())
                .isEqualTo("张三");

        await().atMost(WAIT).untilAsserted(() -> assertThat(intakeGet("/api/v1/cases", departmentKey).path("items")
                .get(0).path("stage").asText()).isEqualTo("OPEN"));
        // the second answer from the department's command line
        java.io.StringWriter cliOut = new java.io.StringWriter();
        int exit = new CommandLine(new org.jingan.progress.intake.cli.IntakeCommand())
                .setOut(new java.io.PrintWriter(cliOut)).setErr(new java.io.PrintWriter(cliOut))
                .execute("answer", "--url", intake.url(), "--api-key", departmentKey, "--target", answered.getId(),
                        "--reason", "征收进度滞后", "--measures", "每周调度，五月起每月完成两成",
                        "--expected-catch-up", "2020-06-30", "--plan", "2020-06-30=" + answered.getTargetValue() * 0.5
                                + "," + answered.getDeadline() + "=" + answered.getTargetValue());
        assertThat(exit).as(cliOut.toString()).isZero();
        assertThat(cliOut.toString()).contains("answered: case " + answered.getId() + "#1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(monitorGet("/api/cases/" + answered.getId(), "viewer")
                .path("stage").asText()).isEqualTo("ANSWERED"));
        HttpResponse<String> accepted = monitorPost("/api/cases/" + answered.getId() + "/accept", "operator",
                "{\"note\":\"同意\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(JSON.readTree(accepted.body()).path("stage").asText()).isEqualTo("ACCEPTED");

        // the other case went unanswered: on 25 April it is reminded and escalated, once
        moveClock(LocalDate.of(2020, 4, 25));
        await().atMost(WAIT).untilAsserted(() -> assertThat(leadership).hasSize(1));
        JsonNode notice = JSON.readTree(leadership.get(0));
        assertThat(notice.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(notice.path("caseId").asText()).isEqualTo(silent.getId() + "#1");
        assertThat(notice.path("departmentId").asText()).isEqualTo(silent.getDepartmentId());
        moveClock(LocalDate.of(2020, 4, 28));
        await().atMost(WAIT).untilAsserted(() -> assertThat(monitorGet("/api/cases?view=overdue", "viewer")
                .path("items")).extracting(c -> c.path("targetId").asText()).containsExactly(silent.getId()));

        // the topic holds each step once; the streams app's store shows the same timelines
        List<SupervisionCaseEvent> steps = readCasesTopic();
        assertThat(steps).filteredOn(s -> s.getType() == CaseEventType.ESCALATED).singleElement()
                .extracting(SupervisionCaseEvent::getTargetId).isEqualTo(silent.getId());
        assertThat(steps).filteredOn(s -> s.getTargetId().equals(answered.getId())).extracting(SupervisionCaseEvent::getType)
                .containsExactly(CaseEventType.OPENED, CaseEventType.ANSWERED, CaseEventType.RETURNED,
                        CaseEventType.ANSWERED, CaseEventType.ACCEPTED);
        assertThat(leadership).as("the leadership webhook got the escalation once").hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode timeline = getJson(appUrl + "/api/v1/targets/" + answered.getId() + "/cases").path("items").get(0);
            assertThat(timeline.path("stage").asText()).isEqualTo("ACCEPTED");
            assertThat(timeline.path("events")).hasSize(5);
            JsonNode board = getJson(appUrl + "/api/v1/cases");
            assertThat(board.path("byDepartment").path(silent.getDepartmentId()).path("overdue").asInt()).isEqualTo(1);
        });
    }

    // ---- the components

    private void startAll(List<Target> targets) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/leadership", exchange -> {
            leadership.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        producer = producer();
        clock = new ClockSetter(clockTopic, cluster.clientConfig(), cluster.clientConfig(), "test");
        for (Target t : targets) {
            producer.send(new ProducerRecord<>(targetsTopic, t.getId(), t));
        }
        producer.flush();

        StreamsAppConfig config = new StreamsAppConfig();
        List<String> args = new ArrayList<>(cluster.securityArgs("--streams-config"));
        args.addAll(cluster.registryArgs());
        args.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-auto-register",
                "--application-id", cluster.uniqueName("sv-app"), "--state-dir", dir.resolve("streams").toString(),
                "--replication-factor", "1", "--dead-letter-topic", deadLettersTopic,
                "--targets-topic", targetsTopic, "--events-topic", eventsTopic,
                "--progress-topic", progressTopic, "--alerts-topic", alertsTopic, "--cases-topic", casesTopic,
                "--case-open-after", "BEHIND=7d,BREACHED=0s",
                "--clock", "simulated", "--clock-topic", clockTopic));
        new CommandLine(config).parseArgs(args.toArray(String[]::new));
        QueryServerHook queryServer = new QueryServerHook();
        app = StreamsRunner.of(config, List.of(queryServer));
        app.start();
        appUrl = "http://" + queryServer.server().applicationServer();
        String appManagementUrl = queryServer.server().managementUrl();

        keys = LocalDepartmentKeys.loadOrCreate(dir.resolve("intake"),
                Catalog.loadDefault().departments().stream().map(d -> d.id()).toList());
        IntakeConfig.Builder intakeConfig = IntakeConfig.builder().httpPort(0)
                .bootstrapServers(cluster.bootstrapServers()).schemaRegistryUrl(cluster.schemaRegistryUrl())
                .schemaRegistryBasicAuth(cluster.schemaRegistryUserInfo()).schemaRegistryAutoRegister(true)
                .topic(eventsTopic).credentialsFile(keys.credentialsFile()).targets(targets)
                .clockMode(ClockMode.SIMULATED).clockTopic(clockTopic).casesTopic(casesTopic);
        cluster.loginProperties().forEach(intakeConfig::kafkaClientConfig);
        intake = IntakeServer.start(intakeConfig.build());

        Path operators = dir.resolve("operators");
        OperatorsFile.put(operators, new OperatorLine("张三", Role.OPERATOR,
                PasswordHash.hash("pw-operator".toCharArray(), PasswordHash.MIN_ITERATIONS)));
        OperatorsFile.put(operators, new OperatorLine("李四", Role.VIEWER,
                PasswordHash.hash("pw-viewer".toCharArray(), PasswordHash.MIN_ITERATIONS)));
        monitor = MonitorServer.start(MonitorConfig.builder(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .clientProperties(cluster.loginProperties()).httpPort(0).alertsTopic(alertsTopic).acksTopic(acksTopic)
                .groupId(cluster.uniqueName("sv-monitor")).casesTopic(casesTopic).targetsTopic(targetsTopic)
                .leadershipWebhook(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/leadership"))
                .clockMode(ClockMode.SIMULATED).clockTopic(clockTopic).operatorsFile(operators).build());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status(appManagementUrl + "/health/ready")).as("streams app ready").isEqualTo(200);
            assertThat(monitor.isReady()).as("monitor ready: %s", monitor.notReadyReasons()).isTrue();
            assertThat(getJson(appUrl + "/api/v1/targets").path("count").asInt()).isEqualTo(targets.size());
        });
    }

    /** Two catalog targets of two departments counted up to a total, on an even pace (no plan of their own). */
    private static List<Target> twoTargetsOfTwoDepartments() {
        List<Target> picked = new ArrayList<>();
        for (Target t : Catalog.loadDefault().targets()) {
            if (t.getKind() == TargetKind.CUMULATIVE && t.getComparator() == Comparator.AT_LEAST
                    && t.getTargetValue() != null && t.getParentTargetId() == null
                    && picked.stream().noneMatch(p -> p.getDepartmentId().equals(t.getDepartmentId()))) {
                picked.add(Target.newBuilder(t).setPacePlan(List.of()).build());
            }
            if (picked.size() == 2) {
                return picked;
            }
        }
        throw new IllegalStateException("the catalog has no two cumulative targets of two departments");
    }

    /** Moves the clock to 10:00 of {@code day} and waits until the streams app and the monitor stand there. */
    private void moveClock(LocalDate day) {
        clock.set(day.atTime(10, 0).toInstant(SHANGHAI));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(getJson(appUrl + "/api/v1/clock").path("date").asText()).isEqualTo(day.toString());
            assertThat(monitorGet("/api/clock", "viewer").path("date").asText()).isEqualTo(day.toString());
        });
    }

    private void send(Target target, double share, Instant at) {
        ProgressEvent event = ProgressEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setTargetId(target.getId()).setDepartmentId(target.getDepartmentId()).setReporter("test")
                .setKind(UpdateKind.CUMULATIVE_TO_DATE).setValue(target.getTargetValue() * share)
                .setUnit(target.getUnit()).setEventTime(at).setReportedAt(at).setChannel("TEST").build();
        producer.send(new ProducerRecord<>(eventsTopic, target.getId(), event));
    }

    /** The departments' plans as filed (the intake writes them to the deployment's plan-submissions topic). */
    private List<org.jingan.progress.avro.PlanSubmission> readPlanSubmissions() {
        return org.jingan.progress.testkit.TopicContents.readCommitted(cluster.clientConfig(),
                Topics.PLAN_SUBMISSIONS.name(), new StringDeserializer(), planValues(), Duration.ofSeconds(30))
                .stream().map(r -> r.value()).toList();
    }

    private SpecificAvroDeserializer<org.jingan.progress.avro.PlanSubmission> planValues() {
        var values = new SpecificAvroDeserializer<>(org.jingan.progress.avro.PlanSubmission.class);
        values.configure(cluster.registryConfig(), false);
        return values;
    }

    private List<SupervisionCaseEvent> readCasesTopic() {
        SpecificAvroDeserializer<SupervisionCaseEvent> values = new SpecificAvroDeserializer<>(SupervisionCaseEvent.class);
        values.configure(cluster.registryConfig(), false);
        List<SupervisionCaseEvent> out = new ArrayList<>();
        try (KafkaConsumer<String, SupervisionCaseEvent> consumer = new KafkaConsumer<>(cluster.kafkaConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(), values)) {
            var partitions = consumer.partitionsFor(casesTopic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(casesTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
        }
        out.sort(java.util.Comparator.comparing(SupervisionCaseEvent::getWallTime));
        return out;
    }

    // ---- plumbing

    private String topic(String prefix, Topics.TopicSpec like) {
        return cluster.createTopicLike(cluster.uniqueName(prefix), like).name();
    }

    @SuppressWarnings("unchecked")
    private KafkaProducer<String, SpecificRecord> producer() {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(cluster.registryConfig(), false);
        return new KafkaProducer<>(cluster.kafkaConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), (Serializer<SpecificRecord>) (Serializer<?>) values);
    }

    private JsonNode intakeGet(String path, String key) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(intake.url() + path))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> intakePost(String path, String key, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(intake.url() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String who) {
        String login = who.equals("operator") ? "张三:pw-operator" : "李四:pw-viewer";
        return "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode monitorGet(String path, String who) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(monitor.baseUrl() + path))
                .header("Authorization", basic(who)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> monitorPost(String path, String who, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(monitor.baseUrl() + path))
                .header("Authorization", basic(who)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int status(String url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
