package org.jingan.progress.stack.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jingan.progress.avro.Target;

/**
 * The generated demo year: its steps in event-time order, the story each target follows, and the targets as the
 * demo revises them (open targets get their value).
 */
public record DemoScript(long seed, int year, List<DemoStep> steps, Map<String, DemoScenario> scenarios,
                         List<Target> targets) {

    public DemoScript {
        steps = List.copyOf(steps);
        scenarios = Map.copyOf(scenarios);
        targets = List.copyOf(targets);
    }

    public int size() {
        return steps.size();
    }

    public List<DemoReport> reports() {
        return steps.stream().filter(DemoReport.class::isInstance).map(DemoReport.class::cast).toList();
    }

    public List<DemoRevision> revisions() {
        return steps.stream().filter(DemoRevision.class::isInstance).map(DemoRevision.class::cast).toList();
    }

    /** The revisions among the first {@code position} steps: those already published by an earlier replay. */
    public List<DemoRevision> revisionsBefore(int position) {
        return revisions().stream().filter(r -> r.index() < position).toList();
    }

    public Optional<Target> target(String id) {
        return targets.stream().filter(t -> t.getId().equals(id)).findFirst();
    }

    /** How many targets follow each story. */
    public Map<DemoScenario, Integer> scenarioCounts() {
        Map<DemoScenario, Integer> counts = new EnumMap<>(DemoScenario.class);
        scenarios.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    /** A short hash of every step: two scripts with the same fingerprint send the same reports. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (DemoStep step : steps) {
                String line = step instanceof DemoReport r
                        ? r.eventId() + '|' + r.targetId() + '|' + r.kind() + '|' + r.value() + '|' + r.eventTime()
                        : "revision|" + ((DemoRevision) step).revised().getId() + '|' + step.eventTime();
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** One line for the launcher's banner. */
    public String summary() {
        Map<DemoScenario, Integer> counts = scenarioCounts();
        return String.format("%d reports on %d targets over %d, seed %d: %d finish early, %d fall behind and recover, "
                        + "%d stay behind, %d ceiling breached", reports().size(), targets.size(), year, seed,
                counts.getOrDefault(DemoScenario.FINISHES_EARLY, 0),
                counts.getOrDefault(DemoScenario.FALLS_BEHIND_AND_RECOVERS, 0),
                counts.getOrDefault(DemoScenario.STAYS_BEHIND, 0),
                counts.getOrDefault(DemoScenario.BREACHES_CEILING, 0));
    }
}
