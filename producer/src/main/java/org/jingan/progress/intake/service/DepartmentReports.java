package org.jingan.progress.intake.service;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.intake.delivery.StoredEvent;

/**
 * The last reports each department stored, as read back from progress-events (the same follower that rebuilds the
 * memory of event ids, so it holds what other intake instances stored too): what the department page lists under
 * "My targets" and offers to retract. Bounded: the last {@link #PER_DEPARTMENT} per department, and which of them a
 * correction retracts.
 */
public final class DepartmentReports {
    public static final int PER_DEPARTMENT = 500;

    /** One stored report, as the page shows it; {@code retractedBy} is the correction that takes it back, or null. */
    public record Report(String eventId, String targetId, String kind, Double value, String unit, Instant eventTime,
                         Instant reportedAt, String reporter, String note, String channel, String correctsEventId,
                         String retractedBy) {
        Report retracted(String by) {
            return new Report(eventId, targetId, kind, value, unit, eventTime, reportedAt, reporter, note, channel,
                    correctsEventId, by);
        }
    }

    private final Map<String, Deque<Report>> byDepartment = new HashMap<>();
    private final Map<String, String> retractions = new HashMap<>();
    /** The ids held, so that reading one again (a retry stored twice) is a lookup, not a scan, during the rebuild. */
    private final java.util.Set<String> held = new java.util.HashSet<>();

    public synchronized void learn(StoredEvent stored) {
        ProgressEvent e = stored.event();
        Deque<Report> reports = byDepartment.computeIfAbsent(e.getDepartmentId(), d -> new ArrayDeque<>());
        if (!held.add(e.getEventId())) {
            return; // the same id read again (a retry stored once more is dropped downstream too)
        }
        if (e.getKind() == UpdateKind.CORRECTION && e.getCorrectsEventId() != null) {
            retractions.put(e.getCorrectsEventId(), e.getEventId());
        }
        reports.addFirst(new Report(e.getEventId(), e.getTargetId(), e.getKind().name(), e.getValue(), e.getUnit(),
                e.getEventTime(), e.getReportedAt(), e.getReporter(), e.getNote(), e.getChannel(), e.getCorrectsEventId(), null));
        while (reports.size() > PER_DEPARTMENT) {
            String forgotten = reports.removeLast().eventId();
            retractions.remove(forgotten);
            held.remove(forgotten);
        }
    }

    /** The department's last reports, newest stored first, each with the correction that retracts it if any. */
    public synchronized List<Report> recent(String departmentId, int limit) {
        var out = new ArrayList<Report>();
        for (Report r : byDepartment.getOrDefault(departmentId, new ArrayDeque<>())) {
            if (out.size() == limit) {
                break;
            }
            String by = retractions.get(r.eventId());
            out.add(by == null ? r : r.retracted(by));
        }
        return out;
    }

    /** One of the department's remembered reports. */
    public synchronized java.util.Optional<Report> find(String departmentId, String eventId) {
        return recent(departmentId, PER_DEPARTMENT).stream().filter(r -> r.eventId().equals(eventId)).findFirst();
    }
}
