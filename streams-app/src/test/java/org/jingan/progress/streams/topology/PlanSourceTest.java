package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.jingan.progress.streams.testing.Reports.target;
import static org.jingan.progress.streams.testing.Reports.total;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.avro.ScopeChange;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.jingan.progress.streams.testing.Reports;
import org.jingan.progress.avro.UpdateKind;
import org.junit.jupiter.api.Test;

/**
 * Which plan a target is measured by: 时序进度 (linear over its period) until its department's own plan is approved,
 * then that plan from the approval date on, the earlier days and alerts left as they were judged.
 */
class PlanSourceTest {
    private static final LocalDate APPROVED_ON = LocalDate.of(2020, 4, 1);
    /** A back-loaded department plan: 10 % by June, 40 % by September. */
    private static final List<PacePoint> BUILDING_PLAN = List.of(new PacePoint(LocalDate.of(2020, 6, 30), 0.1),
            new PacePoint(LocalDate.of(2020, 9, 30), 0.4), new PacePoint(LocalDate.of(2020, 12, 31), 1.0));

    @Test
    void shouldMeasureATargetWithoutAnApprovedPlanLinearlyHalfByMidYear() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build()).clock(midnight(2020, 7, 2));

            ProgressSnapshot standing = driver.standing("t");
            // 2020 has 366 days: the end of 1 July is day 183, half of the year
            assertThat(standing.getExpectedRatio()).isCloseTo(0.5, within(1e-9));
            assertThat(standing.getPlanSource()).isEqualTo("LINEAR");
            assertThat(standing.getPlanApprovedBy()).isNull();
        }
    }

    @Test
    void shouldReadTheShippedElevatorRetrofitsBehindAtMidYearNowThatNoCurveIsInvented() {
        // 50 retrofits started, 15 by 30 June: under the old invented construction curve this read ON_TRACK
        Target elevators = Catalog.loadDefault().find("s3-elevator-retrofits-started").orElseThrow();
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(elevators).report(Reports.event(elevators.getId(), "e1", UpdateKind.CUMULATIVE_TO_DATE,
                            15.0, "2020-06-30").setDepartmentId(elevators.getDepartmentId()).setUnit(elevators.getUnit()).build())
                    .clock(midnight(2020, 7, 1));

            ProgressSnapshot standing = driver.standing(elevators.getId());
            assertThat(standing.getExpectedRatio()).isCloseTo(182 / 366.0, within(1e-9));
            assertThat(standing.getCompletionRatio()).isCloseTo(0.3, within(1e-9));
            assertThat(standing.getStatus()).isEqualTo(TargetStatus.BEHIND);
            assertThat(standing.getPlanSource()).isEqualTo("LINEAR");
        }
    }

    @Test
    void shouldApplyAnApprovedPlanFromItsApprovalDateOnlyAndKeepBothPlansInTheHistory() {
        try (ProgressDriver driver = new ProgressDriver()) {
            Target linear = target("t").build();
            driver.target(linear).report(total("t", "e1", 30, "2020-03-20")).clock(midnight(2020, 3, 31));
            List<Alert> alerts = new java.util.ArrayList<>(driver.alerts()); // reading the output topic consumes it
            Alert firedUnderLinear = alerts.stream()
                    .filter(a -> a.getKind() == AlertKind.BEHIND && a.getState() == AlertState.FIRING)
                    .findFirst().orElseThrow();
            assertThat(firedUnderLinear.getMessageZh()).contains("按时序进度");
            assertThat(firedUnderLinear.getMessageEn()).contains("expected under time-proportional pace (时序进度)");

            driver.clock(midnight(2020, 4, 1).plusSeconds(3600));
            Target approved = Target.newBuilder(linear).setRevision(2).setPacePlan(BUILDING_PLAN)
                    .setPlanApprovedBy("王敏").setPlanApprovedOn(APPROVED_ON).setPlanSubmissionId("sub-1")
                    .setRevisionNote("部门分解计划获批 / department plan approved").build();
            driver.target(approved).clock(midnight(2020, 4, 3));

            Map<String, HistoryPoint> history = historyOf(driver, "t");
            HistoryPoint before = history.get("2020-03-31");
            assertThat(before.getExpectedRatio()).as("the last day under 时序进度 is not re-judged")
                    .isCloseTo(91 / 366.0, within(1e-9));
            assertThat(before.getPlanSource()).isEqualTo("LINEAR");
            assertThat(before.getTargetRevision()).isEqualTo(1);
            HistoryPoint from = history.get("2020-04-01");
            assertThat(from.getExpectedRatio()).as("the department's plan from its approval date")
                    .isCloseTo(0.1 * 92 / 182.0, within(1e-9));
            assertThat(from.getPlanSource()).isEqualTo("DEPARTMENT");
            assertThat(from.getPlanApprovedBy()).isEqualTo("王敏");
            assertThat(from.getPlanApprovedOn()).isEqualTo("2020-04-01");

            ProgressSnapshot standing = driver.standing("t");
            assertThat(standing.getPlanSource()).isEqualTo("DEPARTMENT");
            assertThat(standing.getPlanApprovedBy()).isEqualTo("王敏");
            assertThat(standing.getPlanApprovedOn()).isEqualTo(APPROVED_ON);
            assertThat(standing.getExpectedRatio()).isCloseTo(0.1 * 93 / 182.0, within(1e-9));
            assertThat(standing.getStatus()).as("30 of 366 against 5 % expected").isEqualTo(TargetStatus.ON_TRACK);

            // the alert raised under 时序进度 stays as it was; the new plan resolves it, and says by which plan
            alerts.addAll(driver.alerts());
            List<Alert> behind = alerts.stream().filter(a -> a.getKind() == AlertKind.BEHIND).toList();
            assertThat(behind).hasSize(2);
            assertThat(behind.get(0)).isEqualTo(firedUnderLinear);
            assertThat(behind.get(1).getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(behind.get(1).getMessageZh()).contains("按部门分解计划（2020-04-01 经 王敏 批准）");

            TargetState state = driver.<TargetState>store(ProgressStores.TARGET_STATE).get("t");
            assertThat(state.getScopeHistory()).extracting(ScopeChange::getRevision).containsExactly(1, 2);
            assertThat(state.getScopeHistory().get(1).getNote()).startsWith("部门分解计划获批");
        }
    }

    @Test
    void shouldChangeNothingWhenTheSameDefinitionIsPublishedAgain() {
        // a returned plan is no catalog revision (PlanApprovalIntegrationTest): the target's record stays as it is
        try (ProgressDriver driver = new ProgressDriver()) {
            Target linear = target("t").build();
            driver.target(linear).clock(midnight(2020, 7, 2));
            ProgressSnapshot before = driver.standing("t");
            assertThat(driver.snapshots()).isNotEmpty(); // read what was published so far

            driver.target(linear);

            assertThat(driver.standing("t")).isEqualTo(before);
            assertThat(driver.snapshots()).as("nothing republished").isEmpty();
        }
    }

    private static Instant midnight(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private static Map<String, HistoryPoint> historyOf(ProgressDriver driver, String targetId) {
        Map<String, HistoryPoint> out = new TreeMap<>();
        try (var it = driver.<HistoryPoint>store(ProgressStores.TARGET_HISTORY)
                .prefixScan(ProgressStores.historyPrefix(targetId), new StringSerializer())) {
            it.forEachRemaining(kv -> out.put(kv.value.getBucket(), kv.value));
        }
        return out;
    }
}
