package org.jingan.progress.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.intake.delivery.Delivery;
import org.jingan.progress.intake.delivery.StoredEvent;
import org.junit.jupiter.api.Test;

class DepartmentReportsTest {
    private final DepartmentReports reports = new DepartmentReports();

    private static StoredEvent event(String id, String department, UpdateKind kind, String corrects) {
        ProgressEvent e = ProgressEvent.newBuilder().setEventId(id).setTargetId("c-elevators").setDepartmentId(department)
                .setReporter("王工").setKind(kind).setValue(kind == UpdateKind.CORRECTION ? null : 3.0).setUnit("台")
                .setEventTime(Instant.parse("2020-05-31T00:00:00Z")).setReportedAt(Instant.parse("2020-06-01T00:00:00Z"))
                .setCorrectsEventId(corrects).setNote(null).setChannel("WEB").build();
        return new StoredEvent(e, new Delivery("progress-events", 0, 0, Instant.EPOCH));
    }

    @Test
    void shouldListADepartmentsReportsNewestFirstWithTheCorrectionThatRetractsThem() {
        reports.learn(event("a", "construction", UpdateKind.INCREMENT, null));
        reports.learn(event("b", "construction", UpdateKind.INCREMENT, null));
        reports.learn(event("x", "commerce", UpdateKind.INCREMENT, null));
        reports.learn(event("c", "construction", UpdateKind.CORRECTION, "a"));
        reports.learn(event("b", "construction", UpdateKind.INCREMENT, null)); // read again

        assertThat(reports.recent("construction", 10)).extracting(DepartmentReports.Report::eventId).containsExactly("c", "b", "a");
        assertThat(reports.find("construction", "a")).hasValueSatisfying(r -> assertThat(r.retractedBy()).isEqualTo("c"));
        assertThat(reports.find("construction", "x")).as("another department's").isEmpty();
        assertThat(reports.recent("construction", 1)).hasSize(1);
    }

    @Test
    void shouldKeepTheLastFewHundredPerDepartment() {
        for (int i = 0; i < DepartmentReports.PER_DEPARTMENT + 10; i++) {
            reports.learn(event("e" + i, "construction", UpdateKind.INCREMENT, null));
        }

        assertThat(reports.recent("construction", 10_000)).hasSize(DepartmentReports.PER_DEPARTMENT)
                .first().satisfies(r -> assertThat(r.eventId()).isEqualTo("e" + (DepartmentReports.PER_DEPARTMENT + 9)));
        assertThat(reports.find("construction", "e0")).isEmpty();
    }
}
