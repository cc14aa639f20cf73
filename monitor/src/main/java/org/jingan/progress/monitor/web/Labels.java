package org.jingan.progress.monitor.web;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.Severity;

/** Chinese and English labels of the alert enums, for the console, the webhooks and API clients that show them. */
public final class Labels {
    private Labels() {
    }

    public static String kindZh(AlertKind kind) {
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

    public static String kindEn(AlertKind kind) {
        return switch (kind) {
            case AT_RISK -> "At risk";
            case BEHIND -> "Behind";
            case BREACHED -> "Ceiling breached";
            case OVERDUE -> "Overdue";
            case FORECAST_MISS -> "Forecast misses target";
            case STALE_REPORT -> "No recent report";
            case NO_REPORT_YET -> "No report yet";
        };
    }

    public static String severityZh(Severity severity) {
        return switch (severity) {
            case WARNING -> "警告";
            case CRITICAL -> "严重";
        };
    }

    /** "1 target", "3 targets". */
    public static String targets(int n) {
        return n + (n == 1 ? " target" : " targets");
    }
}
