package org.jingan.progress.streams.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetStatus;

/** The human sentences of an alert, in Chinese and English. */
public final class AlertMessages {

    private AlertMessages() {
    }

    public record Text(String zh, String en) {
    }

    public static Text of(Target target, AlertKind kind, AlertState state, Evaluation ev, Progress progress,
                          Double targetValue, RuleConfig config) {
        String unit = target.getUnit();
        String zhName = "「" + target.getNameZh() + "」";
        String enName = target.getNameEn() + " (" + target.getId() + ")";
        String date = Calendar.dateOf(ev.asOf(), config.zone()).toString();
        if (state == AlertState.RESOLVED) {
            return new Text(zhName + kindZh(kind) + "告警已解除，当前状态：" + statusZh(ev.status()) + "。",
                    enName + ": " + kindEn(kind) + " resolved, now " + statusEn(ev.status()) + ".");
        }
        String reached = pct(ev.completionRatio());
        String expected = pct(ev.expectedRatio());
        String gapPts = ev.gap() == null ? "-" : num(ev.gap() * 100);
        String forecastZh = ev.forecast() == null ? "" : "预计到期可达" + num(ev.forecast().yearEnd()) + unit + "，";
        String forecastEn = ev.forecast() == null ? ""
                : " Projected by the deadline: " + num(ev.forecast().yearEnd()) + " " + unit + ".";
        String goal = targetValue == null ? "-" : num(targetValue);
        String deptZh = "请" + target.getDepartmentZh() + "跟进。";
        String deptEn = " " + target.getDepartmentEn() + " to act.";
        return switch (kind) {
            case AT_RISK, BEHIND -> new Text(
                    zhName + (kind == AlertKind.BEHIND ? "进度落后" : "存在进度风险") + "：截至" + date + "已完成目标的" + reached
                            + "，按计划应完成" + expected + "（差距" + gapPts + "个百分点）。" + forecastZh + "目标" + goal + unit
                            + "。" + deptZh,
                    enName + (kind == AlertKind.BEHIND ? " is behind plan" : " is at risk") + ": " + reached
                            + " of the target reached by " + date + ", " + expected + " expected (gap " + gapPts
                            + " points)." + forecastEn + " Target: " + goal + " " + unit + "." + deptEn);
            case BREACHED -> targetValue != null && targetValue == 0 ? new Text(
                    zhName + "未实现零增长：当前" + num(progress.actual()) + unit + "，应为0。" + deptZh,
                    enName + " breached its zero ceiling: " + num(progress.actual()) + " " + unit
                            + " where none is allowed." + deptEn)
                    : new Text(
                    zhName + "已突破上限：当前" + num(progress.actual()) + unit + "，上限" + goal + unit + "。" + deptZh,
                    enName + " exceeded its ceiling: " + num(progress.actual()) + " " + unit + " against at most "
                            + goal + " " + unit + "." + deptEn);
            case OVERDUE -> new Text(
                    zhName + "已逾期：截止日期" + target.getDeadline() + "已过，完成目标的" + reached + "（" + num(progress.actual())
                            + "/" + goal + unit + "）。" + deptZh,
                    enName + " is overdue: the deadline " + target.getDeadline() + " passed with " + reached
                            + " of the target reached (" + num(progress.actual()) + " of " + goal + " " + unit + ")."
                            + deptEn);
            case FORECAST_MISS -> new Text(
                    zhName + "按近期速度预计到期仅达" + (ev.forecast() == null ? "-" : num(ev.forecast().yearEnd())) + unit
                            + "，目标" + goal + unit + "（目前已完成" + reached + "，按计划应完成" + expected + "）。" + deptZh,
                    enName + " is projected to miss: at its recent pace it reaches "
                            + (ev.forecast() == null ? "-" : num(ev.forecast().yearEnd())) + " " + unit + " by "
                            + target.getDeadline() + " against " + goal + " " + unit + " (" + reached + " reached, "
                            + expected + " expected now)." + deptEn);
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
        };
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

    static String kindZh(AlertKind kind) {
        return switch (kind) {
            case AT_RISK -> "进度风险";
            case BEHIND -> "进度落后";
            case BREACHED -> "突破上限";
            case OVERDUE -> "逾期";
            case FORECAST_MISS -> "预计未达标";
            case STALE_REPORT -> "未报送进度";
        };
    }

    static String kindEn(AlertKind kind) {
        return switch (kind) {
            case AT_RISK -> "at risk";
            case BEHIND -> "behind plan";
            case BREACHED -> "ceiling breached";
            case OVERDUE -> "overdue";
            case FORECAST_MISS -> "forecast miss";
            case STALE_REPORT -> "stale report";
        };
    }

    public static String statusZh(TargetStatus status) {
        return switch (status) {
            case NOT_STARTED -> "未开始";
            case ON_TRACK -> "进度正常";
            case AT_RISK -> "存在风险";
            case BEHIND -> "进度落后";
            case COMPLETED -> "已完成";
            case BREACHED -> "已突破上限";
            case OVERDUE -> "已逾期";
            case PENDING_TARGET -> "目标待定";
        };
    }

    public static String statusEn(TargetStatus status) {
        return switch (status) {
            case NOT_STARTED -> "not started";
            case ON_TRACK -> "on track";
            case AT_RISK -> "at risk";
            case BEHIND -> "behind";
            case COMPLETED -> "completed";
            case BREACHED -> "breached";
            case OVERDUE -> "overdue";
            case PENDING_TARGET -> "pending target";
        };
    }

}
