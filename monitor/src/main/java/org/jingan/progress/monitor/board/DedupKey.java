package org.jingan.progress.monitor.board;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jingan.progress.avro.AlertKind;

/**
 * The key of an alert condition, {@code targetId/KIND}, as the streams app writes it on the alerts topic.
 * Operators address alerts by it in the console API, so a malformed one is refused with a message saying why.
 */
public record DedupKey(String targetId, AlertKind kind) {

    public DedupKey {
        if (targetId == null || targetId.isBlank()) {
            throw new IllegalArgumentException("dedup key needs a target id before the '/'");
        }
    }

    /** Parses {@code targetId/KIND}; throws IllegalArgumentException naming the problem and the expected form. */
    public static DedupKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("dedup key is empty: expected 'targetId/KIND', e.g. 'econ-retail-sales/BEHIND'");
        }
        int slash = text.lastIndexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("dedup key '" + text + "' is not 'targetId/KIND', e.g. 'econ-retail-sales/BEHIND'");
        }
        String kind = text.substring(slash + 1);
        try {
            return new DedupKey(text.substring(0, slash), AlertKind.valueOf(kind));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dedup key '" + text + "' names an unknown alert kind '" + kind
                    + "'; known kinds: " + Arrays.stream(AlertKind.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    @Override
    public String toString() {
        return targetId + "/" + kind.name();
    }
}
