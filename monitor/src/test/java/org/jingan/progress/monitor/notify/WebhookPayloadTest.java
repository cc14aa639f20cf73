package org.jingan.progress.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.catalog.Department;
import org.jingan.progress.monitor.Alerts;
import org.jingan.progress.monitor.decision.DecisionStore;
import org.jingan.progress.monitor.group.AlertGrouper;
import org.jingan.progress.monitor.group.GroupNotice;
import org.jingan.progress.monitor.group.GroupTimings;
import org.jingan.progress.monitor.web.DepartmentNames;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {
    private static final Instant DAY_CLOSE = Instant.parse("2020-03-31T16:00:00Z");

    @Test
    void shouldMakeTheTargetsWithNoReportYetOneNoticePerDepartmentInChineseAndEnglish() {
        AlertGrouper grouper = new AlertGrouper(GroupTimings.DEFAULT, new DecisionStore());
        IntStream.range(0, 9).forEach(i -> grouper.observe(Alerts.notice("t" + i, AlertKind.NO_REPORT_YET,
                AlertState.FIRING, DAY_CLOSE, DAY_CLOSE, Severity.WARNING, "commerce"), DAY_CLOSE));

        List<GroupNotice> notices = grouper.due(DAY_CLOSE.plus(Duration.ofSeconds(30)), DAY_CLOSE);
        WebhookPayload payload = WebhookPayload.of(notices.get(0), new DepartmentNames(Map.of("commerce",
                new Department("commerce", "区商务委", "District Commerce Commission"))));

        assertThat(notices).hasSize(1);
        assertThat(payload.groupKey()).isEqualTo("commerce/NO_REPORT_YET");
        assertThat(payload.count()).isEqualTo(9);
        assertThat(payload.alerts()).hasSize(9);
        assertThat(payload.kindZh()).isEqualTo("尚未报送");
        assertThat(payload.kindEn()).isEqualTo("No report yet");
        assertThat(payload.titleZh()).isEqualTo("区商务委：9 项指标尚未报送");
        assertThat(payload.titleEn()).isEqualTo("District Commerce Commission · No report yet: 9 targets");
    }
}
