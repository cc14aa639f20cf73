package org.jingan.progress.monitor.notify;

import java.time.Instant;

import org.jingan.progress.avro.Alert;

/**
 * The JSON body posted to webhooks. {@code idempotencyKey} (also sent as the {@code Idempotency-Key} header) is
 * the notice's alert id: identical on every retry and redelivery of the same notice, so a receiver that
 * remembers the keys it has handled can ignore duplicates. The body is the same on every attempt.
 */
public record WebhookPayload(
        int version,
        String idempotencyKey,
        String alertId,
        String dedupKey,
        String state,
        String kind,
        String severity,
        String status,
        String previousStatus,
        String targetId,
        String nameZh,
        String nameEn,
        String departmentId,
        String unit,
        Double targetValue,
        Double expectedValue,
        double actual,
        Double gap,
        Double forecastYearEnd,
        Instant firingSince,
        Instant raisedAt,
        String messageZh,
        String messageEn) {

    public static WebhookPayload of(Alert a) {
        return new WebhookPayload(1, a.getAlertId(), a.getAlertId(), a.getDedupKey(), a.getState().name(),
                a.getKind().name(), a.getSeverity().name(), a.getStatus().name(),
                a.getPreviousStatus() == null ? null : a.getPreviousStatus().name(),
                a.getTargetId(), a.getNameZh(), a.getNameEn(), a.getDepartmentId(), a.getUnit(),
                a.getTargetValue(), a.getExpectedValue(), a.getActual(), a.getGap(), a.getForecastYearEnd(),
                a.getFiringSince(), a.getRaisedAt(), a.getMessageZh(), a.getMessageEn());
    }
}
