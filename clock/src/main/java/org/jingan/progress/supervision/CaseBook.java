package org.jingan.progress.supervision;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.contract.CaseFile;

/**
 * Each target's current supervision case as the steps read so far made it ({@link CaseFile}, the fold the streams
 * app's store uses too). Thread-safe: a follower thread applies, HTTP threads read.
 */
public final class CaseBook {
    private final Map<String, SupervisionCaseState> current = new ConcurrentHashMap<>();

    /** Applies a step read from the topic; false if the case could not take it (nothing changed). */
    public boolean apply(SupervisionCaseEvent step) {
        boolean[] applied = {false};
        current.compute(step.getTargetId(), (id, before) -> {
            SupervisionCaseState after = CaseFile.apply(before, step);
            applied[0] = after != null;
            return after != null ? after : before;
        });
        return applied[0];
    }

    public Optional<SupervisionCaseState> current(String targetId) {
        return Optional.ofNullable(current.get(targetId));
    }

    /** The open case of the target, if it has one. */
    public Optional<SupervisionCaseState> open(String targetId) {
        return current(targetId).filter(CaseFile::isOpen);
    }

    /** Every target's current case, open ones only unless {@code closedToo}, latest opened first. */
    public List<SupervisionCaseState> all(boolean closedToo) {
        return current.values().stream().filter(c -> closedToo || CaseFile.isOpen(c))
                .sorted(Comparator.comparing(SupervisionCaseState::getOpenedAt).reversed()
                        .thenComparing(SupervisionCaseState::getCaseId))
                .toList();
    }

    /** The open cases addressed to {@code departmentId}. */
    public List<SupervisionCaseState> openOf(String departmentId) {
        return all(false).stream().filter(c -> c.getDepartmentId().equals(departmentId)).toList();
    }
}
