package org.jingan.progress.intake.service;

import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;

/**
 * What the streams app compares to tell a redelivered report from an event id reused for another report
 * ({@code ProgressProcessor.sameReport}): target, kind, value, event time (ms) and the corrected event. Reporter,
 * note, unit text and channel are not part of it: a retry that differs only there is the same report, stored once,
 * as first sent, by the streams app as by the intake.
 */
record ReportContent(String targetId, UpdateKind kind, Double value, long eventTime, String correctsEventId) {

    static ReportContent of(ProgressEvent event) {
        // target ids repeat across many events: one copy of each (a catalog has hundreds)
        return new ReportContent(event.getTargetId().intern(), event.getKind(), event.getValue(),
                event.getEventTime().toEpochMilli(), event.getCorrectsEventId());
    }

    boolean isCorrection() {
        return kind == UpdateKind.CORRECTION;
    }
}
