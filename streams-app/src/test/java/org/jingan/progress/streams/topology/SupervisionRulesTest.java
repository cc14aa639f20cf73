package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.streams.testing.Reports.at;
import static org.jingan.progress.streams.testing.Reports.ceiling;
import static org.jingan.progress.streams.testing.Reports.event;
import static org.jingan.progress.streams.testing.Reports.target;
import static org.jingan.progress.streams.testing.Reports.total;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.avro.CaseAnswer;
import org.jingan.progress.avro.CaseEventType;
import org.jingan.progress.avro.CaseStage;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.contract.CaseFile;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.junit.jupiter.api.Test;

/**
 * Supervision cases on the district clock: opened when a condition held long enough, one per target, chased at the
 * deadline (counted in working days), closed by themselves once the target is back on track.
 */
class SupervisionRulesTest {

    /** Pace rules only (no forecast); stale reports after {@code staleDays}. */
    private static ProgressTopologyConfig config(int staleDays) {
        return ProgressDriver.simulated().rules(RuleConfig.defaults()
                .withStaleAfter(Duration.ofDays(staleDays))
                .withForecast(Duration.ofDays(14), Duration.ofDays(400), 0.03)).build();
    }

    /** 366 in the year at an even pace: 40 by 10 April is far behind the 100 expected. */
    private static ProgressDriver behindFrom10April(ProgressTopologyConfig config) {
        ProgressDriver driver = new ProgressDriver(config);
        driver.target(target("t").build()).report(total("t", "e1", 40, "2020-04-10"));
        driver.caseSteps();
        return driver;
    }

    private static List<CaseEventType> types(List<SupervisionCaseEvent> steps) {
        return steps.stream().map(SupervisionCaseEvent::getType).toList();
    }

    @Test
    void shouldOpenACaseOnlyOnceTheTargetWasBehindForSevenDaysOnTheClock() {
        try (ProgressDriver driver = behindFrom10April(config(400))) {
            driver.clock(at("2020-04-16"));
            assertThat(driver.caseSteps()).as("six days behind").isEmpty();
            assertThat(driver.currentCase("t")).isNull();

            driver.clock(at("2020-04-17").plus(Duration.ofHours(1)));

            List<SupervisionCaseEvent> steps = driver.caseSteps();
            assertThat(types(steps)).containsExactly(CaseEventType.OPENED);
            SupervisionCaseEvent opened = steps.get(0);
            assertThat(opened.getCaseId()).isEqualTo("t#1");
            assertThat(opened.getConditions()).containsExactly("BEHIND");
            assertThat(opened.getDepartmentId()).isEqualTo("housing");
            assertThat(opened.getBy()).isEqualTo(CaseFile.STREAMS_APP);
            assertThat(opened.getClockTime()).isEqualTo(at("2020-04-17").plus(Duration.ofHours(1)));
            // Friday 17 April + 5 working days = Friday 24 April
            assertThat(opened.getAnswerDueBy()).isEqualTo(LocalDate.of(2020, 4, 24));
            assertThat(driver.currentCase("t").getStage()).isEqualTo(CaseStage.OPEN);
        }
    }

    @Test
    void shouldAddANewConditionToTheOpenCaseInsteadOfOpeningASecondOne() {
        try (ProgressDriver driver = behindFrom10April(config(30))) {
            driver.clock(at("2020-04-18"));
            driver.clock(at("2020-04-19"));
            driver.clock(at("2020-05-12")); // no report for 30 days: stale

            List<SupervisionCaseEvent> steps = driver.caseSteps();
            assertThat(steps).filteredOn(s -> s.getType() == CaseEventType.OPENED).hasSize(1);
            assertThat(steps).filteredOn(s -> s.getType() == CaseEventType.CONDITION_ADDED)
                    .singleElement().satisfies(s -> {
                        assertThat(s.getCaseId()).isEqualTo("t#1");
                        assertThat(s.getConditions()).containsExactly("STALE_REPORT");
                    });
            assertThat(driver.currentCase("t").getConditions()).containsExactly("BEHIND", "STALE_REPORT");
            assertThat(steps).extracting(SupervisionCaseEvent::getCaseId).containsOnly("t#1");
        }
    }

    @Test
    void shouldRemindAndEscalateOnceWhenTheDeadlineDayEndsOnTheClock() {
        try (ProgressDriver driver = behindFrom10April(config(400))) {
            driver.clock(at("2020-04-18"));
            driver.caseSteps();

            driver.clock(Instant.parse("2020-04-24T15:59:00Z")); // 23:59 in Shanghai on the deadline day
            assertThat(driver.caseSteps()).isEmpty();

            driver.clock(Instant.parse("2020-04-24T16:00:00Z")); // 25 April begins
            List<SupervisionCaseEvent> chased = driver.caseSteps();
            assertThat(types(chased)).containsExactly(CaseEventType.REMINDED, CaseEventType.ESCALATED);
            assertThat(chased.get(1).getText()).contains("2020-04-24");

            driver.clock(at("2020-04-27")).clock(at("2020-04-28"));
            assertThat(driver.caseSteps()).as("once per deadline").isEmpty();
            assertThat(driver.currentCase("t").getEscalations()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotChaseACaseAnsweredBeforeItsDeadline() {
        try (ProgressDriver driver = behindFrom10April(config(400))) {
            driver.clock(at("2020-04-18"));
            driver.caseSteps();
            driver.clock(at("2020-04-21"));
            driver.caseStep(answer("t#1", "housing", "2020-04-21"));

            driver.clock(at("2020-04-26"));

            assertThat(driver.caseSteps()).as("no reminder, no escalation").isEmpty();
            SupervisionCaseState c = driver.currentCase("t");
            assertThat(c.getStage()).isEqualTo(CaseStage.ANSWERED);
            assertThat(c.getAnswer().getReason()).isEqualTo("拆迁进度滞后");
        }
    }

    @Test
    void shouldIgnoreAnAnswerFromAnotherDepartment() {
        try (ProgressDriver driver = behindFrom10April(config(400))) {
            driver.clock(at("2020-04-18"));
            driver.caseStep(answer("t#1", "commerce", "2020-04-18"));

            assertThat(driver.currentCase("t").getStage()).isEqualTo(CaseStage.OPEN);
            assertThat(driver.currentCase("t").getEvents()).hasSize(1);
        }
    }

    @Test
    void shouldCloseTheCaseByItselfOnceTheTargetWasBackOnTrackForTheConfiguredTime() {
        try (ProgressDriver driver = behindFrom10April(config(400))) {
            driver.clock(at("2020-04-18"));
            driver.report(total("t", "e2", 140, "2020-04-20")); // 140 of 110 expected: on track
            driver.caseSteps();

            driver.clock(at("2020-05-03"));
            assertThat(driver.caseSteps()).filteredOn(s -> s.getType() == CaseEventType.CLOSED).isEmpty();

            driver.clock(at("2020-05-05"));

            assertThat(driver.caseSteps()).filteredOn(s -> s.getType() == CaseEventType.CLOSED).singleElement()
                    .satisfies(s -> {
                        assertThat(s.getBy()).isEqualTo(CaseFile.STREAMS_APP);
                        assertThat(s.getText()).contains("back on track since 2020-04-20");
                    });
            assertThat(driver.currentCase("t").getStage()).isEqualTo(CaseStage.CLOSED);
        }
    }

    @Test
    void shouldCountTheAnswerDeadlineInWorkingDaysAcrossAWeekend() {
        try (ProgressDriver driver = new ProgressDriver(config(400))) {
            driver.target(ceiling("c", 100).build());
            // Friday 6 March: the ceiling is breached, a case opens at once
            driver.report(event("c", "b1", UpdateKind.CUMULATIVE_TO_DATE, 120.0, "2020-03-06").setUnit("人").build());
            driver.clock(at("2020-03-06"));

            SupervisionCaseEvent opened = driver.caseSteps().get(0);
            assertThat(opened.getConditions()).containsExactly("BREACHED");
            assertThat(opened.getAnswerDueBy()).as("Saturday and Sunday are not counted")
                    .isEqualTo(LocalDate.of(2020, 3, 13));

            driver.clock(at("2020-03-13"));
            assertThat(driver.caseSteps()).isEmpty();
            driver.clock(at("2020-03-14"));
            assertThat(types(driver.caseSteps())).containsExactly(CaseEventType.REMINDED, CaseEventType.ESCALATED);
        }
    }

    @Test
    void shouldAddAnOperatorsManualOpeningToTheOpenCase() {
        try (ProgressDriver driver = behindFrom10April(config(400))) {
            driver.clock(at("2020-04-18"));
            driver.caseSteps();
            driver.caseStep(SupervisionCaseEvent.newBuilder().setEventId("m1").setCaseId("t#2").setTargetId("t")
                    .setDepartmentId("housing").setType(CaseEventType.OPENED).setConditions(List.of(CaseFile.MANUAL))
                    .setBy("张三").setClockTime(at("2020-04-17")).setWallTime(Instant.parse("2026-01-01T00:00:00Z"))
                    .setText("请说明").setAnswerDueBy(LocalDate.of(2020, 4, 24)).build());

            List<SupervisionCaseEvent> steps = driver.caseSteps();
            assertThat(steps).filteredOn(s -> s.getType() == CaseEventType.CONDITION_ADDED).singleElement()
                    .satisfies(s -> {
                        assertThat(s.getCaseId()).isEqualTo("t#1");
                        assertThat(s.getBy()).isEqualTo("张三");
                        assertThat(s.getConditions()).containsExactly(CaseFile.MANUAL);
                    });
            assertThat(driver.currentCase("t").getCaseId()).isEqualTo("t#1");
        }
    }

    static SupervisionCaseEvent answer(String caseId, String department, String date) {
        return SupervisionCaseEvent.newBuilder().setEventId("a-" + department + "-" + date).setCaseId(caseId)
                .setTargetId(caseId.substring(0, caseId.indexOf('#'))).setDepartmentId(department)
                .setType(CaseEventType.ANSWERED).setBy("department:" + department).setClockTime(at(date))
                .setWallTime(Instant.parse("2026-01-01T00:00:00Z"))
                .setAnswer(new CaseAnswer("拆迁进度滞后", "加派人手，周报进度", LocalDate.of(2020, 6, 30), List.of(), null))
                .build();
    }
}
