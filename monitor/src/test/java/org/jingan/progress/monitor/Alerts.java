package org.jingan.progress.monitor;

import java.time.Instant;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.avro.TargetStatus;

/** Alert notices for tests, shaped like the streams app writes them. */
public final class Alerts {
    private Alerts() {
    }

    public static Alert firing(String targetId, AlertKind kind, Instant since) {
        return notice(targetId, kind, AlertState.FIRING, since, since, Severity.WARNING, "commerce");
    }

    public static Alert resolved(String targetId, AlertKind kind, Instant since, Instant at) {
        return notice(targetId, kind, AlertState.RESOLVED, since, at, Severity.WARNING, "commerce");
    }

    public static Alert notice(String targetId, AlertKind kind, AlertState state, Instant since, Instant raisedAt,
                               Severity severity, String department) {
        String dedupKey = targetId + "/" + kind;
        return Alert.newBuilder()
                .setAlertId(dedupKey + "/" + state + "/" + since.toEpochMilli())
                .setDedupKey(dedupKey)
                .setTargetId(targetId)
                .setNameZh("社会消费品零售总额")
                .setNameEn("Retail sales of consumer goods")
                .setDepartmentId(department)
                .setKind(kind)
                .setState(state)
                .setSeverity(severity)
                .setStatus(state == AlertState.FIRING ? TargetStatus.BEHIND : TargetStatus.ON_TRACK)
                .setUnit("亿元")
                .setTargetValue(1000.0)
                .setExpectedValue(500.0)
                .setActual(400.0)
                .setGap(-0.1)
                .setFiringSince(since)
                .setRaisedAt(raisedAt)
                .setMessageZh("进度落后于计划")
                .setMessageEn("Behind the planned pace")
                .build();
    }

    /** The same notice with another severity (a further FIRING notice of one episode). */
    public static Alert withSeverity(Alert alert, Severity severity) {
        return Alert.newBuilder(alert).setSeverity(severity).build();
    }
}
