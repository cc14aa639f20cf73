package org.jingan.progress.monitor.group;

import java.util.Collection;
import java.util.stream.Collectors;

import org.jingan.progress.avro.Alert;

/**
 * What makes a group's notice worth sending again: which members fire, in which episode, at which severity. A new
 * actual or message of a member that still fires alike is not news (every report would otherwise notify).
 */
final class GroupFingerprint {
    private GroupFingerprint() {
    }

    static String of(Alert member) {
        return member.getDedupKey() + "@" + member.getFiringSince().toEpochMilli() + ":" + member.getSeverity();
    }

    static String of(Collection<Alert> members) {
        return members.stream().map(GroupFingerprint::of).sorted().collect(Collectors.joining(","));
    }
}
