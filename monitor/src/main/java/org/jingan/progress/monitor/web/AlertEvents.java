package org.jingan.progress.monitor.web;


import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.monitor.board.AlertBoard;
import org.jingan.progress.monitor.board.BoardListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.sse.SseClient;

/**
 * Pushes the board to open consoles as Server-Sent Events: on connect and after every change an {@code alerts}
 * event whose data is the whole firing list ({@link ConsoleView.Snapshot}) plus what changed. The list is small
 * (at most one entry per target and kind), so sending it whole keeps the page simple and never out of step.
 * A {@code clock} event ({@link ClockView}) says the district clock passed into another minute, so the ages the
 * page shows follow a simulated clock that moves without any alert changing.
 */
public final class AlertEvents implements BoardListener {
    private static final Logger log = LoggerFactory.getLogger(AlertEvents.class);

    /** The SSE payload. {@code change} is null for an initial or bulk update. */
    public record Update(Change change, ConsoleView.Snapshot board) {
    }

    /** What one notice or operator action changed. */
    public record Change(String type, String dedupKey, String alertId) {
    }

    private final ConsoleView view;
    private final ObjectMapper json;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastClockMinute = new AtomicLong(Long.MIN_VALUE);

    public AlertEvents(ConsoleView view, ObjectMapper json) {
        this.view = view;
        this.json = json;
    }

    /** Registers a console that just connected and sends it the current board. */
    public void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        send(client, "alerts", toJson(new Update(null, view.firing())));
    }

    public int connected() {
        return clients.size();
    }

    @Override
    public void changed(AlertBoard.Change change, Alert alert) {
        broadcast(new Change(change.name(), alert.getDedupKey(), alert.getAlertId()));
    }

    @Override
    public void reloaded() {
        broadcast(null);
    }

    /** An operator acknowledged or silenced {@code dedupKey}. */
    public void decided(String action, String dedupKey) {
        broadcast(new Change(action, dedupKey, null));
    }

    /** Sends a {@code clock} event if the district clock is in another minute than at the last call (called every second). */
    public void clockMaybeMoved() {
        ClockView clock = view.clock();
        long minute = Math.floorDiv(clock.now().toEpochMilli(), 60_000L);
        if (lastClockMinute.getAndSet(minute) != minute && !clients.isEmpty()) {
            String data = toJson(clock);
            for (SseClient client : clients) {
                send(client, "clock", data);
            }
        }
    }

    private void broadcast(Change change) {
        if (clients.isEmpty()) {
            return;
        }
        String data = toJson(new Update(change, view.firing()));
        for (SseClient client : clients) {
            send(client, "alerts", data);
        }
    }

    /** Serialised per client: the consumer and HTTP threads both push. */
    private void send(SseClient client, String event, String data) {
        synchronized (client) {
            if (client.terminated()) {
                clients.remove(client);
                return;
            }
            try {
                client.sendEvent(event, data);
            } catch (RuntimeException e) {
                log.debug("Dropping console connection: {}", e.toString());
                clients.remove(client);
            }
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write console update", e);
        }
    }

    /** Closes every open stream (on shutdown). */
    public void closeAll() {
        for (SseClient client : Set.copyOf(clients)) {
            try {
                client.close();
            } catch (RuntimeException e) {
                log.debug("Closing console stream: {}", e.toString());
            }
        }
        clients.clear();
    }

}
