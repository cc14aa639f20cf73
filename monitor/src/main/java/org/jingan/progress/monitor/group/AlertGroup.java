package org.jingan.progress.monitor.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.monitor.board.AlertGroupKey;

/** One group's memory: what fires now, what its last notice told the receivers and when. Not thread-safe. */
final class AlertGroup {
    final AlertGroupKey key;
    /** Firing members by dedup key, sorted so notices list them alike every time. */
    final Map<String, Alert> firing = new TreeMap<>();
    /** The members of the last notice by dedup key; empty when none was sent (or the last one said RESOLVED). */
    Map<String, Alert> notified = Map.of();
    Instant notifiedAtDistrict;
    Instant notifiedAtWall;
    /** When the group came to be: its group wait counts from here. */
    final Instant createdAtDistrict;
    /** A member's FIRING notice was sent again unchanged since the last notice: worth a reminder. */
    boolean reminded;

    AlertGroup(AlertGroupKey key, Instant createdAtDistrict) {
        this.key = key;
        this.createdAtDistrict = createdAtDistrict;
    }

    /** Applies a member's notice; a notice of an older episode than the one held is stale and ignored. */
    void apply(Alert alert) {
        Alert current = firing.get(alert.getDedupKey());
        if (current != null && alert.getFiringSince().isBefore(current.getFiringSince())) {
            return;
        }
        if (alert.getState() == AlertState.RESOLVED) {
            firing.remove(alert.getDedupKey());
            return;
        }
        if (current != null && GroupFingerprint.of(current).equals(GroupFingerprint.of(alert))) {
            reminded = true;
        }
        firing.put(alert.getDedupKey(), alert);
    }

    /**
     * Whether the receivers were not told yet of something in {@code notifiable}: a member they did not hear of (or
     * heard of in another episode or severity), or a member they heard of that no longer fires. A member taken out by
     * an acknowledgement or a silence is no news.
     */
    boolean hasNews(List<Alert> notifiable) {
        Set<String> told = notified.values().stream().map(GroupFingerprint::of).collect(Collectors.toSet());
        return notifiable.stream().anyMatch(a -> !told.contains(GroupFingerprint.of(a))) || !resolvedSinceNotified().isEmpty();
    }

    /** Members of the last notice that fire no more. */
    List<Alert> resolvedSinceNotified() {
        List<Alert> resolved = new ArrayList<>();
        notified.forEach((key, alert) -> {
            if (!firing.containsKey(key)) {
                resolved.add(alert);
            }
        });
        return resolved;
    }

    void markNotified(List<Alert> members, Instant districtAt, Instant wallAt) {
        Map<String, Alert> told = new LinkedHashMap<>();
        members.forEach(a -> told.put(a.getDedupKey(), a));
        notified = told;
        notifiedAtDistrict = districtAt;
        notifiedAtWall = wallAt;
        reminded = false;
    }

    /** Nothing fires and nothing is owed to the receivers: the group can be forgotten. */
    boolean isSpent() {
        return firing.isEmpty() && notified.isEmpty();
    }
}
