package org.jingan.progress.streams.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.javalin.http.sse.SseClient;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * One page connected to the live feed: the frames meant for it wait in a bounded queue and a writer of the shared
 * pool writes them out without blocking (non-blocking servlet output), so a slow page never holds up the others. A page whose queue is full is dropped (its
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
    private final Object drainLock = new Object();
    private ServletOutputStream stream;
    private boolean unflushed;

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

    /**
     * Writes what is queued without ever blocking a writer: the response stream is in non-blocking mode (a servlet
     * {@link WriteListener}), so when the page's connection cannot take more, the writer leaves and the container
     * calls {@link WriteListener#onWritePossible} once it can; frames meanwhile wait in the queue, which a page that
     * does not read fills, and is dropped.
     */
    private void write() {
        try {
            ServletOutputStream out = stream();
            if (out == null) {
                return; // the listener's first onWritePossible drains
            }
            drain(out);
        } catch (IOException | RuntimeException e) {
            close(); // the page went away
        }
    }

    private ServletOutputStream stream() throws IOException {
        synchronized (this) {
            if (stream == null) {
                stream = sse.ctx().res().getOutputStream();
                stream.setWriteListener(new WriteListener() {
                    @Override
                    public void onWritePossible() {
                        try {
                            drain(stream);
                        } catch (IOException | RuntimeException e) {
                            close();
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        close();
                    }
                });
                return null;
            }
            return stream;
        }
    }

    /** While the connection takes more: the queued frames, then a flush; stops when it does not (called back). */
    private void drain(ServletOutputStream out) throws IOException {
        synchronized (drainLock) {
            while (!closed) {
                if (!out.isReady()) {
                    return; // onWritePossible follows; "writing" stays set so nobody else starts meanwhile
                }
                byte[] frame = queue.poll();
                if (frame != null) {
                    out.write(frame);
                    unflushed = true;
                    continue;
                }
                if (unflushed) {
                    unflushed = false;
                    out.flush();
                    continue;
                }
                writing.set(false);
                if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                    return;
                }
            }
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
