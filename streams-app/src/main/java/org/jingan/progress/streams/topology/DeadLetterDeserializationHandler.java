package org.jingan.progress.streams.topology;

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
 * {@code deserialization.exception.handler}: undecodable input goes to the dead-letter topic with its bytes and
 * processing goes on. A registry that cannot be reached (or answers with a server error) is not the record's fault:
 * then the thread fails, and the record is read again once the registry is back, instead of being dead-lettered.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;
    private RejectionCounters counters;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        this.deadLetterTopic = topic == null ? null : topic.toString();
        this.counters = RejectionCounters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (registryUnavailable(exception)) {
            LOG.error("Schema registry unavailable while decoding {}[{}]@{}: failing so the record is retried",
                    context.topic(), context.partition(), context.offset(), exception);
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

    static boolean registryUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException sre) {
                return sre.status() < 0 || sre.status() >= 500;
            }
        }
        return false;
    }
}
