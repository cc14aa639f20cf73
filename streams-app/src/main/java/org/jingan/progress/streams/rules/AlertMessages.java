package org.jingan.progress.streams.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.PlanSource;
import org.jingan.progress.contract.UnitNames;

/** The human sentences of an alert, in Chinese and English. */
public final class AlertMessages {

    private AlertMessages() {
    }

    public record Text(String zh, String en) {
    }

    public static Text of(Target target, Terms terms, AlertKind kind, AlertState state, Evaluation ev,
                          Progress progress, RuleConfig config) {
        String unit = target.getUnit();
        String zhName = "「" + target.getNameZh() + "」";
        String enName = target.getNameEn() + " (" + target.getId() + ")";
        String date = Calendar.dateOf(ev.asOf(), config.zone()).toString();
        if (state == AlertState.RESOLVED) {
            return resolved(zhName, enName, kind, ev, terms.source());
        }
        String reached = pct(ev.completionRatio());
        String expected = pct(ev.expectedRatio());
        String gapPts = ev.gap() == null ? "-" : num(ev.gap() * 100);
        String forecastZh = ev.forecast() == null ? "" : "预计到期可达" + num(ev.forecast().yearEnd()) + unit + "，";
        String forecastEn = ev.forecast() == null ? ""
                : " Projected by the deadline: " + en(ev.forecast().yearEnd(), unit) + ".";
        String goal = terms.targetValue() == null ? "-" : num(terms.targetValue());
        // which plan the expectation comes from: 时序进度, or the department's plan and who approved it when
        String planZh = "按" + terms.source().zh();
        String planEn = " under " + terms.source().en();
        String deptZh = "请" + target.getDepartmentZh() + "跟进。";
        String deptEn = " " + target.getDepartmentEn() + " to act.";
        if (terms.comparator() == Comparator.DONE && (kind == AlertKind.AT_RISK || kind == AlertKind.BEHIND)) {
            return milestone(zhName, enName, kind, terms.plan(), ev, config, planZh, planEn, deptZh, deptEn);
        }
        return switch (kind) {
            case AT_RISK, BEHIND -> new Text(
                    zhName + (kind == AlertKind.BEHIND ? "进度落后" : "存在进度风险") + "：截至" + date + "已完成目标的" + reached
                            + "，" + planZh + "应完成" + expected + "（差距" + gapPts + "个百分点）。" + forecastZh + "目标" + goal + unit
                            + "。" + deptZh,
                    enName + (kind == AlertKind.BEHIND ? " is behind plan" : " is at risk") + ": " + reached
                            + " of the target reached by " + date + ", " + expected + " expected" + planEn + " (gap " + gapPts
                            + " points)." + forecastEn + " Target: " + en(terms.targetValue(), unit) + "." + deptEn);
            case BREACHED -> terms.targetValue() != null && terms.targetValue() == 0 ? new Text(
                    zhName + "未实现零增长：当前" + num(progress.actual()) + unit + "，应为0。" + deptZh,
                    enName + " breached its zero ceiling: " + en(progress.actual(), unit)
                            + " where none is allowed." + deptEn)
                    : new Text(
                    zhName + "已突破上限：当前" + num(progress.actual()) + unit + "，上限" + goal + unit + "。" + deptZh,
                    enName + " exceeded its ceiling: " + en(progress.actual(), unit) + " against at most "
                            + en(terms.targetValue(), unit) + "." + deptEn);
            case OVERDUE -> new Text(
                    zhName + "已逾期：截止日期" + target.getDeadline() + "已过，完成目标的" + reached + "（" + num(progress.actual())
                            + "/" + goal + unit + "）。" + deptZh,
                    enName + " is overdue: the deadline " + target.getDeadline() + " passed with " + reached
                            + " of the target reached (" + num(progress.actual()) + " of " + en(terms.targetValue(), unit) + ")."
                            + deptEn);
            case FORECAST_MISS -> new Text(
                    zhName + "按近期速度预计到期仅达" + (ev.forecast() == null ? "-" : num(ev.forecast().yearEnd())) + unit
                            + "，目标" + goal + unit + "（目前已完成" + reached + "，" + planZh + "应完成" + expected + "）。" + deptZh,
                    enName + " is projected to miss: at its recent pace it reaches "
                            + (ev.forecast() == null ? "- " + UnitNames.english(unit) : en(ev.forecast().yearEnd(), unit)) + " by "
                            + target.getDeadline() + " against " + en(terms.targetValue(), unit) + " (" + reached + " reached, "
                            + expected + " expected now" + planEn + ")." + deptEn);
            case STALE_REPORT -> {
                String last = progress.lastReportAt() == null ? null
                        : Calendar.dateOf(progress.lastReportAt(), config.zone()).toString();
                long days = (ev.asOf() - (progress.lastReportAt() != null ? progress.lastReportAt()
                        : Calendar.startOfYear(target.getYear(), config.zone()))) / Calendar.DAY_MS;
                yield new Text(
                        zhName + "已" + days + "天未报送进度（最近一次：" + (last == null ? "无" : last) + "）。请"
                                + target.getDepartmentZh() + "报送。",
                        enName + " has had no progress report for " + days + " days (last: "
                                + (last == null ? "never" : last) + ")." + " " + target.getDepartmentEn()
                                + " to report.");
            }
            case NO_REPORT_YET -> {
                long days = (ev.asOf() - terms.plan().start()) / Calendar.DAY_MS;
                boolean paced = terms.comparator() != Comparator.AT_MOST;
                yield new Text(
                        zhName + "今年尚未报送进度（已" + days + "天）" + (paced ? "，" + planZh + "截至" + date + "应完成" + expected : "")
                                + "。请" + target.getDepartmentZh() + "报送。",
                        enName + " has had no progress report this year (" + days + " days)"
                                + (paced ? "; " + expected + " of the target was expected by " + date + planEn : "") + ". "
                                + target.getDepartmentEn() + " to report.");
            }
        };
    }

    /** A resolution; one that an inhibiting condition caused says which (the receiver sees why it went away). */
    private static Text resolved(String zhName, String enName, AlertKind kind, Evaluation ev, PlanSource plan) {
        AlertKind by = AlertInhibition.inhibitorOf(kind, ev.conditions());
        String coveredZh = by == null ? "" : "（由" + AlertLabels.kindZh(by) + "告警涵盖）";
        String coveredEn = by == null ? "" : " (covered by the " + AlertLabels.kindEn(by) + " alert)";
        return new Text(zhName + AlertLabels.kindZh(kind) + "告警已解除" + coveredZh + "，当前状态："
                + AlertLabels.statusZh(ev.status()) + "（按" + plan.zh() + "）。",
                enName + ": " + AlertLabels.kindEn(kind) + " resolved" + coveredEn + ", now "
                        + AlertLabels.statusEn(ev.status()) + " under " + plan.en() + ".");
    }

    /** A milestone has no share done, only a due date: the sentences say how far it is. */
    private static Text milestone(String zhName, String enName, AlertKind kind, PacePlan plan, Evaluation ev,
                                  RuleConfig config, String planZh, String planEn, String deptZh, String deptEn) {
        String due = Calendar.dateOf(plan.fullBy() - 1, config.zone()).toString();
        if (kind == AlertKind.BEHIND) {
            return new Text(zhName + planZh + "应于" + due + "前完成，尚未报告完成。" + deptZh,
                    enName + " was due by " + due + planEn + " and is not reported done." + deptEn);
        }
        long days = (plan.fullBy() - ev.asOf()) / Calendar.DAY_MS;
        return new Text(zhName + "尚未报告完成，距计划完成日期" + due + "还有" + days + "天（" + planZh.substring(1) + "）。"
                + deptZh, enName + " is not reported done, " + days + " days before it is due (" + due + planEn + ")."
                + deptEn);
    }

    /** An amount in English with the unit's English name: "3 items", "1 item", "1.41 × 10,000 m²", "42%". */
    static String en(Double v, String unit) {
        String amount = v == null ? "-" : num(v);
        return "%".equals(unit) ? amount + "%" : amount + " " + UnitNames.english(unit, v);
    }

    static String pct(Double ratio) {
        return ratio == null ? "-" : num(ratio * 100) + "%";
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
