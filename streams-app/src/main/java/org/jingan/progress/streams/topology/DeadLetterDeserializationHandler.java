package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jingan.progress.registry.SchemaRegistryException;
import org.jingan.progress.streams.rules.RejectionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deserialization.exception.handler}: undecodable input (not the wire format, a bad magic byte, Avro that does
 * not decode with its writer schema) goes to the dead-letter topic with its bytes and processing goes on.
 *
 * <p>A fault of the registry is not the record's: a schema id the registry does not know (deleted, or another
 * registry), a registry that cannot be reached, answers with a server error or refuses the app's credentials. Then
 * the handler waits (a backoff doubling from {@value #BACKOFF_INITIAL_MS} ms up to {@link #BACKOFF_MAX_MS}, reset
 * after a minute without faults), records the fault (the instance reports not ready meanwhile) and fails the stream
 * thread, which is replaced and reads the same record again: nothing is skipped, and the record counts once its
 * schema is back.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    /** Streams config key: the longest wait before failing on a registry fault, in ms (default 10000; 0 in tests). */
    public static final String BACKOFF_MAX_MS = "progress.registry.retry.backoff.max.ms";
    static final long BACKOFF_INITIAL_MS = 250;
    static final Duration QUIET_AFTER = Duration.ofMinutes(1);

    private String deadLetterTopic;
    private RejectionCounters counters;
    private long backoffMaxMs = 10_000;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        this.deadLetterTopic = topic == null ? null : topic.toString();
        this.counters = RejectionCounters.from(configs);
        Object backoff = configs.get(BACKOFF_MAX_MS);
        if (backoff != null) {
            this.backoffMaxMs = Long.parseLong(backoff.toString().trim());
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (SchemaRegistryException.isRegistryFault(exception)) {
            int inARow = counters.registryFault(exception.getMessage(), System.currentTimeMillis(), QUIET_AFTER);
            long wait = backoff(inARow, backoffMaxMs);
            LOG.error("Schema registry fault while decoding {}[{}]@{} ({} in a row): not the record's fault, so it is"
                    + " not dead-lettered; failing the stream thread after {} ms so the record is read again",
                    context.topic(), context.partition(), context.offset(), inARow, wait, exception);
            sleep(wait);
            return Response.fail();
        }
        counters.rejected(RejectionReason.UNDECODABLE);
        String message = "UNDECODABLE: " + exception.getMessage();
        LOG.warn("Dead-lettered undecodable record {}[{}]@{}: {}", context.topic(), context.partition(), context.offset(),
                exception.getMessage());
        if (deadLetterTopic == null) {
            return Response.resume();
        }
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, record.key(), record.value(), context,
                exception, RejectionReason.UNDECODABLE, message)));
    }

    /** {@value #BACKOFF_INITIAL_MS} ms doubled for each fault in a row, at most {@code max}. */
    static long backoff(int inARow, long max) {
        long wait = BACKOFF_INITIAL_MS << Math.min(Math.max(inARow - 1, 0), 20);
        return Math.min(wait, max);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
