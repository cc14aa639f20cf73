package org.jingan.progress.streams.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.javalin.http.sse.SseClient;

/**
 * One page connected to the live feed: the frames meant for it wait in a bounded queue and a writer of the shared
 * pool writes them out, so a slow page never holds up the others. A page whose queue is full is dropped (its
 * connection closed); its browser reconnects with the last event id it got and is sent what it missed.
 */
final class FeedClient {
    /** Frames one page may be behind before it is dropped. */
    static final int QUEUE_FRAMES = 1024;

    private final SseClient sse;
    private final FeedFilter filter;
    private final FeedVersion resumeFrom;
    private final Executor writers;
    private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closed;
    private final Runnable onDrop;

    FeedClient(SseClient sse, FeedFilter filter, FeedVersion resumeFrom, Executor writers, Runnable onDrop) {
        this.sse = sse;
        this.filter = filter;
        this.resumeFrom = resumeFrom;
        this.writers = writers;
        this.onDrop = onDrop;
    }

    FeedFilter filter() {
        return filter;
    }

    /** The version the page last saw (its Last-Event-ID), or null for a new page. */
    FeedVersion resumeFrom() {
        return resumeFrom;
    }

    boolean closed() {
        return closed || sse.terminated();
    }

    /** Queues a frame; false (and the page dropped) when the queue is full. Never blocks. */
    boolean send(byte[] frame) {
        if (closed) {
            return false;
        }
        if (!queue.offer(frame)) {
            drop();
            return false;
        }
        if (writing.compareAndSet(false, true)) {
            writers.execute(this::write);
        }
        return true;
    }

    /** Writes what is queued, flushing once per batch; again if more came meanwhile. */
    private void write() {
        try {
            OutputStream out = sse.ctx().res().getOutputStream();
            do {
                byte[] frame;
                boolean wrote = false;
                while (!closed && (frame = queue.poll()) != null) {
                    out.write(frame);
                    wrote = true;
                }
                if (wrote) {
                    out.flush();
                }
                writing.set(false);
            } while (!closed && !queue.isEmpty() && writing.compareAndSet(false, true));
        } catch (IOException | RuntimeException e) {
            writing.set(false);
            close(); // the page went away
        }
    }

    /** Too slow: closed at once; its browser reconnects and resumes from its last event id. */
    private void drop() {
        if (!closed) {
            onDrop.run();
            close();
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            try {
                sse.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    /** An SSE frame: optional id, event name, one line of JSON. */
    static byte[] frame(String id, String event, String json) {
        StringBuilder text = new StringBuilder(json.length() + 64);
        if (id != null) {
            text.append("id: ").append(id).append('\n');
        }
        text.append("event: ").append(event).append('\n').append("data: ").append(json).append("\n\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
