package org.jingan.progress.bench;

import java.util.function.Consumer;

import org.jingan.progress.avro.ProgressEvent;

/** A finite, reproducible stream of progress reports, generated on the fly (a million events do not fit in a list cheaply). */
public interface EventSource {
    /** How many events {@link #forEach} emits. */
    long count();

    void forEach(Consumer<ProgressEvent> sink);
}
