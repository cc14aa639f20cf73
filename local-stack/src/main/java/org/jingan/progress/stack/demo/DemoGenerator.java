package org.jingan.progress.stack.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;

/**
 * Writes the demo year: what each department would report on each of its targets through 2020. Pure and seeded:
 * the same catalog and seed give the same script, event ids included.
 *
 * <p>Every target gets a {@link DemoScenario}: about a quarter finish early, a fifth fall behind by mid-year and
 * recover, a seventh stay behind, the rest follow their pace plan; the first ceiling (registered unemployment) is
 * breached, the others stay within (a zero ceiling, 新增违法建筑零增长, reports 0 every month). Money figures are reported monthly as year-to-date totals, counts and areas as increments when work is
 * done (back-loaded where the pace plan says so), rates and capacities as monthly levels, milestones once when
 * reached (some slip to late December, some out of the year). About one increment in twenty is mistyped and later
 * corrected. Targets the report left open (the city sets them) get a demo value by a catalog revision in Q1.
 */
public final class DemoGenerator {
    /** The departments' time zone: report dates are Shanghai dates. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final long DEFAULT_SEED = 2020;

    private static final double SHARE_EARLY = 0.25;
    private static final double SHARE_BEHIND_AND_RECOVERS = 0.20;
    private static final double SHARE_STAYS_BEHIND = 0.15;
    private static final double CORRECTION_RATE = 0.05;

    private final long seed;
    private final List<Draft> drafts = new ArrayList<>();

    private DemoGenerator(long seed) {
        this.seed = seed;
    }

    /** The demo year for {@code catalog} (all targets of one year) and {@code seed}. */
    public static DemoScript generate(List<Target> catalog, long seed) {
        if (catalog.isEmpty()) {
            throw new IllegalArgumentException("The catalog has no targets: nothing to generate a demo for");
        }
        return new DemoGenerator(seed).script(catalog);
    }

    private DemoScript script(List<Target> catalog) {
        List<Target> targets = catalog.stream().sorted(Comparator.comparing(Target::getId)).toList();
        Map<String, DemoScenario> scenarios = assignScenarios(targets);
        Map<String, Target> effective = new LinkedHashMap<>();
        for (Target target : targets) {
            Random random = new Random(seed * 1_000_003L + target.getId().hashCode());
            Target story = target;
            LocalDate firstDay = LocalDate.of(target.getYear(), 1, 10 + random.nextInt(12));
            if (target.getTargetValue() == null) {
                LocalDate setOn = LocalDate.of(target.getYear(), 2, 10).plusDays(random.nextInt(35));
                story = Target.newBuilder(target).setTargetValue(pendingValue(target, random))
                        .setRevisionNote("演示数据：市政府下达目标 / demo data: the city set the target").build();
                drafts.add(Draft.revision(story, setOn.atTime(LocalTime.of(10, 0))));
                firstDay = setOn.plusDays(3 + random.nextInt(10));
            }
            effective.put(story.getId(), story);
            new TargetStory(story, scenarios.get(story.getId()), random, firstDay).write();
        }
        return assemble(scenarios, List.copyOf(effective.values()));
    }

    /** Shuffles the targets with the seed and deals the scenarios out by share; parts follow their parent. */
    private Map<String, DemoScenario> assignScenarios(List<Target> targets) {
        List<Target> dealt = new ArrayList<>(targets.stream()
                .filter(t -> t.getKind() != TargetKind.CEILING && t.getParentTargetId() == null).toList());
        Collections.shuffle(dealt, new Random(seed));
        int n = dealt.size();
        int early = (int) Math.round(n * SHARE_EARLY);
        int recovers = (int) Math.round(n * SHARE_BEHIND_AND_RECOVERS);
        int stays = (int) Math.round(n * SHARE_STAYS_BEHIND);
        Map<String, DemoScenario> scenarios = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            DemoScenario scenario = i < early ? DemoScenario.FINISHES_EARLY
                    : i < early + recovers ? DemoScenario.FALLS_BEHIND_AND_RECOVERS
                    : i < early + recovers + stays ? DemoScenario.STAYS_BEHIND
                    : DemoScenario.ON_PACE;
            scenarios.put(dealt.get(i).getId(), scenario);
        }
        boolean breached = false;
        for (Target t : targets) {
            if (t.getKind() == TargetKind.CEILING) {
                scenarios.put(t.getId(), breached ? DemoScenario.ON_PACE : DemoScenario.BREACHES_CEILING);
                breached = true;
            }
        }
        for (Target t : targets) {
            if (t.getParentTargetId() != null) {
                scenarios.put(t.getId(), scenarios.getOrDefault(t.getParentTargetId(), DemoScenario.ON_PACE));
            }
        }
        return scenarios;
    }

    /** A plausible value for a target the report left to the city, by its unit. */
    private static double pendingValue(Target target, Random random) {
        if (target.getBaseline2019() != null) {
            return Math.round(target.getBaseline2019() * (1.0 + 0.1 * random.nextDouble()));
        }
        return switch (target.getUnit()) {
            case "人" -> 8_500 + 100 * random.nextInt(11);
            case "万平方米" -> 5 + random.nextInt(6);
            case "张" -> 150 + 10 * random.nextInt(11);
            default -> 10 + random.nextInt(91);
        };
    }

    /** Sorts the drafts into event-time order, numbers them and gives them their ids. */
    private DemoScript assemble(Map<String, DemoScenario> scenarios, List<Target> targets) {
        drafts.sort(Comparator.comparing((Draft d) -> d.eventTime).thenComparing(d -> d.targetId)
                .thenComparingInt(d -> d.sequence));
        for (int i = 0; i < drafts.size(); i++) {
            drafts.get(i).index = i;
        }
        List<DemoStep> steps = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            if (d.revised != null) {
                steps.add(new DemoRevision(d.index, d.eventTime.atZone(ZONE).toInstant(), d.revised));
            } else {
                steps.add(new DemoReport(d.index, eventId(seed, d.index), d.targetId, d.departmentId,
                        d.departmentId + "/demo", d.kind, d.value, d.unit, d.eventTime.atZone(ZONE).toInstant(),
                        d.reportedAt.atZone(ZONE).toInstant(), d.corrects == null ? null : eventId(seed, d.corrects.index),
                        d.note));
            }
        }
        return new DemoScript(seed, targets.get(0).getYear(), steps, scenarios, targets);
    }

    /** The id of the report at {@code index}: the same seed and index give the same id, so a resend counts once. */
    public static String eventId(long seed, int index) {
        return "demo-" + Long.toUnsignedString(seed) + "-" + String.format("%05d", index);
    }

    /** One target's year. */
    private final class TargetStory {
        private final Target target;
        private final DemoScenario scenario;
        private final Random random;
        private final LocalDate firstDay;
        private final LocalDate yearStart;
        private final double span;
        private final PaceCurve pace;
        private final Precision precision;
        private int sequence;

        TargetStory(Target target, DemoScenario scenario, Random random, LocalDate firstDay) {
            this.target = target;
            this.scenario = scenario;
            this.random = random;
            this.firstDay = firstDay;
            this.yearStart = LocalDate.of(target.getYear(), 1, 1);
            this.span = ChronoUnit.DAYS.between(yearStart, target.getDeadline());
            this.pace = PaceCurve.of(target);
            this.precision = Precision.of(target.getUnit());
        }

        void write() {
            switch (target.getKind()) {
                case CUMULATIVE -> cumulative();
                case LEVEL -> level();
                case CEILING -> ceiling();
                case MILESTONE -> milestone();
            }
        }

        /** Share of the year elapsed on {@code date}, 0 on 1 January and 1 on the deadline. */
        private double x(LocalDate date) {
            return ChronoUnit.DAYS.between(yearStart, date) / span;
        }

        private LocalDate dateAt(double x) {
            return yearStart.plusDays(Math.round(Math.max(0, Math.min(1, x)) * span));
        }

        private double paceAt(double x) {
            return pace.expectedRatio(dateAt(x));
        }

        private boolean about() {
            return target.getComparator() == org.jingan.progress.avro.Comparator.ABOUT;
        }

        // ---------------------------------------------------------------- amounts that add up over the year

        private void cumulative() {
            double goal = target.getTargetValue();
            double doneAt = 0.60 + 0.20 * random.nextDouble();
            double depth = 0.40 + 0.12 * random.nextDouble();
            double finalRatio = switch (scenario) {
                case FINISHES_EARLY -> about() ? 1.0 + 0.02 * random.nextDouble() : 1.05 + 0.10 * random.nextDouble();
                case STAYS_BEHIND -> 0.60 + 0.28 * random.nextDouble();
                default -> 1.0 + (about() ? 0.02 : 0.06) * random.nextDouble();
            };
            long goalUnits = precision.unitsAtLeast(goal);
            long finalUnits = precision.units(goal * finalRatio);
            finalUnits = scenario == DemoScenario.STAYS_BEHIND ? Math.max(0, Math.min(finalUnits, goalUnits - 1))
                    : Math.max(finalUnits, goalUnits);
            double reachShare = (double) goalUnits / Math.max(1, finalUnits);
            // c(x): the share of the year's final total reached by x
            java.util.function.DoubleUnaryOperator share = x -> switch (scenario) {
                case FINISHES_EARLY -> x <= doneAt ? reachShare * paceAt(x / doneAt)
                        : reachShare + (1 - reachShare) * (x - doneAt) / (1 - doneAt);
                case FALLS_BEHIND_AND_RECOVERS -> paceAt(x) * (1 - depth * Math.sin(Math.PI * x));
                case STAYS_BEHIND -> paceAt(x) * (1 - 0.15 * Math.sin(Math.PI * x));
                default -> paceAt(x);
            };
            if (target.getUnit().contains("元")) {
                monthlyTotals(finalUnits, share);
            } else {
                increments(finalUnits, share, scenario == DemoScenario.FINISHES_EARLY ? dateAt(doneAt) : null);
            }
        }

        /** Money: the year-to-date total as of each month end, sent around the tenth of the next month. */
        private void monthlyTotals(long finalUnits, java.util.function.DoubleUnaryOperator share) {
            long reported = 0;
            for (LocalDate monthEnd : monthEnds()) {
                boolean last = monthEnd.getMonthValue() == 12;
                long total = last ? finalUnits : Math.max(reported, Math.round(finalUnits * share.applyAsDouble(x(monthEnd))));
                reported = total;
                LocalDateTime asOf = monthEnd.atTime(18, 0);
                add(Draft.report(target, UpdateKind.CUMULATIVE_TO_DATE, precision.value(total), asOf,
                        asOf.plusDays(8 + random.nextInt(8)), sequence++, null));
            }
        }

        /** Counts and areas: an increment whenever a piece of work is done, every two to five weeks. */
        private void increments(long finalUnits, java.util.function.DoubleUnaryOperator share, LocalDate reachedOn) {
            TreeSet<LocalDate> dates = new TreeSet<>();
            LocalDate yearEnd = target.getDeadline();
            for (LocalDate d = firstDay; d.isBefore(yearEnd.minusDays(14)); d = d.plusDays(12 + random.nextInt(24))) {
                dates.add(d);
            }
            dates.add(yearEnd.minusDays(1 + random.nextInt(12)));
            if (reachedOn != null && reachedOn.isAfter(firstDay)) {
                dates.add(reachedOn);
            }
            long reported = 0;
            for (LocalDate date : dates) {
                boolean last = date.equals(dates.last());
                long total = last ? finalUnits : Math.max(reported, Math.round(finalUnits * share.applyAsDouble(x(date))));
                long increment = total - reported;
                if (increment <= 0) {
                    continue;
                }
                reported = total;
                LocalDateTime at = date.atTime(9 + random.nextInt(9), random.nextInt(60));
                String note = date.equals(reachedOn) ? "提前完成全年目标 / annual target reached ahead of time" : null;
                if (random.nextDouble() < CORRECTION_RATE && date.isBefore(yearEnd.minusDays(7))) {
                    mistypedThenCorrected(increment, at);
                } else {
                    add(Draft.report(target, UpdateKind.INCREMENT, precision.value(increment), at,
                            at.plusHours(1 + random.nextInt(48)), sequence++, note));
                }
            }
        }

        /** A figure typed with one zero too many, retracted a few days later and sent again right. */
        private void mistypedThenCorrected(long increment, LocalDateTime at) {
            Draft wrong = Draft.report(target, UpdateKind.INCREMENT, precision.value(increment * 10), at,
                    at.plusHours(1), sequence++, null);
            add(wrong);
            LocalDateTime noticed = at.plusDays(2 + random.nextInt(5));
            Draft correction = Draft.report(target, UpdateKind.CORRECTION, null, noticed, noticed, sequence++,
                    "录入错误，多输了一个0，撤回 / typed with one zero too many, retracted");
            correction.corrects = wrong;
            add(correction);
            add(Draft.report(target, UpdateKind.INCREMENT, precision.value(increment), noticed.plusMinutes(30),
                    noticed.plusMinutes(30), sequence++, "更正后重报 / the corrected figure"));
        }

        // ---------------------------------------------------------------- levels: rates, capacities, counts at a time

        private void level() {
            double goal = target.getTargetValue();
            Double baseline = target.getBaseline2019();
            double start = baseline != null && baseline < goal ? baseline
                    : baseline != null ? goal * (0.92 + 0.05 * random.nextDouble())
                    : goal * (0.60 + 0.25 * random.nextDouble());
            double doneAt = 0.50 + 0.25 * random.nextDouble();
            double depth = 0.25 + 0.10 * random.nextDouble();
            double end = switch (scenario) {
                case FINISHES_EARLY -> about() ? goal : goal * (1.02 + 0.06 * random.nextDouble());
                case STAYS_BEHIND -> about() ? goal * (0.85 + 0.07 * random.nextDouble())
                        : start + (goal - start) * (0.40 + 0.40 * random.nextDouble());
                default -> about() ? goal : goal * (1.0 + 0.03 * random.nextDouble());
            };
            if (target.getUnit().equals("%") && goal <= 100) {
                end = Math.min(end, 100);
            }
            boolean met = scenario != DemoScenario.STAYS_BEHIND;
            // the most a missed target may show: under the goal, and for 左右 outside the tolerance
            long missCap = (about() ? precision.unitsAtLeast(goal * (1 - DemoTally.ABOUT_TOLERANCE))
                    : precision.unitsAtLeast(goal)) - 1;
            for (LocalDate monthEnd : monthEnds()) {
                if (monthEnd.isBefore(firstDay)) {
                    continue;
                }
                double x = x(monthEnd);
                double shape = switch (scenario) {
                    case FINISHES_EARLY -> Math.min(1, x / doneAt);
                    case FALLS_BEHIND_AND_RECOVERS -> x - depth * Math.sin(Math.PI * x);
                    case STAYS_BEHIND -> 0.9 * x + 0.1 * x * x;
                    default -> x;
                };
                double level = Math.max(0, start + (end - start) * shape);
                // a met target must not miss by rounding
                long units = met && level >= goal ? Math.max(precision.unitsAtLeast(goal), precision.units(level))
                        : precision.units(level);
                if (!met) {
                    units = Math.min(units, missCap);
                }
                LocalDateTime asOf = monthEnd.atTime(18, 0);
                add(Draft.report(target, UpdateKind.LEVEL, precision.value(units), asOf,
                        asOf.plusDays(5 + random.nextInt(10)), sequence++, null));
            }
        }

        /**
         * Registered unemployment: climbs in the first half of 2020, goes over the ceiling by summer, stays over. A
         * ceiling that stays within reports 70-85 % of its limit, monthly levels; a zero ceiling so reports 0.
         */
        private void ceiling() {
            double limit = target.getTargetValue();
            for (LocalDate monthEnd : monthEnds()) {
                if (monthEnd.isBefore(firstDay)) {
                    continue;
                }
                double x = x(monthEnd);
                double share = scenario == DemoScenario.BREACHES_CEILING
                        ? (x <= 0.55 ? 0.80 + 0.28 * x / 0.55 : 1.08 - 0.05 * (x - 0.55) / 0.45)
                        : 0.70 + 0.15 * x;
                share += 0.01 * (random.nextDouble() - 0.5);
                LocalDateTime asOf = monthEnd.atTime(18, 0);
                add(Draft.report(target, UpdateKind.LEVEL, precision.value(precision.units(limit * share)), asOf,
                        asOf.plusDays(5 + random.nextInt(10)), sequence++, null));
            }
        }

        // ---------------------------------------------------------------- milestones

        private void milestone() {
            int day;
            String note;
            switch (scenario) {
                case FINISHES_EARLY -> {
                    day = 100 + random.nextInt(130);
                    note = "提前完成 / done ahead of plan";
                }
                case FALLS_BEHIND_AND_RECOVERS -> {
                    day = 350 + random.nextInt(14);
                    note = "原定三季度完成，受疫情影响顺延至12月 / planned for Q3, slipped to December by the epidemic";
                }
                case STAYS_BEHIND -> {
                    return; // slips out of the year: nothing to report in 2020
                }
                default -> {
                    day = 240 + random.nextInt(105);
                    note = "按计划完成 / done as planned";
                }
            }
            LocalDateTime at = yearStart.plusDays(day).atTime(9 + random.nextInt(9), random.nextInt(60));
            add(Draft.report(target, UpdateKind.MILESTONE_REACHED, null, at, at.plusHours(2), sequence++, note));
        }

        private List<LocalDate> monthEnds() {
            List<LocalDate> ends = new ArrayList<>();
            for (int month = 1; month <= 12; month++) {
                LocalDate end = yearStart.withMonth(month).withDayOfMonth(yearStart.withMonth(month).lengthOfMonth());
                if (!end.isAfter(target.getDeadline())) {
                    ends.add(end);
                }
            }
            return ends;
        }

        private void add(Draft draft) {
            drafts.add(draft);
        }
    }

    /** A step before it has its place in the script. */
    private static final class Draft {
        String targetId;
        String departmentId;
        String unit;
        UpdateKind kind;
        Double value;
        LocalDateTime eventTime;
        LocalDateTime reportedAt;
        String note;
        Draft corrects;
        Target revised;
        int sequence;
        int index;

        static Draft report(Target target, UpdateKind kind, Double value, LocalDateTime eventTime,
                            LocalDateTime reportedAt, int sequence, String note) {
            Draft d = new Draft();
            d.targetId = target.getId();
            d.departmentId = target.getDepartmentId();
            d.unit = target.getUnit();
            d.kind = kind;
            d.value = value;
            d.eventTime = eventTime;
            d.reportedAt = reportedAt;
            d.sequence = sequence;
            d.note = note;
            return d;
        }

        static Draft revision(Target revised, LocalDateTime at) {
            Draft d = new Draft();
            d.targetId = revised.getId();
            d.revised = revised;
            d.eventTime = at;
            d.sequence = -1;
            return d;
        }
    }
}
