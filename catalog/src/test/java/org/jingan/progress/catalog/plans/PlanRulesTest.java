package org.jingan.progress.catalog.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.SubmittedCheckpoint;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.junit.jupiter.api.Test;

/** What a department's plan must satisfy, read from its spreadsheet, with every problem in English and Chinese. */
class PlanRulesTest {
    private static final Catalog CATALOG = Catalog.loadDefault();
    /** 50 台 by 2020-12-31. */
    private final Target elevators = CATALOG.find("s3-elevator-retrofits-started").orElseThrow();

    @Test
    void shouldTurnAQuarterlyPlanInAmountsIntoSharesOfTheTarget() {
        List<PlanProblem> problems = new ArrayList<>();
        List<PlanRow> rows = PlanSheet.read(PlanSheet.template(elevators)
                .replace("2020-03-31,,", "2020-03-31,0,").replace("2020-06-30,,", "2020-06-30,5,")
                .replace("2020-09-30,,", "2020-09-30,20,"), problems);

        PlanRules.Checked checked = PlanRules.check(elevators, rows);

        assertThat(problems).isEmpty();
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.checkpoints()).extracting(SubmittedCheckpoint::getExpectedRatio).containsExactly(0.0, 0.1, 0.4, 1.0);
        assertThat(checked.checkpoints().get(1).getExpectedValue()).isEqualTo(5.0);
    }

    @Test
    void shouldReadChineseHeadersSharesAndPercentages() {
        List<PlanProblem> problems = new ArrayList<>();
        List<PlanRow> rows = PlanSheet.read("\uFEFF日期,计划占比\n2020-06-30,30%\n2020-12-31,1\n", problems);

        assertThat(problems).isEmpty();
        assertThat(PlanRules.check(elevators, rows).checkpoints()).extracting(SubmittedCheckpoint::getExpectedRatio)
                .containsExactly(0.3, 1.0);
    }

    @Test
    void shouldListEveryProblemWithItsLineInBothLanguages() {
        List<PlanRow> rows = List.of(new PlanRow(2, LocalDate.of(2019, 12, 31), 5.0, null),
                new PlanRow(3, LocalDate.of(2020, 6, 30), 30.0, null),
                new PlanRow(4, LocalDate.of(2020, 5, 31), 20.0, null),
                new PlanRow(5, LocalDate.of(2020, 12, 31), 60.0, null),
                new PlanRow(6, LocalDate.of(2020, 12, 31), 5.0, 0.1));

        List<PlanProblem> problems = PlanRules.check(elevators, rows).problems();

        assertThat(problems).extracting(PlanProblem::line).containsExactly(2, 4, 4, 5, 6, 6);
        assertThat(problems.get(0).reason()).isEqualTo("2019-12-31 is outside the target's period 2020-01-01 to 2020-12-31");
        assertThat(problems.get(0).reasonZh()).isEqualTo("2019-12-31 不在目标期限内（2020-01-01 至 2020-12-31）");
        assertThat(problems.get(1).reason()).contains("does not follow 2020-06-30");
        assertThat(problems.get(2).reason()).contains("falls back from 60% to 40%");
        assertThat(problems.get(3).reason()).isEqualTo("amount 60 is not between 0 and the target 50 units");
        assertThat(problems.get(4).field()).isEqualTo("expectedValue");
        assertThat(problems).allSatisfy(p -> assertThat(p.reasonZh()).isNotBlank());
    }

    @Test
    void shouldRequireThePlanToEndAtTheWholeTarget() {
        List<PlanProblem> problems = PlanRules.check(elevators,
                List.of(new PlanRow(1, LocalDate.of(2020, 12, 31), 40.0, null))).problems();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("the plan ends at 80% of the target: its last checkpoint is the whole target (50 units)");
            assertThat(p.reasonZh()).isEqualTo("计划最后一个节点为目标的 80%：最后一个节点须为全部目标（50 台）");
        });
    }

    @Test
    void shouldRefuseAPlanForACeiling() {
        Target ceiling = CATALOG.targets().stream().filter(t -> t.getComparator() == org.jingan.progress.avro.Comparator.AT_MOST)
                .findFirst().orElseThrow();

        assertThat(PlanRules.check(ceiling, List.of(new PlanRow(1, ceiling.getDeadline(), null, 1.0))).problems())
                .singleElement().satisfies(p -> assertThat(p.reason()).contains("is a ceiling"));
    }
}
