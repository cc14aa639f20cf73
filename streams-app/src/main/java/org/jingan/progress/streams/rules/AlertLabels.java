package org.jingan.progress.streams.rules;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.TargetStatus;

/** The names of alert kinds and statuses in the alerts' sentences, in Chinese and English. */
final class AlertLabels {

    private AlertLabels() {
    }

    static String kindZh(AlertKind kind) {
        return switch (kind) {
            case AT_RISK -> "进度风险";
            case BEHIND -> "进度落后";
            case BREACHED -> "突破上限";
            case OVERDUE -> "逾期";
            case FORECAST_MISS -> "预计未达标";
            case STALE_REPORT -> "未报送进度";
            case NO_REPORT_YET -> "尚未报送";
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
            case NO_REPORT_YET -> "no report yet";
        };
    }

    static String statusZh(TargetStatus status) {
        return switch (status) {
            case NOT_STARTED -> "未开始";
            case ON_TRACK -> "进度正常";
            case AT_RISK -> "存在风险";
            case BEHIND -> "进度落后";
            case COMPLETED -> "已完成";
            case BREACHED -> "已突破上限";
            case OVERDUE -> "已逾期";
            case PENDING_TARGET -> "目标待定";
            case NO_REPORT_YET -> "尚未报送";
        };
    }

    static String statusEn(TargetStatus status) {
        return switch (status) {
            case NOT_STARTED -> "not started";
            case ON_TRACK -> "on track";
            case AT_RISK -> "at risk";
            case BEHIND -> "behind";
            case COMPLETED -> "completed";
            case BREACHED -> "breached";
            case OVERDUE -> "overdue";
            case PENDING_TARGET -> "pending target";
            case NO_REPORT_YET -> "no report yet";
        };
    }
}
