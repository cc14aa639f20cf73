package org.jingan.progress.streams.topology;

import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jingan.progress.streams.rules.RejectionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code processing.exception.handler}: a record the topology refused ({@link RejectedRecordException}) or failed
 * on goes to the dead-letter topic ({@code errors.dead.letter.queue.topic.name}) with its original bytes and the
 * reason, is counted, and processing resumes with the next record.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic;
    private RejectionCounters counters;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        this.deadLetterTopic = topic == null ? null : topic.toString();
        this.counters = RejectionCounters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        RejectionReason reason;
        String message;
        if (exception instanceof RejectedRecordException rejected) {
            reason = rejected.reason();
            message = rejected.getMessage();
            LOG.info("Dead-lettered {}[{}]@{}: {}", context.topic(), context.partition(), context.offset(), message);
        } else {
            reason = RejectionReason.PROCESSING_ERROR;
            message = "Unexpected error in " + context.processorNodeId() + ": " + exception;
            LOG.error("Processing error on {}[{}]@{} in {}: the record goes to the dead-letter topic and processing"
                    + " goes on", context.topic(), context.partition(), context.offset(), context.processorNodeId(),
                    exception);
        }
        counters.rejected(reason);
        if (context.sourceRawValue() == null && context.sourceRawKey() == null && record == null) {
            return Response.resume(); // a punctuation failed: there is no record to keep
        }
        if (deadLetterTopic == null) {
            LOG.warn("No {} configured: the refused record {}[{}]@{} is only logged", 
                    StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, context.topic(), context.partition(),
                    context.offset());
            return Response.resume();
        }
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context.sourceRawKey(),
                context.sourceRawValue(), context, exception, reason, message)));
    }
}
