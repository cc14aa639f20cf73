package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.junit.jupiter.api.Test;

class DemoGeneratorTest {
    private static final Catalog CATALOG = Catalog.loadDefault();
    private static final DemoScript SCRIPT = DemoGenerator.generate(CATALOG.targets(), DemoGenerator.DEFAULT_SEED);
    private static final Map<String, Target> TARGETS = SCRIPT.targets().stream()
            .collect(Collectors.toMap(Target::getId, Function.identity()));

    @Test
    void shouldGenerateTheSameYearFromTheSameSeed() {
        DemoScript again = DemoGenerator.generate(CATALOG.targets(), DemoGenerator.DEFAULT_SEED);
        DemoScript other = DemoGenerator.generate(CATALOG.targets(), 7);

        assertThat(again.steps()).isEqualTo(SCRIPT.steps());
        assertThat(again.fingerprint()).isEqualTo(SCRIPT.fingerprint());
        assertThat(other.fingerprint()).isNotEqualTo(SCRIPT.fingerprint());
        assertThat(other.reports().get(0).eventId()).isEqualTo("demo-7-00000");
    }

    @Test
    void shouldNotDependOnTheOrderOfTheCatalog() {
        List<Target> reversed = new java.util.ArrayList<>(CATALOG.targets());
        java.util.Collections.reverse(reversed);

        assertThat(DemoGenerator.generate(reversed, DemoGenerator.DEFAULT_SEED).steps()).isEqualTo(SCRIPT.steps());
    }

    @Test
    void shouldGiveEveryReportItsOwnIdFromSeedAndIndex() {
        Set<String> ids = new HashSet<>();
        for (DemoReport report : SCRIPT.reports()) {
            assertThat(ids.add(report.eventId())).as("unique %s", report.eventId()).isTrue();
            assertThat(report.eventId()).isEqualTo(DemoGenerator.eventId(DemoGenerator.DEFAULT_SEED, report.index()));
            assertThat(report.eventId()).matches("[a-z0-9-]{1,64}");
        }
        for (int i = 0; i < SCRIPT.size(); i++) {
            assertThat(SCRIPT.steps().get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void shouldWriteReportsADepartmentCouldSend() {
        Instant yearStart = LocalDate.of(2020, 1, 1).atStartOfDay(DemoGenerator.ZONE).toInstant();
        Instant yearEnd = LocalDate.of(2021, 1, 1).atStartOfDay(DemoGenerator.ZONE).toInstant();
        Instant previous = yearStart;
        for (DemoReport r : SCRIPT.reports()) {
            Target target = TARGETS.get(r.targetId());
            assertThat(target).as("target of %s", r).isNotNull();
            assertThat(r.departmentId()).isEqualTo(target.getDepartmentId());
            assertThat(r.unit()).isEqualTo(target.getUnit());
            assertThat(r.eventTime()).isAfterOrEqualTo(previous).isBefore(yearEnd);
            assertThat(r.reportedAt()).isAfterOrEqualTo(r.eventTime());
            previous = r.eventTime();
            switch (r.kind()) {
                case INCREMENT -> assertThat(target.getKind()).isEqualTo(TargetKind.CUMULATIVE);
                case CUMULATIVE_TO_DATE -> assertThat(target.getUnit()).isEqualTo("亿元");
                case LEVEL -> assertThat(target.getKind()).isIn(TargetKind.LEVEL, TargetKind.CEILING);
                case MILESTONE_REACHED -> assertThat(target.getKind()).isEqualTo(TargetKind.MILESTONE);
                case CORRECTION -> assertThat(r.correctsEventId()).isNotNull();
            }
            if (r.kind() == UpdateKind.MILESTONE_REACHED || r.kind() == UpdateKind.CORRECTION) {
                assertThat(r.value()).isNull();
            } else {
                assertThat(r.value()).isNotNull().isGreaterThanOrEqualTo(0.0);
                if (Precision.of(r.unit()).whole()) {
                    assertThat(r.value() % 1).as("whole %s in %s", r.value(), r.unit()).isZero();
                }
            }
            if (r.kind() == UpdateKind.INCREMENT) {
                assertThat(r.value()).isPositive();
            }
        }
    }

    @Test
    void shouldReportMoneyMonthlyAsYearToDateTotals() {
        Map<String, List<DemoReport>> money = SCRIPT.reports().stream().filter(r -> r.unit().equals("亿元"))
                .collect(Collectors.groupingBy(DemoReport::targetId));

        assertThat(money).isNotEmpty();
        money.forEach((target, reports) -> {
            assertThat(reports).hasSize(12).allMatch(r -> r.kind() == UpdateKind.CUMULATIVE_TO_DATE);
            assertThat(reports).extracting(r -> LocalDateTime.ofInstant(r.eventTime(), DemoGenerator.ZONE).toLocalDate())
                    .allMatch(d -> d.getDayOfMonth() == d.lengthOfMonth());
            for (int i = 1; i < reports.size(); i++) {
                assertThat(reports.get(i).value()).isGreaterThanOrEqualTo(reports.get(i - 1).value());
            }
        });
    }

    @Test
    void shouldBackLoadConstruction() {
        Instant midYear = LocalDate.of(2020, 7, 1).atStartOfDay(DemoGenerator.ZONE).toInstant();
        List<Target> construction = SCRIPT.targets().stream().filter(t -> t.getKind() == TargetKind.CUMULATIVE
                && DemoWorkPatterns.BUILDING_WORKS.contains(t.getId())).toList();
        double firstHalf = 0;
        double year = 0;
        for (Target t : construction) {
            firstHalf += DemoTally.actual(t, SCRIPT.reports(), midYear) / t.getTargetValue();
            year += DemoTally.actual(t, SCRIPT.reports(), Instant.MAX) / t.getTargetValue();
        }

        assertThat(construction).hasSizeGreaterThan(10);
        assertThat(firstHalf / year).as("share of construction done by 1 July").isLessThan(0.3);
    }

    @Test
    void shouldCorrectSomeMistypedFiguresWithoutChangingTheTotals() {
        Map<String, DemoReport> byId = SCRIPT.reports().stream()
                .collect(Collectors.toMap(DemoReport::eventId, Function.identity()));
        List<DemoReport> corrections = SCRIPT.reports().stream().filter(r -> r.kind() == UpdateKind.CORRECTION).toList();

        assertThat(corrections).hasSizeGreaterThanOrEqualTo(5);
        for (DemoReport correction : corrections) {
            DemoReport wrong = byId.get(correction.correctsEventId());
            assertThat(wrong).isNotNull();
            assertThat(wrong.targetId()).isEqualTo(correction.targetId());
            assertThat(wrong.index()).isLessThan(correction.index());
        }
    }

    @Test
    void shouldTellEveryStoryComputedFromTheReportsAgainstTheTargets() {
        List<DemoReport> reports = SCRIPT.reports();
        Instant yearEnd = LocalDate.of(2021, 1, 1).atStartOfDay(DemoGenerator.ZONE).toInstant();
        Instant december = LocalDate.of(2020, 12, 1).atStartOfDay(DemoGenerator.ZONE).toInstant();
        int early = 0;
        int behindThenRecovered = 0;
        int stayedBehind = 0;
        int breachedCeilings = 0;
        for (Target t : SCRIPT.targets()) {
            double atYearEnd = DemoTally.actual(t, reports, yearEnd);
            boolean met = DemoTally.met(t, atYearEnd);
            if (t.getComparator() == Comparator.AT_MOST) {
                breachedCeilings += met ? 0 : 1;
                continue;
            }
            if (DemoTally.met(t, DemoTally.actual(t, reports, december))) {
                early++;
            }
            if (!met) {
                stayedBehind++;
            } else if (t.getKind() != TargetKind.MILESTONE && wasClearlyBehind(t, reports)) {
                behindThenRecovered++;
            }
        }

        assertThat(early).as("targets met before December").isGreaterThanOrEqualTo(10);
        assertThat(behindThenRecovered).as("targets behind pace mid-year and met at year end").isGreaterThanOrEqualTo(5);
        assertThat(stayedBehind).as("targets missed").isGreaterThanOrEqualTo(5);
        assertThat(stayedBehind).as("targets missed").isLessThan(SCRIPT.targets().size() / 3);
        assertThat(breachedCeilings).as("ceilings breached").isEqualTo(1);
    }

    @Test
    void shouldKeepTheZeroCeilingAtZeroAllYear() {
        Target zero = TARGETS.get("s3-illegal-buildings-zero-growth");
        List<DemoReport> reports = SCRIPT.reports().stream().filter(r -> r.targetId().equals(zero.getId())).toList();

        assertThat(zero.getTargetValue()).isEqualTo(0.0);
        assertThat(reports).hasSizeGreaterThanOrEqualTo(11).allSatisfy(r -> assertThat(r.value()).isZero());
        assertThat(DemoTally.met(zero, DemoTally.actual(zero, SCRIPT.reports(), Instant.MAX))).isTrue();
        assertThat(DemoTally.met(zero, 120)).as("any amount over zero breaches it").isFalse();
    }

    @Test
    void shouldSetTheOpenTargetsByRevisionBeforeTheirFirstReport() {
        List<Target> open = CATALOG.targets().stream().filter(t -> t.getTargetValue() == null).toList();

        assertThat(open).isNotEmpty();
        assertThat(SCRIPT.revisions()).extracting(r -> r.revised().getId())
                .containsExactlyInAnyOrderElementsOf(open.stream().map(Target::getId).toList());
        for (DemoRevision revision : SCRIPT.revisions()) {
            assertThat(revision.revised().getTargetValue()).isPositive();
            assertThat(SCRIPT.reports()).filteredOn(r -> r.targetId().equals(revision.revised().getId()))
                    .allMatch(r -> r.index() > revision.index());
        }
        assertThat(SCRIPT.revisionsBefore(0)).isEmpty();
        assertThat(SCRIPT.revisionsBefore(SCRIPT.size())).hasSameSizeAs(SCRIPT.revisions());
    }

    /** At some month end from March to September the target was more than 15 points behind its pace plan. */
    private static boolean wasClearlyBehind(Target t, List<DemoReport> reports) {
        PaceCurve pace = PaceCurve.of(t);
        for (int month = 3; month <= 9; month++) {
            LocalDate monthEnd = LocalDate.of(2020, month, 1).plusMonths(1).minusDays(1);
            double expected = pace.expectedRatio(monthEnd);
            double ratio = DemoTally.actual(t, reports, monthEnd.plusDays(1).atStartOfDay(DemoGenerator.ZONE).toInstant())
                    / t.getTargetValue();
            if (expected >= 0.1 && ratio < expected - 0.15) {
                return true;
            }
        }
        return false;
    }
}
