package org.jingan.progress.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;

/**
 * Which event ids the task's dedup memory may hold, kept in memory, so that a new id (nearly every report) is known
 * new without a store lookup.
 *
 * <p>Why: the lookup of an id the store does not have goes to RocksDB, through a native call and the filters of every
 * file; in the benchmark's dedup ceiling leaving that lookup out raised the rate by 43% (BENCHMARKS.md). A Bloom
 * filter says "maybe" for every id added and "no" for nearly every other one, so the processor asks the store only on
 * a "maybe": a redelivery, or about one new id in a hundred. It must be told every id the store gets
 * ({@link #add}), and be rebuilt from the store when the processor starts; ids dropped from the store stay in it
 * (they cost a lookup, nothing else) until the next rebuild. It grows by adding filters of {@link #CAPACITY} ids,
 * each with about 1% false positives when full (320 KB each).
 *
 * <p>An id is hashed once ({@link #fingerprint}, Guava's FarmHash) and that one 64-bit fingerprint serves both the
 * question and the add, its halves making the probes (Kirsch and Mitzenmacher's double hashing, as Guava's own
 * {@code BloomFilter} does). Guava's filter hashes the id again on every call, through its streaming hasher and a
 * thread-safe bit array: 13% of a live stream thread (JFR), about ten times what this plain bit set costs.
 */
final class SeenIdFilter {
    static final int CAPACITY = 1 << 18;
    /** 10 bits and 7 probes per id: about 0.8% false positives at capacity. */
    private static final int BITS = CAPACITY * 10;
    private static final int PROBES = 7;
    private static final HashFunction FINGERPRINTS = Hashing.farmHashFingerprint64();

    private final List<long[]> filters = new ArrayList<>();
    private int inNewest;

    /** The one hash of an id that {@link #add(long)} and {@link #mightContain(long)} take. */
    static long fingerprint(String eventId) {
        return FINGERPRINTS.hashString(eventId, StandardCharsets.UTF_8).asLong();
    }

    void clear() {
        filters.clear();
        inNewest = 0;
    }

    void add(String eventId) {
        add(fingerprint(eventId));
    }

    void add(long fingerprint) {
        if (filters.isEmpty() || inNewest >= CAPACITY) {
            filters.add(new long[BITS / Long.SIZE]);
            inNewest = 0;
        }
        long[] bits = filters.get(filters.size() - 1);
        int h1 = (int) fingerprint;
        int h2 = (int) (fingerprint >>> 32);
        boolean changed = false;
        for (int i = 1; i <= PROBES; i++) {
            int bit = bitOf(h1 + i * h2);
            long word = bits[bit >>> 6];
            long set = word | (1L << bit);
            changed |= set != word;
            bits[bit >>> 6] = set;
        }
        if (changed) {
            inNewest++; // an id added again fills nothing
        }
    }

    /** False only for an id that was never added since the last {@link #clear}. */
    boolean mightContain(String eventId) {
        return mightContain(fingerprint(eventId));
    }

    boolean mightContain(long fingerprint) {
        int h1 = (int) fingerprint;
        int h2 = (int) (fingerprint >>> 32);
        for (long[] bits : filters) {
            if (allSet(bits, h1, h2)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allSet(long[] bits, int h1, int h2) {
        for (int i = 1; i <= PROBES; i++) {
            int bit = bitOf(h1 + i * h2);
            if ((bits[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Maps a 32-bit hash evenly onto [0, BITS) (multiply and shift, no division). */
    private static int bitOf(int hash) {
        return (int) (((hash & 0xFFFF_FFFFL) * BITS) >>> 32);
    }

    int filterCount() {
        return filters.size();
    }
}
