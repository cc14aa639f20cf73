package org.jingan.progress.catalog.plans;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.SubmittedCheckpoint;
import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.UnitNames;

/**
 * What a department's plan must satisfy: at least one checkpoint; every date inside the target's period (1 January of
 * its year to its deadline) and later than the one before; amounts (or shares) that never decrease; the last one the
 * whole target. A ceiling has no pace, so no plan; a pending target's plan is written in shares.
 */
public final class PlanRules {
    private static final double EPSILON = 1e-9;
    /** More checkpoints than days in a year is no plan anybody wrote by hand. */
    public static final int MAX_CHECKPOINTS = 366;

    private PlanRules() {
    }

    /** The plan's checkpoints (shares computed from amounts) when {@code problems} is empty. */
    public record Checked(List<SubmittedCheckpoint> checkpoints, List<PlanProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Checked check(Target target, List<PlanRow> rows) {
        List<PlanProblem> problems = new ArrayList<>();
        List<SubmittedCheckpoint> checkpoints = new ArrayList<>();
        if (target.getComparator() == Comparator.AT_MOST) {
            problems.add(new PlanProblem(0, "target", "'" + target.getId() + "' is a ceiling: it is kept under its"
                    + " value all year and has no pace to plan", "「" + target.getNameZh() + "」是控制性指标，全年不超过上限即可，无需分解计划"));
            return new Checked(List.of(), problems);
        }
        if (rows.isEmpty()) {
            problems.add(new PlanProblem(0, "checkpoints", "the plan has no checkpoint: give at least the deadline with"
                    + " the whole target", "计划中没有节点：至少填写截止日期及全部目标量"));
            return new Checked(List.of(), problems);
        }
        if (rows.size() > MAX_CHECKPOINTS) {
            problems.add(new PlanProblem(0, "checkpoints", "the plan has " + rows.size() + " checkpoints; at most "
                    + MAX_CHECKPOINTS, "计划节点过多（" + rows.size() + " 个），至多 " + MAX_CHECKPOINTS + " 个"));
            return new Checked(List.of(), problems);
        }
        Double goal = target.getTargetValue();
        LocalDate start = LocalDate.of(target.getYear(), 1, 1);
        LocalDate deadline = target.getDeadline();
        LocalDate previousDate = null;
        double previousRatio = 0;
        for (PlanRow row : rows) {
            int line = row.line();
            Double ratio = ratio(row, goal, target, problems);
            if (row.date() == null) {
                problems.add(new PlanProblem(line, "date", "no date: write it as YYYY-MM-DD", "缺少日期，请按 YYYY-MM-DD 填写"));
            } else if (row.date().isBefore(start) || row.date().isAfter(deadline)) {
                problems.add(new PlanProblem(line, "date", row.date() + " is outside the target's period " + start
                        + " to " + deadline, row.date() + " 不在目标期限内（" + start + " 至 " + deadline + "）"));
            } else if (previousDate != null && !row.date().isAfter(previousDate)) {
                problems.add(new PlanProblem(line, "date", row.date() + " does not follow " + previousDate
                        + ": list checkpoints by increasing date", row.date() + " 未晚于上一节点 " + previousDate + "：请按日期先后填写"));
            }
            if (ratio != null && ratio < previousRatio - EPSILON) {
                problems.add(new PlanProblem(line, row.value() != null ? "expectedValue" : "expectedShare",
                        "the plan falls back from " + pct(previousRatio) + " to " + pct(ratio) + ": amounts are cumulative"
                                + " and never decrease", "计划量从 " + pct(previousRatio) + " 回落到 " + pct(ratio) + "：应填写累计量，不得减少"));
            }
            if (row.date() != null && (previousDate == null || row.date().isAfter(previousDate))) {
                previousDate = row.date();
            }
            if (ratio != null) {
                previousRatio = Math.max(previousRatio, ratio);
                if (row.date() != null) {
                    checkpoints.add(new SubmittedCheckpoint(row.date(), Math.min(1.0, ratio), row.value()));
                }
            }
        }
        PlanRow last = rows.get(rows.size() - 1);
        Double lastRatio = ratio(last, goal, target, new ArrayList<>());
        if (lastRatio != null && Math.abs(lastRatio - 1.0) > EPSILON) {
            String whole = goal == null ? "100%" : num(goal) + " " + target.getUnit();
            String wholeEn = goal == null ? "100%" : num(goal) + " " + UnitNames.english(target.getUnit(), goal);
            problems.add(new PlanProblem(last.line(), last.value() != null ? "expectedValue" : "expectedShare",
                    "the plan ends at " + pct(lastRatio) + " of the target: its last checkpoint is the whole target (" + wholeEn + ")",
                    "计划最后一个节点为目标的 " + pct(lastRatio) + "：最后一个节点须为全部目标（" + whole + "）"));
        }
        return new Checked(problems.isEmpty() ? List.copyOf(checkpoints) : List.of(), List.copyOf(problems));
    }

    /** The row's share of the target, or null (with a problem) when it has none that can be used. */
    private static Double ratio(PlanRow row, Double goal, Target target, List<PlanProblem> problems) {
        int line = row.line();
        if ((row.value() == null) == (row.share() == null)) {
            problems.add(new PlanProblem(line, "expectedValue", "give either the cumulative amount (expectedValue) or the"
                    + " share (expectedShare, 0 to 1), one of the two", "请填写累计量（expectedValue）或占比（expectedShare，0 至 1）其中之一"));
            return null;
        }
        if (row.share() != null) {
            double s = row.share();
            if (!(s >= 0 && s <= 1 + EPSILON)) {
                problems.add(new PlanProblem(line, "expectedShare", "share " + s + " is not between 0 and 1 (0.5 is half)",
                        "占比 " + s + " 不在 0 至 1 之间（0.5 即一半）"));
                return null;
            }
            return s;
        }
        double v = row.value();
        if (goal == null || goal <= 0) {
            problems.add(new PlanProblem(line, "expectedValue", "'" + target.getId() + "' has no target value yet: write the"
                    + " plan in shares (expectedShare)", "「" + target.getNameZh() + "」尚无目标值，请按占比（expectedShare）填写"));
            return null;
        }
        if (!(v >= 0) || Double.isInfinite(v) || v > goal * (1 + EPSILON)) {
            problems.add(new PlanProblem(line, "expectedValue", "amount " + num(v) + " is not between 0 and the target "
                    + num(goal) + " " + UnitNames.english(target.getUnit(), goal), "计划量 " + num(v) + " 不在 0 至目标 " + num(goal) + target.getUnit() + " 之间"));
            return null;
        }
        return v / goal;
    }

    private static String pct(double ratio) {
        return num(ratio * 100) + "%";
    }

    static String num(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
