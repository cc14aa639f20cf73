package org.jingan.progress.streams.topology;

import java.util.ArrayList;
import java.util.List;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;

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
 * each with 1% false positives (about 300 KB each).
 */
final class SeenIdFilter {
    static final int CAPACITY = 1 << 18;
    private static final double FALSE_POSITIVES = 0.01;

    private final List<BloomFilter<CharSequence>> filters = new ArrayList<>();
    private int inNewest;

    void clear() {
        filters.clear();
        inNewest = 0;
    }

    void add(String eventId) {
        if (filters.isEmpty() || inNewest >= CAPACITY) {
            filters.add(BloomFilter.create(Funnels.unencodedCharsFunnel(), CAPACITY, FALSE_POSITIVES));
            inNewest = 0;
        }
        if (filters.get(filters.size() - 1).put(eventId)) {
            inNewest++;
        }
    }

    /** False only for an id that was never added since the last {@link #clear}. */
    boolean mightContain(String eventId) {
        for (BloomFilter<CharSequence> filter : filters) {
            if (filter.mightContain(eventId)) {
                return true;
            }
        }
        return false;
    }

    int filterCount() {
        return filters.size();
    }
}
