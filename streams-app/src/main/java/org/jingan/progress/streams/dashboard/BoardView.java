package org.jingan.progress.streams.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;

/**
 * The board as the output topics say it, in memory and typed: every target's latest standing and every condition's
 * latest alert notice, each with the partition and offset it was read at, the target definitions (for the names
 * pages show), and the {@link FeedVersion} reached. Not thread-safe: {@link LiveFeed} holds its lock around it.
 */
final class BoardView {
    /** A key's latest record: its value (null once removed) and where it was read; target and department stay known. */
    record Held<V>(String key, V value, String targetId, String departmentId, int partition, long offset) {
    }

    private static final Comparator<Held<ProgressSnapshot>> REPORT_ORDER = Comparator
            .comparing((Held<ProgressSnapshot> h) -> h.value().getSectionId())
            .thenComparing(h -> h.value().getDepartmentId())
            .thenComparing(h -> h.value().getTargetId());

    private final Map<String, Held<ProgressSnapshot>> standings = new HashMap<>();
    private final Map<String, Held<Alert>> alerts = new HashMap<>();
    private final Map<String, Target> definitions = new HashMap<>();
    private final FeedVersion version;

    BoardView(int standingsPartitions, int alertsPartitions) {
        this.version = FeedVersion.zero(standingsPartitions, alertsPartitions);
    }

    FeedVersion version() {
        return version;
    }

    /**
     * Applies a standing (null: the target was withdrawn); the held record, or null when it changes nothing a page
     * shows (the same standing published again, e.g. by the task's new owner after a rebalance).
     */
    Held<ProgressSnapshot> standing(String targetId, ProgressSnapshot value, int partition, long offset) {
        version.advance(FeedVersion.STANDINGS, partition, offset);
        Held<ProgressSnapshot> before = standings.get(targetId);
        if (before == null && value == null || before != null && java.util.Objects.equals(before.value(), value)) {
            return null;
        }
        String department = value != null ? value.getDepartmentId() : before.departmentId();
        Held<ProgressSnapshot> held = new Held<>(targetId, value, targetId, department, partition, offset);
        standings.put(targetId, held);
        return held;
    }

    /** Applies an alert notice (FIRING or RESOLVED); null when it changes nothing a page shows. */
    Held<Alert> alert(String dedupKey, Alert value, int partition, long offset) {
        version.advance(FeedVersion.ALERTS, partition, offset);
        Held<Alert> before = alerts.get(dedupKey);
        if (value == null || before != null && value.equals(before.value())) {
            return null; // alerts are resolved by a notice, never deleted by a tombstone
        }
        Held<Alert> held = new Held<>(dedupKey, value, value.getTargetId(), value.getDepartmentId(), partition, offset);
        alerts.put(dedupKey, held);
        return held;
    }

    void definition(String targetId, Target value) {
        if (value == null) {
            definitions.remove(targetId);
        } else {
            definitions.put(targetId, value);
        }
    }

    Target definition(String targetId) {
        return definitions.get(targetId);
    }

    /** The standings a page with {@code filter} shows, in report order (section, department, target). */
    List<Held<ProgressSnapshot>> standings(FeedFilter filter) {
        return standings.values().stream().filter(h -> h.value() != null && shows(filter, h))
                .sorted(REPORT_ORDER).toList();
    }

    /** The alerts firing now that a page with {@code filter} shows. */
    List<Held<Alert>> firing(FeedFilter filter) {
        return alerts.values().stream().filter(h -> h.value().getState() == AlertState.FIRING && shows(filter, h)).toList();
    }

    /** Every standing (and removal) read at or after {@code since} that a page with {@code filter} shows. */
    List<Held<ProgressSnapshot>> standingsSince(FeedVersion since, FeedFilter filter) {
        return since(standings, FeedVersion.STANDINGS, since, filter);
    }

    /** Every alert notice read at or after {@code since} that a page with {@code filter} shows, in read order. */
    List<Held<Alert>> alertsSince(FeedVersion since, FeedFilter filter) {
        return since(alerts, FeedVersion.ALERTS, since, filter);
    }

    private static <V> List<Held<V>> since(Map<String, Held<V>> held, int side, FeedVersion since, FeedFilter filter) {
        List<Held<V>> changed = new ArrayList<>();
        for (Held<V> h : held.values()) {
            if (since.notYetAt(side, h.partition(), h.offset()) && shows(filter, h)) {
                changed.add(h);
            }
        }
        changed.sort(Comparator.comparingLong((Held<V> h) -> h.offset()).thenComparingInt(Held::partition));
        return changed;
    }

    private static boolean shows(FeedFilter filter, Held<?> h) {
        return filter.shows(h.targetId(), h.departmentId());
    }
}
