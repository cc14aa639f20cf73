package org.jingan.progress.monitor.web;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.Severity;

/** Chinese labels of the alert enums, for the console and API clients that show them. */
final class Labels {
    private Labels() {
    }

    static String kindZh(AlertKind kind) {
        return switch (kind) {
            case AT_RISK -> "存在风险";
            case BEHIND -> "进度滞后";
            case BREACHED -> "突破上限";
            case OVERDUE -> "逾期未完成";
            case FORECAST_MISS -> "预计年底未达标";
            case STALE_REPORT -> "久未报送";
            case NO_REPORT_YET -> "尚未报送";
        };
    }

    static String severityZh(Severity severity) {
        return switch (severity) {
            case WARNING -> "警告";
            case CRITICAL -> "严重";
        };
    }
}
