package org.jingan.progress.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.avro.Schema;
import org.jingan.progress.avro.Target;

/**
 * What publishing a list of targets would change on the targets topic: targets it would add, targets whose content
 * differs (field by field, old → new), how many are the same, and ids on the topic the list does not have (publishing
 * leaves those alone). Content is every field but the publication's own: revision, its note, who and when.
 */
public record CatalogDiff(List<Target> added, List<Changed> changed, int unchanged, List<String> onTopicOnly) {
    /** Fields that describe a publication, not the target: never compared. */
    static final Set<String> PUBLICATION_FIELDS = Set.of("revision", "revisionNote", "revisedBy", "revisedAt");

    /** One field that differs: its value on the topic and in the file. */
    public record FieldChange(String field, Object before, Object after) {
        /** e.g. {@code targetValue null -> 10000}. */
        @Override
        public String toString() {
            return field + " " + shown(before) + " -> " + shown(after);
        }
    }

    /** A target on the topic (at {@code revision}) whose content the file changes. */
    public record Changed(String id, int revision, List<FieldChange> fields) {
    }

    /** Compares {@code targets} with the latest record of each id on the topic. */
    public static CatalogDiff between(Map<String, Target> onTopic, List<Target> targets) {
        List<Target> added = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        int unchanged = 0;
        Set<String> listed = new LinkedHashSet<>();
        for (Target target : targets) {
            listed.add(target.getId());
            Target published = onTopic.get(target.getId());
            if (published == null) {
                added.add(target);
                continue;
            }
            List<FieldChange> fields = fieldChanges(published, target);
            if (fields.isEmpty()) {
                unchanged++;
            } else {
                changed.add(new Changed(target.getId(), published.getRevision(), fields));
            }
        }
        List<String> onTopicOnly = onTopic.keySet().stream().filter(id -> !listed.contains(id)).sorted().toList();
        return new CatalogDiff(List.copyOf(added), List.copyOf(changed), unchanged, onTopicOnly);
    }

    /** The content fields of {@code target} that differ from {@code previous}, in schema order. */
    public static List<FieldChange> fieldChanges(Target previous, Target target) {
        List<FieldChange> changes = new ArrayList<>();
        for (Schema.Field field : Target.getClassSchema().getFields()) {
            if (PUBLICATION_FIELDS.contains(field.name())) {
                continue;
            }
            Object before = previous.get(field.pos());
            Object after = target.get(field.pos());
            if (!Objects.equals(before, after)) {
                changes.add(new FieldChange(field.name(), before, after));
            }
        }
        return changes;
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty();
    }

    /** {@code added A, changed C, unchanged U} (plus ids on the topic only). */
    public String summary() {
        String summary = "added " + added.size() + ", changed " + changed.size() + ", unchanged " + unchanged;
        if (!onTopicOnly.isEmpty()) {
            summary += "; " + onTopicOnly.size() + " on the topic but not in the file (publishing leaves them as they"
                    + " are): " + String.join(", ", onTopicOnly);
        }
        return summary;
    }

    /** The diff as lines for a terminal: each added id, each changed field old → new, then the summary. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Target t : added) {
            out.append("+ ").append(t.getId()).append("  (new: ").append(t.getDepartmentId()).append(", ")
                    .append(TargetTable.value(t.getTargetValue())).append(' ').append(t.getUnit()).append(")\n");
        }
        for (Changed c : changed) {
            out.append("~ ").append(c.id()).append("  (revision ").append(c.revision()).append(" -> ")
                    .append(c.revision() + 1).append(")\n");
            for (FieldChange f : c.fields()) {
                out.append("    ").append(f.field()).append(": ").append(shown(f.before())).append(" \u2192 ")
                        .append(shown(f.after())).append('\n');
            }
        }
        return out.append(summary()).append('\n').toString();
    }

    /** A value as a person reads it: numbers without a trailing .0, long texts cut. */
    static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof Double d ? TargetTable.value(d) : value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
