package org.jingan.progress.monitor.notify;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.monitor.group.GroupNotice;
import org.jingan.progress.monitor.web.DepartmentNames;
import org.jingan.progress.monitor.web.Labels;

/**
 * The JSON body posted to webhooks (version 2): one grouped notice, a department's targets of one alert kind
 * (see monitor/README.md). {@code idempotencyKey} (also the {@code Idempotency-Key} header) is the notice's id: the
 * same on every retry and for the same content, so a receiver that remembers the keys it handled can drop
 * duplicates. {@code alerts} are the members firing (not acknowledged, not silenced), {@code resolved} those of the
 * previous notice that fire no more.
 */
public record WebhookPayload(
        int version,
        String idempotencyKey,
        String groupKey,
        String status,
        String departmentId,
        String departmentZh,
        String departmentEn,
        String kind,
        String kindZh,
        String kindEn,
        String severity,
        int count,
        String titleZh,
        String titleEn,
        Instant districtAt,
        List<Member> alerts,
        List<Member> resolved) {

    /** One target of the group, as its latest per-target notice on the alerts topic says. */
    public record Member(String alertId, String dedupKey, String targetId, String nameZh, String nameEn,
                         String severity, String status, String unit, Double targetValue, Double expectedValue,
                         double actual, Double gap, Double forecastYearEnd, Instant firingSince, Instant raisedAt,
                         String messageZh, String messageEn) {

        static Member of(Alert a) {
            return new Member(a.getAlertId(), a.getDedupKey(), a.getTargetId(), a.getNameZh(), a.getNameEn(),
                    a.getSeverity().name(), a.getStatus().name(), a.getUnit(), a.getTargetValue(),
                    a.getExpectedValue(), a.getActual(), a.getGap(), a.getForecastYearEnd(), a.getFiringSince(),
                    a.getRaisedAt(), a.getMessageZh(), a.getMessageEn());
        }
    }

    public static WebhookPayload of(GroupNotice notice, DepartmentNames departments) {
        String dept = notice.group().departmentId();
        var kind = notice.group().kind();
        int count = notice.firing().size();
        String severity = notice.firing().stream().map(Alert::getSeverity).max(Comparator.naturalOrder())
                .map(Severity::name).orElse(null);
        boolean resolved = notice.status() == GroupNotice.Status.RESOLVED;
        String titleZh = departments.zh(dept) + "：" + (resolved ? Labels.kindZh(kind) + "已全部解除"
                : count + " 项指标" + Labels.kindZh(kind));
        String titleEn = departments.en(dept) + " · " + Labels.kindEn(kind) + ": "
                + (resolved ? "all resolved" : Labels.targets(count));
        return new WebhookPayload(2, notice.id(), notice.group().toString(), notice.status().name(), dept,
                departments.zh(dept), departments.en(dept), kind.name(), Labels.kindZh(kind), Labels.kindEn(kind),
                severity, count, titleZh, titleEn, notice.districtAt(),
                notice.firing().stream().map(Member::of).toList(), notice.resolved().stream().map(Member::of).toList());
    }
}
