package org.jingan.progress.streams.topology;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
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
        record.headers().add(REASON_HEADER, reason.name().getBytes(StandardCharsets.UTF_8));
        record.headers().add(MESSAGE_HEADER, String.valueOf(message).getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
