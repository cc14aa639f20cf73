package org.jingan.progress.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.IntakeFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line against the running intake and straight to Kafka, with the exit codes scripts rely on. */
class IntakeCliIntegrationTest {
    @TempDir
    static Path dir;
    static IntakeFixture intake;
    /** The shipped catalog on a topic: what the direct-to-Kafka mode reads. */
    static String targetsTopic;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        intake = IntakeFixture.start(dir);
        targetsTopic = seededTargetsTopic();
    }

    private static String seededTargetsTopic() {
        String topic = intake.cluster.createTopicLike(intake.cluster.uniqueName("targets"), Topics.TARGETS).name();
        new CatalogPublisher(registering(), topic, Duration.ofSeconds(60)).publish(Catalog.loadDefault().targets(), null);
        return topic;
    }

    /** The admin's settings, registering the targets' schema: no deploy step registers the test's own topics. */
    private static Map<String, Object> registering() {
        Map<String, Object> config = new HashMap<>(intake.cluster.clientConfig());
        config.put("auto.register.schemas", true);
        return config;
    }

    /** The direct-to-Kafka options for {@code department}, reading the catalog from {@code catalogTopic}. */
    private static List<String> straightToKafka(String department, String catalogTopic) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", intake.cluster.bootstrapServers(),
                "--schema-registry-auto-register", // no deploy step
                "--department", department, "--topic", intake.topic, "--targets-topic", catalogTopic));
        args.addAll(intake.cluster.registryArgs());
        args.addAll(intake.cluster.securityArgs("--kafka-property"));
        return args;
    }

    @AfterAll
    static void stop() {
        intake.close();
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = IntakeCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run overHttp(String key, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", intake.server.url(), "--api-key", key));
        return run(all.toArray(String[]::new));
    }

    private static ProgressEvent stored(String eventId) {
        return intake.events().stream().filter(e -> e.getEventId().equals(eventId)).reduce((a, b) -> {
            throw new AssertionError("stored twice: " + eventId);
        }).orElseThrow(() -> new AssertionError("not stored: " + eventId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "report", "import", "targets", "plan", "serve", "hash-key"})
    void shouldDocumentEveryCommandAndTheExitCodes(String command) {
        Run help = command.isEmpty() ? run("--help") : run(command, "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: intake").contains("Exit codes:")
                .contains("3   intake, broker or registry unreachable").contains("4   authentication");
    }

    @Test
    void shouldExitWithTwoOnWrongUsage() {
        assertThat(run().exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("report", "--value", "3").exit()).as("--target missing").isEqualTo(ExitCodes.USAGE);
        assertThat(run("targets", "--colour").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("import", dir.resolve("missing.csv").toString(), "--api-key", "k", "--url", intake.server.url()).exit())
                .isEqualTo(ExitCodes.USAGE);
        Run kafkaWithoutDepartment = run("report", "-t", "x", "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://x");
        assertThat(kafkaWithoutDepartment.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(kafkaWithoutDepartment.err()).contains("--department");
    }

    @Test
    void shouldReportOneUpdateOverHttp() {
        Run r = overHttp(intake.constructionKey, "report", "-t", "c-elevators", "-k", "INCREMENT", "-v", "2",
                "--time", "2020-06-15", "--event-id", "cli-report-1", "-r", "赵工", "-n", "命令行");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("accepted: event cli-report-1 on target c-elevators");
        ProgressEvent event = stored("cli-report-1");
        assertThat(event.getChannel()).isEqualTo("CLI");
        assertThat(event.getReporter()).isEqualTo("赵工");
        assertThat(event.getValue()).isEqualTo(2.0);
    }

    @Test
    void shouldExitWithOneAndSayWhyWhenTheReportIsRefused() {
        int before = intake.records().size();
        Run r = overHttp(intake.constructionKey, "report", "-t", "c-elevators", "-k", "INCREMENT", "-v", "-1", "--time", "2020-06-15");

        assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.err()).contains("refused (422").contains("value = '-1'").contains("cannot be negative").contains("增量不能为负数");
        assertThat(intake.records()).hasSize(before);
    }

    @Test
    void shouldPrintThePlanSpreadsheetAndListEveryProblemOfAWrongPlan() throws Exception {
        Run template = overHttp(intake.constructionKey, "plan", "--target", "c-elevators");
        assertThat(template.exit()).as(template.err()).isZero();
        assertThat(template.out()).contains("date,expectedValue,expectedShare").contains("2020-12-31,100,");
        java.nio.file.Path plan = dir.resolve("plan.csv");
        java.nio.file.Files.writeString(plan, "date,expectedValue\n2020-06-30,60\n2020-12-31,90\n");

        Run wrong = overHttp(intake.constructionKey, "plan", "--target", "c-elevators", "--file", plan.toString());

        assertThat(wrong.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(wrong.err()).contains("422").contains("line 3, expectedValue: the plan ends at 90% of the target")
                .contains("计划最后一个节点为目标的 90%");
        assertThat(overHttp(intake.commerceKey, "plan", "--target", "c-elevators", "--file", plan.toString()).exit())
                .as("another department's target").isEqualTo(ExitCodes.AUTH);
    }

    @Test
    void shouldExitWithFourForAnotherDepartmentsTargetOrABadKey() {
        assertThat(overHttp(intake.commerceKey, "report", "-t", "c-elevators", "-v", "1", "--time", "2020-06-15").exit())
                .isEqualTo(ExitCodes.AUTH);
        Run wrongKey = overHttp("jpk_wrong", "targets");
        assertThat(wrongKey.exit()).isEqualTo(ExitCodes.AUTH);
        assertThat(wrongKey.err()).contains("401");
        assertThat(run("targets", "--url", intake.server.url(), "--api-key", " ").exit()).isEqualTo(ExitCodes.AUTH);
    }

    @Test
    void shouldExitWithThreeWhenTheIntakeCannotBeReached() {
        Run r = run("report", "-t", "c-elevators", "-v", "1", "--url", "http://127.0.0.1:1", "--api-key", intake.constructionKey);

        assertThat(r.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("cannot reach the intake");
    }

    @Test
    void shouldImportASpreadsheetWithAProgressBar() throws Exception {
        Path csv = Files.write(dir.resolve("wet-waste.csv"), ("\uFEFF目标编号,日期,类型,数值,单位\n"
                + "c-wet-waste,2020-03-31,水平,380,吨/日\nc-wet-waste,2020-04-30,水平,395,吨/日\n").getBytes(StandardCharsets.UTF_8));

        Run r = overHttp(intake.constructionKey, "import", csv.toString(), "--progress", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("100%").as("plain lines in a log, no redrawing").doesNotContain("\r");
        var answer = intake.mapper.readTree(r.out());
        assertThat(answer.get("count").asInt()).isEqualTo(2);
        assertThat(stored(answer.get("events").get(1).get("eventId").asText()).getValue()).isEqualTo(395.0);
    }

    @Test
    void shouldListEveryWrongRowOfARefusedSpreadsheet() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "目标编号,日期,数值\nc-wet-waste,2020-03-31,abc\nc-nothing,2020-03-31,1\n");

        Run r = overHttp(intake.constructionKey, "import", csv.toString(), "--no-progress");

        assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.err()).contains("line 2, value = 'abc'").contains("line 3, targetId = 'c-nothing'");
    }

    @Test
    void shouldListTheDepartmentsTargets() {
        Run r = overHttp(intake.constructionKey, "targets");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("c-elevators").contains("台").contains("c-bridge-done").doesNotContain("m-retail-sales")
                .contains("3 targets");
        assertThat(overHttp(intake.constructionKey, "targets", "--all").out()).contains("m-retail-sales").contains("6 targets");
    }

    @Test
    void shouldReportAndImportStraightToKafkaWithTheSameChecks() throws Exception {
        Target target = Catalog.loadDefault().targets().stream()
                .filter(t -> t.getDepartmentId().equals("construction") && t.getKind() == TargetKind.CUMULATIVE)
                .findFirst().orElseThrow();
        String[] kafka = straightToKafka("construction", targetsTopic).toArray(String[]::new);

        var reportArgs = new ArrayList<>(List.of("report", "-t", target.getId(), "-k", "INCREMENT", "-v", "1",
                "--time", "2020-06-20", "--event-id", "cli-kafka-1"));
        reportArgs.addAll(List.of(kafka));
        Run report = run(reportArgs.toArray(String[]::new));
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(stored("cli-kafka-1").getTargetId()).isEqualTo(target.getId());

        Path csv = Files.writeString(dir.resolve("kafka.csv"), "target_id,date,kind,value\n" + target.getId() + ",2020-06-21,INCREMENT,2\n"
                + target.getId() + ",2020-06-22,INCREMENT,3\n");
        var importArgs = new ArrayList<>(List.of("import", csv.toString(), "--progress"));
        importArgs.addAll(List.of(kafka));
        Run imported = run(importArgs.toArray(String[]::new));
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("accepted: 2 reports stored");
        assertThat(imported.err()).contains("100%").contains("2/2 rows").doesNotContain("\r");

        var refusedArgs = new ArrayList<>(List.of("report", "-t", target.getId(), "-k", "INCREMENT", "-v", "-1"));
        refusedArgs.addAll(List.of(kafka));
        assertThat(run(refusedArgs.toArray(String[]::new)).exit()).isEqualTo(ExitCodes.REJECTED);
    }

    @Test
    void shouldFollowTheCatalogTopicStraightToKafkaSoARevisionThatMovedATargetApplies() {
        String topic = seededTargetsTopic();
        Target target = Catalog.loadDefault().targets().stream()
                .filter(t -> t.getDepartmentId().equals("construction") && t.getKind() == TargetKind.CUMULATIVE)
                .findFirst().orElseThrow();
        Target moved = Target.newBuilder(target).setDepartmentId("commerce").setDepartmentZh("区商务委")
                .setDepartmentEn("commerce bureau").build();
        new CatalogPublisher(registering(), topic, Duration.ofSeconds(60))
                .publishTargets(List.of(moved), "移交区商务委 / handed to commerce");

        var report = new ArrayList<>(List.of("report", "-t", target.getId(), "-k", "INCREMENT", "-v", "1",
                "--time", "2020-06-20", "--event-id", "cli-moved-old"));
        report.addAll(straightToKafka("construction", topic));
        Run oldOwner = run(report.toArray(String[]::new));
        assertThat(oldOwner.exit()).as(oldOwner.err()).isEqualTo(ExitCodes.AUTH);
        assertThat(oldOwner.err()).contains("belongs to commerce bureau (commerce), not to your department 'construction'");

        var newOwner = new ArrayList<>(List.of("report", "-t", target.getId(), "-k", "INCREMENT", "-v", "1",
                "--time", "2020-06-20", "--event-id", "cli-moved-new"));
        newOwner.addAll(straightToKafka("commerce", topic));
        Run accepted = run(newOwner.toArray(String[]::new));
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(stored("cli-moved-new").getDepartmentId()).isEqualTo("commerce");
        assertThat(intake.events()).noneMatch(e -> e.getEventId().equals("cli-moved-old"));

        var offline = new ArrayList<>(List.of("report", "-t", target.getId(), "-k", "INCREMENT", "-v", "1",
                "--time", "2020-06-20", "--event-id", "cli-moved-file"));
        offline.addAll(straightToKafka("commerce", topic));
        offline.addAll(List.of("--catalog-file", catalogFile().toString()));
        Run fromFile = run(offline.toArray(String[]::new));
        assertThat(fromFile.exit()).as("the file still gives it to construction: " + fromFile.err()).isEqualTo(ExitCodes.AUTH);
    }

    @Test
    void shouldSayWhichCatalogTopicHoldsNoTargetStraightToKafka() {
        var report = new ArrayList<>(List.of("report", "-t", "x", "-k", "INCREMENT", "-v", "1"));
        report.addAll(straightToKafka("construction", "no-such-targets-topic"));
        Run run = run(report.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("the catalog topic 'no-such-targets-topic' holds no target");
    }

    private static Path catalogFile() {
        try (var in = Catalog.class.getResourceAsStream("/catalog/jingan-2020.yaml")) {
            return Files.write(dir.resolve("shipped.yaml"), in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldReportStraightToKafkaOnTheSimulatedDistrictClock() {
        Target target = Catalog.loadDefault().targets().stream()
                .filter(t -> t.getDepartmentId().equals("construction") && t.getKind() == TargetKind.CUMULATIVE)
                .findFirst().orElseThrow();
        String clockTopic = intake.cluster.createTopicLike(intake.cluster.uniqueName("district-clock"), Topics.CLOCK).name();
        List<String> kafka = straightToKafka("construction", targetsTopic);
        kafka.addAll(List.of("--clock", "simulated", "--clock-start", "2020-03-01T09:00+08:00", "--clock-topic", clockTopic));
        var dated = new ArrayList<>(List.of("report", "-t", target.getId(), "-k", "INCREMENT", "-v", "1",
                "--time", "2020-03-10", "--event-id", "cli-sim-1"));
        dated.addAll(kafka);

        Run early = run(dated.toArray(String[]::new));
        assertThat(early.exit()).as(early.err()).isEqualTo(ExitCodes.REJECTED);
        assertThat(early.err()).contains("the district clock's now is 2020-03-01 09:00").contains("区时钟当前时间为 2020-03-01 09:00");

        Map<String, Object> client = intake.cluster.clientConfig();
        try (var setter = new ClockSetter(clockTopic, client, client, "cli-test")) {
            setter.set(Instant.parse("2020-03-10T18:00:00+08:00"));
        }
        Run onTime = run(dated.toArray(String[]::new));
        assertThat(onTime.exit()).as(onTime.err()).isZero();
        assertThat(stored("cli-sim-1").getReportedAt()).isEqualTo(Instant.parse("2020-03-10T18:00:00+08:00"));

        var undated = new ArrayList<>(List.of("report", "-t", target.getId(), "-k", "INCREMENT", "-v", "2",
                "--event-id", "cli-sim-now"));
        undated.addAll(kafka);
        Run now = run(undated.toArray(String[]::new));
        assertThat(now.exit()).as(now.err()).isZero();
        assertThat(stored("cli-sim-now").getEventTime()).as("no --time: the simulated clock's now")
                .isEqualTo(Instant.parse("2020-03-10T18:00:00+08:00"));

        var wrongClock = new ArrayList<>(undated);
        wrongClock.set(wrongClock.indexOf("simulated"), "sundial");
        Run usage = run(wrongClock.toArray(String[]::new));
        assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("'wall' or 'simulated'");
    }

    @Test
    void shouldMakeAKeyAndItsCredentialsLine() {
        Run r = run("hash-key", "--department", "construction");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("key: +jpk_").containsPattern("construction = sha256:[0-9a-f]{64}");
    }
}
