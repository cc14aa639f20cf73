package org.jingan.progress.monitor.web;

import java.time.Duration;
import java.time.Instant;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.monitor.board.AlertBoard.FiringAlert;
import org.jingan.progress.monitor.decision.OperatorDecision;

/**
 * One firing alert as the console API shows it: the latest notice plus what the operators decided about it.
 * {@code firingForMinutes} is how long it has been firing by the district clock (its age in the console);
 * {@code silenced} is judged on the wall clock.
 */
public record AlertView(
        String dedupKey,
        String alertId,
        String targetId,
        String nameZh,
        String nameEn,
        String departmentId,
        String departmentZh,
        String departmentEn,
        String kind,
        String kindZh,
        String severity,
        String severityZh,
        String status,
        Instant firingSince,
        long firingForMinutes,
        Instant raisedAt,
        String unit,
        double actual,
        Double expectedValue,
        Double targetValue,
        Double gap,
        Double forecastYearEnd,
        String messageZh,
        String messageEn,
        OperatorDecision.Acknowledgement acknowledged,
        OperatorDecision.Silence silenced) {

    static AlertView of(FiringAlert firing, OperatorDecision decision, DepartmentNames departments, Instant wallNow,
                        Instant districtNow) {
        Alert a = firing.alert();
        return new AlertView(a.getDedupKey(), a.getAlertId(), a.getTargetId(), a.getNameZh(), a.getNameEn(),
                a.getDepartmentId(), departments.zh(a.getDepartmentId()), departments.en(a.getDepartmentId()), a.getKind().name(), Labels.kindZh(a.getKind()), a.getSeverity().name(),
                Labels.severityZh(a.getSeverity()), a.getStatus().name(), a.getFiringSince(),
                Math.max(0, Duration.between(a.getFiringSince(), districtNow).toMinutes()), a.getRaisedAt(),
                a.getUnit(), a.getActual(), a.getExpectedValue(), a.getTargetValue(), a.getGap(),
                a.getForecastYearEnd(), a.getMessageZh(), a.getMessageEn(),
                decision.acknowledges(a) ? decision.acknowledged() : null,
                decision.silencedAt(wallNow) ? decision.silence() : null);
    }
}
