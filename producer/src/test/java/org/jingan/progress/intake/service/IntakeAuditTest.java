package org.jingan.progress.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingan.progress.intake.TestTargets;
import org.jingan.progress.intake.validation.ReportRequest;
import org.jingan.progress.intake.validation.ReportRow;
import org.jingan.progress.intake.validation.ReportValidator;
import org.jingan.progress.intake.validation.ReportValidator.DuplicateRule;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every report leaves one audit line with outcome, department, eventId and reason, and a pattern with %kvp shows them. */
class IntakeAuditTest {
    private final ReportIntake intake = new ReportIntake(
            new ReportValidator(TargetDirectory.of(TestTargets.ALL), TestTargets.DISTRICT_CLOCK, TestTargets.ZONE),
            new ReportIntakeTest.ScriptedPublisher(), TestTargets.DISTRICT_CLOCK, ReportIntakeTest.rebuiltMemory(), Duration.ofSeconds(5),
            Duration.ofSeconds(3), new IntakeMetrics(new SimpleMeterRegistry()));
    private final Logger audit = (Logger) LoggerFactory.getLogger(IntakeAudit.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        audit.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        audit.detachAppender(lines);
    }

    private static Submission batch(ReportRequest... reports) {
        var rows = new java.util.ArrayList<ReportRow>();
        for (int i = 0; i < reports.length; i++) {
            rows.add(new ReportRow(i, i + 2, reports[i]));
        }
        return new Submission(TestTargets.CONSTRUCTION, "HTTP", rows, DuplicateRule.SAME_CONTENT, false, null, "10.0.0.7");
    }

    private static ReportRequest report(String eventId, String value, String note) {
        return new ReportRequest(eventId, "c-elevators", "INCREMENT", value, null, "2020-06-30", "王工", note, null, null);
    }

    private static Map<String, String> keys(ILoggingEvent line) {
        var keys = new LinkedHashMap<String, String>();
        line.getKeyValuePairs().forEach(kv -> keys.put(kv.key, String.valueOf(kv.value)));
        return keys;
    }

    @Test
    void shouldSayOutcomeDepartmentEventIdAndReasonForEveryReport() {
        intake.submit(batch(report("audit-1", "1", null)));
        intake.submit(batch(report("audit-1", "1", null), report("audit-2", "2", null)));
        intake.submit(batch(report("audit-3", "-1", null)));

        List<Map<String, String>> audited = lines.list.stream().map(IntakeAuditTest::keys).toList();
        assertThat(audited).extracting(k -> k.get("outcome") + " " + k.get("eventId"))
                .containsExactly("accepted audit-1", "duplicate audit-1", "accepted audit-2", "refused audit-3");
        assertThat(audited).allSatisfy(k -> {
            assertThat(List.copyOf(k.keySet()).subList(0, 4)).containsExactly("outcome", "department", "eventId", "reason");
            assertThat(k.get("department")).isEqualTo("construction");
            assertThat(k.get("reason")).isNotBlank();
        });
        assertThat(audited.get(0).get("reason")).startsWith("stored at partition 0 offset");
        assertThat(audited.get(1).get("reason")).contains("already stored").contains("not written twice");
        assertThat(audited.get(3).get("reason")).startsWith("value: an increment of 'c-elevators' cannot be negative");
    }

    @Test
    void shouldKeepWhatAClientSentFromSplittingOrForgingALine() {
        intake.submit(batch(new ReportRequest("x\nFAKE", "c-elevators\r\noutcome=accepted", "INCREMENT", "1", null, "2020-06-30",
                null, null, null, null)));

        Map<String, String> refused = keys(lines.list.get(0));
        assertThat(refused.get("outcome")).isEqualTo("refused");
        assertThat(refused.values()).allSatisfy(v -> assertThat(v).doesNotContain("\n").doesNotContain("\r"));
        assertThat(refused.get("eventId")).isEqualTo("x\\u000AFAKE");
    }

    @Test
    void shouldShowTheKeysInAPatternWithKvp() {
        intake.submit(batch(report("audit-kvp", "1", null)));
        var layout = new PatternLayout();
        layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        layout.setPattern("%msg %kvp");
        layout.start();

        String line = layout.doLayout(lines.list.get(0));

        assertThat(line).startsWith("report accepted outcome=\"accepted\" department=\"construction\" eventId=\"audit-kvp\" reason=\"stored at");
    }
}
