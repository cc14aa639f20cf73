package org.jingan.progress.streams.rules;

import java.util.Set;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.TargetStatus;

/**
 * What a target was last published with: its status (null if never published) and the alert conditions firing. The
 * rules keep a status by it ({@link Hysteresis}) and let an early warning hold once raised.
 */
public record LastPublished(TargetStatus status, Set<AlertKind> firing) {
    public static final LastPublished NONE = new LastPublished(null, Set.of());

    public LastPublished {
        firing = Set.copyOf(firing);
    }
}
