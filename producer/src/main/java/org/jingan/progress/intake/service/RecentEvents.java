package org.jingan.progress.intake.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A bounded memory of recently accepted (or in-flight) event ids per department, so a retry of the same report is
 * answered as the first send was and is not written again. The oldest ids are forgotten first; the streams app
 * deduplicates by event id as well, so a retry after the memory forgot still counts once.
 */
final class RecentEvents {
    /** What the caller must do with an event id. */
    sealed interface Claim permits Fresh, Known, Conflict {
    }

    /** New id: send the event, then complete (or fail) the promise. */
    record Fresh(CompletableFuture<AcceptedEvent> promise) implements Claim {
    }

    /** The same report was accepted or is being sent: answer with its outcome, send nothing. */
    record Known(CompletableFuture<AcceptedEvent> promise) implements Claim {
    }

    /** The id was used for a different report. */
    record Conflict() implements Claim {
    }

    private record Entry(String fingerprint, CompletableFuture<AcceptedEvent> promise) {
    }

    private final Map<String, Entry> entries;

    RecentEvents(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Claim claim(String departmentId, String eventId, String fingerprint) {
        String key = key(departmentId, eventId);
        Entry existing = entries.get(key);
        if (existing == null) {
            var promise = new CompletableFuture<AcceptedEvent>();
            entries.put(key, new Entry(fingerprint, promise));
            return new Fresh(promise);
        }
        return existing.fingerprint().equals(fingerprint) ? new Known(existing.promise()) : new Conflict();
    }

    /** Forgets an id whose send failed, so a retry sends it again; a newer claim of the same id is left alone. */
    synchronized void forget(String departmentId, String eventId, CompletableFuture<AcceptedEvent> promise) {
        entries.computeIfPresent(key(departmentId, eventId), (k, entry) -> entry.promise() == promise ? null : entry);
    }

    synchronized int size() {
        return entries.size();
    }

    private static String key(String departmentId, String eventId) {
        return departmentId + '\u0000' + eventId;
    }
}
