package org.jingan.progress.monitor.decision;

import java.time.Instant;

import org.jingan.progress.avro.Alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the operators decided about one alert condition (dedup key): the value of the compacted
 * acknowledgements topic, written in full on every change so the latest record per key is the whole state.
 *
 * <p>An acknowledgement names the firing episode it was given for ({@code alertId} of that FIRING notice) and
 * so ends when the alert resolves: a later episode has another alert id and notifies again. A silence covers
 * every notice of the key until it expires.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatorDecision(String dedupKey, Acknowledgement acknowledged, Silence silence) {

    /** "I am on it" for one firing episode. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Acknowledgement(String alertId, Instant firingSince, String by, String note, Instant at) {
    }

    /** No notifications for this key until {@code until}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Silence(Instant until, String by, String note, Instant at) {
    }

    public static OperatorDecision none(String dedupKey) {
        return new OperatorDecision(dedupKey, null, null);
    }

    /** True when this decision acknowledges the episode {@code firing} belongs to. */
    public boolean acknowledges(Alert firing) {
        return acknowledged != null && acknowledged.alertId().equals(firing.getAlertId());
    }

    /** True while a silence is in force at {@code now}. */
    public boolean silencedAt(Instant now) {
        return silence != null && now.isBefore(silence.until());
    }

    public OperatorDecision withAcknowledgement(Acknowledgement ack) {
        return new OperatorDecision(dedupKey, ack, silence);
    }

    public OperatorDecision withSilence(Silence newSilence) {
        return new OperatorDecision(dedupKey, acknowledged, newSilence);
    }

    /** True when nothing is left to remember, so the key can be deleted (tombstoned) from the topic. */
    @JsonIgnore
    public boolean isEmpty() {
        return acknowledged == null && silence == null;
    }
}
