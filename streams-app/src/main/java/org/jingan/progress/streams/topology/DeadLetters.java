package org.jingan.progress.streams.topology;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.jingan.progress.streams.rules.RejectionReason;

/**
 * Dead-letter records: Kafka's own (KIP-1034: original key and value bytes, original headers, and the
 * {@code __streams.errors.*} headers with exception, message, topic, partition, offset) plus our reason code.
 */
public final class DeadLetters {
    /** Header with the {@link RejectionReason} name. */
    public static final String REASON_HEADER = "progress.rejection.reason";
    /** Header with the human explanation (also in {@code __streams.errors.message}). */
    public static final String MESSAGE_HEADER = "progress.rejection.message";

    private DeadLetters() {
    }

    static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value, ErrorHandlerContext context,
                                                  Exception exception, RejectionReason reason, String message) {
        ProducerRecord<byte[], byte[]> record = ExceptionHandlerUtils.buildDeadLetterQueueRecord(topic, key, value,
                context, exception);
        addReason(record.headers(), reason, message);
        return record;
    }

    /**
     * The headers of a report the processor refuses itself (one it held): the same reason and Kafka error headers as
     * the handlers write, with where the report came from when this instance still knows it ({@code topic} null:
     * held across a restart, the source offset is no longer known).
     */
    static Headers headers(RejectedRecordException refused, String topic, int partition, long offset) {
        Headers headers = new RecordHeaders();
        headers.add(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME, utf8(refused.getClass().getName()));
        headers.add(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME, utf8(refused.getMessage()));
        if (topic != null) {
            headers.add(ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME, utf8(topic));
            headers.add(ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME, utf8(String.valueOf(partition)));
            headers.add(ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME, utf8(String.valueOf(offset)));
        }
        addReason(headers, refused.reason(), refused.getMessage());
        return headers;
    }

    /** Our own headers, after Kafka's: the reason code and the explanation. */
    private static void addReason(Headers headers, RejectionReason reason, String message) {
        headers.add(REASON_HEADER, utf8(reason.name()));
        headers.add(MESSAGE_HEADER, utf8(message));
    }

    private static byte[] utf8(String s) {
        return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    }
}
