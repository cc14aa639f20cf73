package org.jingan.progress.streams.app;

import java.util.Properties;

/**
 * Extension point of the streams app for what runs beside the topology (the query API, the dashboard, metrics):
 * implementations listed in {@code META-INF/services/org.jingan.progress.streams.app.StreamsAppHook} are loaded by
 * {@link StreamsApp}; {@link StreamsRunner} also takes them directly.
 */
public interface StreamsAppHook {

    /** Before Kafka Streams is built: add or change settings, e.g. {@code application.server} of a bound port. */
    default void configure(StreamsAppConfig config, Properties streamsProperties) {
    }

    /** Kafka Streams is built but not started: attach listeners, or keep {@code runner.streams()} for queries. */
    default void created(StreamsRunner runner) {
    }

    /** The app is shutting down (before Kafka Streams closes). */
    default void close() {
    }
}
