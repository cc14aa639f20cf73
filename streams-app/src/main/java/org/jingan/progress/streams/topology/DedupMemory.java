package org.jingan.progress.streams.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.streams.avro.SeenEvent;
import org.jingan.progress.streams.rules.Calendar;

/**
 * The task's memory of accepted event ids (the seen-events store), so a redelivered report counts once, and an
 * in-memory {@link SeenIdFilter} of those ids, so a new id costs no store lookup. An id is remembered until its
 * target's year ended {@code retentionAfterYear} ago and at least that long after it arrived, both by the district
 * clock: no report's date and no other partition can make it forget sooner.
 */
final class DedupMemory {
    static final String LAST_PURGE = "lastPurge";
    /** The earliest time an entry expires (absent: unknown, scan at the next purge). */
    static final String NEXT_PURGE = "nextPurge";

    private final KeyValueStore<String, SeenEvent> seen;
    private final KeyValueStore<String, Long> meta;
    private final ProgressTopologyConfig config;
    private final SeenIdFilter ids = new SeenIdFilter();
    private final Map<Integer, Long> yearEnds = new HashMap<>();
    /** Mirrors {@link #NEXT_PURGE}. */
    private long nextPurgeAt = Long.MIN_VALUE;

    DedupMemory(KeyValueStore<String, SeenEvent> seen, KeyValueStore<String, Long> meta, ProgressTopologyConfig config) {
        this.seen = seen;
        this.meta = meta;
        this.config = config;
    }

    /** Rebuilds the filter from the store (the processor may be re-initialized after a failure). */
    void load() {
        ids.clear();
        try (KeyValueIterator<String, SeenEvent> it = seen.all()) {
            while (it.hasNext()) {
                ids.add(it.next().key);
            }
        }
        Long next = meta.get(NEXT_PURGE);
        nextPurgeAt = next == null ? Long.MIN_VALUE : next;
    }

    /** The remembered event with this id, or null; asks the store only when the filter says it may be there. */
    SeenEvent get(String eventId, long fingerprint) {
        return ids.mightContain(fingerprint) ? seen.get(eventId) : null;
    }

    /** The remembered event a correction names, or null. */
    SeenEvent get(String eventId) {
        return seen.get(eventId);
    }

    /** Remembers an accepted event (arrived at the district clock's {@code seenAt}). */
    void remember(String eventId, long fingerprint, SeenEvent event) {
        seen.put(eventId, event);
        ids.add(fingerprint);
        long expiry = expiryOf(event.getYear(), event.getSeenAt());
        if (expiry < nextPurgeAt) {
            nextPurgeAt = expiry;
            meta.put(NEXT_PURGE, expiry);
        }
    }

    /** Writes back a remembered event that changed (a retracted one). */
    void update(String eventId, SeenEvent event) {
        seen.put(eventId, event);
    }

    /**
     * Drops the ids whose retention ended by the district clock's {@code now}; at most every
     * {@code dedupPurgeInterval}, and only when something can have expired (else a scan of the whole memory would
     * find nothing).
     */
    void purge(long now) {
        Long last = meta.get(LAST_PURGE);
        if (last != null && now - last < config.dedupPurgeInterval().toMillis() || now <= nextPurgeAt) {
            return;
        }
        List<String> expired = new ArrayList<>();
        long next = Long.MAX_VALUE;
        ids.clear(); // rebuilt from the ids kept, so the dropped ones no longer cost a lookup
        try (KeyValueIterator<String, SeenEvent> it = seen.all()) {
            while (it.hasNext()) {
                KeyValue<String, SeenEvent> kv = it.next();
                long expiry = expiryOf(kv.value.getYear(), kv.value.getSeenAt());
                if (now > expiry) {
                    expired.add(kv.key);
                } else {
                    ids.add(kv.key);
                    next = Math.min(next, expiry);
                }
            }
        }
        expired.forEach(seen::delete);
        meta.put(LAST_PURGE, now);
        nextPurgeAt = next;
        meta.put(NEXT_PURGE, next);
    }

    /** When the memory of an event of {@code year} accepted at {@code seenAt} may be dropped. */
    private long expiryOf(int year, long seenAt) {
        long yearEnd = yearEnds.computeIfAbsent(year, y -> Calendar.startOfYear(y + 1, config.rules().zone()));
        return Math.max(yearEnd, seenAt) + config.dedupRetentionAfterYear().toMillis();
    }
}
