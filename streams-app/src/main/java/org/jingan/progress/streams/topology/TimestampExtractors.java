package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.time.ZoneId;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.streams.rules.Calendar;

/**
 * Stream time is report time. The pace plan, deadlines and staleness are judged at stream time, so a replay of a past
 * year sees that year, not today.
 */
public final class TimestampExtractors {

    private TimestampExtractors() {
    }

    /**
     * A progress event's time is its event time, capped by the record's own (send) time so that one event claiming
     * to be from the far future cannot move stream time past every deadline. An event that will be rejected for an
     * event time after its report time, or a record without an event, does not move stream time at all.
     */
    public static TimestampExtractor events(Duration maxEventTimeAfterReport) {
        long skew = maxEventTimeAfterReport.toMillis();
        return (ConsumerRecord<Object, Object> record, long partitionTime) -> {
            long recordTime = record.timestamp();
            if (record.value() instanceof ProgressEvent event) {
                long eventTime = event.getEventTime().toEpochMilli();
                if (eventTime >= 0 && eventTime <= event.getReportedAt().toEpochMilli() + skew) {
                    return recordTime >= 0 ? Math.min(eventTime, recordTime) : eventTime;
                }
            }
            return Math.max(0, partitionTime);
        };
    }

    /**
     * A target definition is stamped no later than 1 January of its year, so that when a past year is replayed the
     * catalog, published today, is read before that year's reports (Streams picks the lowest timestamp first among
     * co-partitioned inputs). It does not move stream time past the start of its year.
     */
    public static TimestampExtractor targets(ZoneId zone) {
        return (ConsumerRecord<Object, Object> record, long partitionTime) -> {
            long recordTime = record.timestamp();
            if (record.value() instanceof Target target) {
                long yearStart = Calendar.startOfYear(target.getYear(), zone);
                return recordTime >= 0 ? Math.min(recordTime, yearStart) : yearStart;
            }
            return Math.max(0, partitionTime); // a tombstone: it does not move stream time
        };
    }
}
