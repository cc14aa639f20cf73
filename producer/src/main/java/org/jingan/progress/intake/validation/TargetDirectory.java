package org.jingan.progress.intake.validation;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jingan.progress.avro.Target;

/**
 * The targets the intake knows, by id and by responsible department. The catalog decides who owns what: a directory
 * following the targets topic is updated in place ({@link #put}, {@link #remove}) as revisions are published, so a
 * target moved to another department is refused for the old one at once, without a restart.
 */
public final class TargetDirectory {
    private final Map<String, Target> byId;

    private TargetDirectory(Map<String, Target> byId) {
        this.byId = new ConcurrentHashMap<>(byId);
    }

    /** A directory of these targets (a file's catalog, a test's); it can still be updated in place. */
    public static TargetDirectory of(Collection<Target> targets) {
        var byId = new LinkedHashMap<String, Target>();
        for (Target target : targets) {
            if (byId.put(target.getId(), target) != null) {
                throw new IllegalArgumentException("target id '" + target.getId() + "' occurs twice in the catalog");
            }
        }
        return new TargetDirectory(byId);
    }

    /** An empty directory, filled by a follower of the targets topic. */
    public static TargetDirectory empty() {
        return new TargetDirectory(Map.of());
    }

    /** The latest revision of a target replaces the one in force. */
    public void put(Target target) {
        byId.put(target.getId(), target);
    }

    /** A withdrawn target (a tombstone on the topic). */
    public void remove(String targetId) {
        byId.remove(targetId);
    }

    public Optional<Target> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Target> all() {
        return byId.values().stream().sorted(Comparator.comparing(Target::getId)).toList();
    }

    public List<Target> ofDepartment(String departmentId) {
        return all().stream().filter(t -> t.getDepartmentId().equals(departmentId)).toList();
    }

    public Set<String> departments() {
        return byId.values().stream().map(Target::getDepartmentId).collect(Collectors.toCollection(TreeSet::new));
    }

    public int size() {
        return byId.size();
    }
}
