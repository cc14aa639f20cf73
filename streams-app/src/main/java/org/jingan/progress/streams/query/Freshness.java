package org.jingan.progress.streams.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How fresh an answer is: which copy of each store partition it was read from (the active or a standby, on which
 * instance) and how far that copy lags behind its changelog, in records and in time.
 *
 * @param answeredBy the instance that answered the client (host:port)
 * @param stale      true when any part came from a standby or from an active copy still catching up
 * @param copies     one entry per store partition read
 */
public record Freshness(String answeredBy, boolean stale, Long maxOffsetLag, Long maxTimeLagMs, List<Copy> copies) {

    /** The role of the copy a partition was read from. */
    public enum Role { ACTIVE, STANDBY }

    /**
     * One store partition as read.
     *
     * @param offsetLag records the copy is behind the end of its changelog (0 for a running active; null if unknown)
     * @param timeLagMs how long ago the copy was last seen caught up (0 for a running active; null if unknown)
     */
    public record Copy(String store, int partition, String servedBy, Role role, Long offsetLag, Long timeLagMs) {
        public boolean stale() {
            return role == Role.STANDBY || offsetLag == null || offsetLag > 0;
        }

        /**
         * Of this copy and {@code other} (one partition read in pages), the one to label the whole with: a stale one
         * before a current one, then the one further behind (an unknown lag counts as the furthest).
         */
        public Copy laggier(Copy other) {
            if (stale() != other.stale()) {
                return stale() ? this : other;
            }
            long mine = offsetLag == null ? Long.MAX_VALUE : offsetLag;
            long theirs = other.offsetLag == null ? Long.MAX_VALUE : other.offsetLag;
            return theirs > mine ? other : this;
        }
    }

    public static Freshness of(String answeredBy, Collection<Copy> copies) {
        List<Copy> sorted = new ArrayList<>(copies);
        sorted.sort(java.util.Comparator.comparing(Copy::store).thenComparingInt(Copy::partition));
        boolean stale = sorted.stream().anyMatch(Copy::stale);
        return new Freshness(answeredBy, stale, max(sorted.stream().map(Copy::offsetLag).toList()),
                max(sorted.stream().map(Copy::timeLagMs).toList()), List.copyOf(sorted));
    }

    /** This freshness and another's copies, as one answer. */
    public Freshness plus(Freshness other) {
        List<Copy> all = new ArrayList<>(copies);
        all.addAll(other.copies);
        return of(answeredBy, all);
    }

    private static Long max(List<Long> lags) {
        if (lags.stream().anyMatch(Objects::isNull)) {
            return null;
        }
        return lags.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
