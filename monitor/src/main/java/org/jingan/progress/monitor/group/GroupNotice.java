package org.jingan.progress.monitor.group;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.monitor.board.AlertGroupKey;

/**
 * One grouped notification: a group's firing members as they stand, and the members that resolved since the group's
 * last notice. {@code status} is RESOLVED when nothing of the group fires any more.
 *
 * @param id         the same for the same content (group, status, members and their episodes and severities):
 *                   a retry or a reminder has the same id, so a receiver can drop duplicates by it
 * @param districtAt the district time the notice was made at
 */
public record GroupNotice(String id, AlertGroupKey group, Status status, List<Alert> firing, List<Alert> resolved,
                          Instant districtAt) {

    public enum Status { FIRING, RESOLVED }

    public static GroupNotice of(AlertGroupKey group, Status status, List<Alert> firing, List<Alert> resolved,
                          Instant districtAt) {
        return new GroupNotice(group + "/" + status + "/" + digest(status, firing, resolved), group, status,
                List.copyOf(firing), List.copyOf(resolved), districtAt);
    }

    private static String digest(Status status, List<Alert> firing, List<Alert> resolved) {
        StringBuilder content = new StringBuilder(status.name());
        firing.forEach(a -> content.append('|').append(GroupFingerprint.of(a)));
        content.append("|resolved");
        resolved.forEach(a -> content.append('|').append(a.getAlertId()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
