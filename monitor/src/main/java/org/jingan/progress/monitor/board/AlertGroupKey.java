package org.jingan.progress.monitor.board;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;

/**
 * What alerts are grouped by, as Alertmanager's {@code group_by: [department, kind]}: one department's alerts of one
 * kind make one group, notified and shown together. Written {@code departmentId/KIND} in the console API.
 */
public record AlertGroupKey(String departmentId, AlertKind kind) {

    public AlertGroupKey {
        if (departmentId == null || departmentId.isBlank()) {
            throw new IllegalArgumentException("group key needs a department id before the '/'");
        }
    }

    public static AlertGroupKey of(Alert alert) {
        return new AlertGroupKey(alert.getDepartmentId(), alert.getKind());
    }

    /** Parses {@code departmentId/KIND} the way {@link DedupKey#parse} parses {@code targetId/KIND}. */
    public static AlertGroupKey parse(String text) {
        DedupKey shape = DedupKey.parse(text); // same form, same messages
        return new AlertGroupKey(shape.targetId(), shape.kind());
    }

    /**
     * The key the group's own silence is kept under among the operators' decisions; the prefix keeps it apart from
     * a target's dedup key.
     */
    public String decisionKey() {
        return "group:" + this;
    }

    @Override
    public String toString() {
        return departmentId + "/" + kind.name();
    }
}
