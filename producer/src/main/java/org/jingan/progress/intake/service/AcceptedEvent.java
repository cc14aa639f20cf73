package org.jingan.progress.intake.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One report the broker acknowledged: where it is stored. {@code index} and {@code line} place it in the request
 * (null for a single report).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AcceptedEvent(Integer index, Integer line, String eventId, String targetId, int partition, long offset,
                            Instant acceptedAt) {

    AcceptedEvent at(Integer index, Integer line) {
        return new AcceptedEvent(index, line, eventId, targetId, partition, offset, acceptedAt);
    }
}
