package org.jingan.progress.stack.demo;

import org.jingan.progress.avro.Target;
import org.jingan.progress.stack.demo.DemoSink.SinkUnavailableException;

/**
 * Publishes a revised catalog target when the replay reaches it. Not the departments' business: the launcher passes
 * the catalog publisher, which numbers the revision after the one on the topic.
 */
@FunctionalInterface
public interface RevisionPublisher {
    void publish(Target revised) throws SinkUnavailableException;
}
