package org.jingan.progress.streams.dashboard;

import java.util.Arrays;

/**
 * Where the live feed stands: for each partition of the standings topic and of the alerts topic, the offset of the
 * next record to apply. Offsets are the topics', so a version means the same on every instance: a page that moves to
 * another instance (a reconnect, an instance gone) resumes from it there.
 *
 * <p>As text (an SSE event id): {@code v1.<standings offsets joined by '-'>.<alerts offsets joined by '-'>}, e.g.
 * {@code v1.4-0-7-2-0-1.0-0-1-0-0-0}.
 */
public final class FeedVersion {
    /** The standings topic's side of a version. */
    public static final int STANDINGS = 0;
    /** The alerts topic's side. */
    public static final int ALERTS = 1;
    private static final String PREFIX = "v1";

    private final long[][] next;

    private FeedVersion(long[][] next) {
        this.next = next;
    }

    /** Nothing applied yet. */
    public static FeedVersion zero(int standingsPartitions, int alertsPartitions) {
        return new FeedVersion(new long[][] {new long[standingsPartitions], new long[alertsPartitions]});
    }

    /** The version a page sent back (its {@code Last-Event-ID}); null when it is none this feed wrote. */
    public static FeedVersion parse(String text) {
        if (text == null || !text.startsWith(PREFIX + ".")) {
            return null;
        }
        String[] sides = text.split("\\.");
        if (sides.length != 3) {
            return null;
        }
        try {
            return new FeedVersion(new long[][] {offsets(sides[1]), offsets(sides[2])});
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long[] offsets(String side) {
        long[] offsets = Arrays.stream(side.split("-")).mapToLong(Long::parseLong).toArray();
        for (long offset : offsets) {
            if (offset < 0) {
                throw new NumberFormatException("negative offset");
            }
        }
        return offsets;
    }

    public FeedVersion copy() {
        return new FeedVersion(new long[][] {next[0].clone(), next[1].clone()});
    }

    /** Whether the record at {@code offset} of {@code partition} on {@code side} is at or after this version. */
    public boolean notYetAt(int side, int partition, long offset) {
        return partition >= next[side].length || offset >= next[side][partition];
    }

    /** Moves past the record at {@code offset} (never backwards). */
    public void advance(int side, int partition, long offset) {
        if (partition >= next[side].length) {
            next[side] = Arrays.copyOf(next[side], partition + 1);
        }
        next[side][partition] = Math.max(next[side][partition], offset + 1);
    }

    /** This version moved to at least {@code other} partition by partition. */
    public void advanceTo(FeedVersion other) {
        for (int side = 0; side < 2; side++) {
            for (int p = 0; p < other.next[side].length; p++) {
                advance(side, p, other.next[side][p] - 1);
            }
        }
    }

    /** Whether this version is at or past {@code other} in every partition. */
    public boolean covers(FeedVersion other) {
        for (int side = 0; side < 2; side++) {
            for (int p = 0; p < other.next[side].length; p++) {
                if (p >= next[side].length ? other.next[side][p] > 0 : next[side][p] < other.next[side][p]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return PREFIX + "." + join(next[0]) + "." + join(next[1]);
    }

    private static String join(long[] offsets) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < offsets.length; i++) {
            if (i > 0) {
                text.append('-');
            }
            text.append(offsets[i]);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeedVersion v && Arrays.deepEquals(next, v.next);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(next);
    }
}
