package org.jingan.progress.monitor.web;

import java.util.Comparator;
import java.util.List;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.monitor.board.AlertGroupKey;
import org.jingan.progress.monitor.decision.OperatorDecision;

/**
 * One group as the console shows it: a department's firing alerts of one kind, its worst severity, how many of its
 * members are acknowledged, the group's own silence, and the members (most urgent first).
 */
public record GroupView(
        String groupKey,
        String departmentId,
        String departmentZh,
        String departmentEn,
        String kind,
        String kindZh,
        String kindEn,
        int count,
        int acknowledgedCount,
        String severity,
        String severityZh,
        OperatorDecision.Silence silenced,
        List<AlertView> members) {

    /** Worst severity first, then the larger group. */
    static final Comparator<GroupView> MOST_URGENT_FIRST = Comparator
            .comparing((GroupView g) -> Severity.valueOf(g.severity()).ordinal()).reversed()
            .thenComparing(Comparator.comparingInt(GroupView::count).reversed())
            .thenComparing(GroupView::groupKey);

    static GroupView of(AlertGroupKey key, List<AlertView> members, OperatorDecision groupDecision,
                        DepartmentNames departments, java.time.Instant wallNow) {
        AlertKind kind = key.kind();
        Severity worst = members.stream().map(m -> Severity.valueOf(m.severity())).max(Comparator.naturalOrder())
                .orElse(Severity.WARNING);
        return new GroupView(key.toString(), key.departmentId(), departments.zh(key.departmentId()),
                departments.en(key.departmentId()), kind.name(), Labels.kindZh(kind), Labels.kindEn(kind),
                members.size(), (int) members.stream().filter(m -> m.acknowledged() != null).count(), worst.name(),
                Labels.severityZh(worst), groupDecision.silencedAt(wallNow) ? groupDecision.silence() : null,
                List.copyOf(members));
    }
}
