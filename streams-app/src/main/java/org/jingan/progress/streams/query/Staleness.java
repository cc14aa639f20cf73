package org.jingan.progress.streams.query;

import java.util.Map;
import java.util.function.Function;

/**
 * How stale an answer the client accepts: at most {@code maxLagRecords} changelog records behind and at most
 * {@code maxLagMs} since the copy was last known caught up. {@code null} means no bound.
 *
 * <p>Query parameters {@code maxLagRecords} and {@code maxLagMs}; {@code ?fresh=true} is shorthand for both 0,
 * i.e. the active copy only.
 */
public record Staleness(Long maxLagRecords, Long maxLagMs) {
    public static final Staleness ANY = new Staleness(null, null);
    public static final String MAX_LAG_RECORDS = "maxLagRecords";
    public static final String MAX_LAG_MS = "maxLagMs";

    public Staleness {
        if (maxLagRecords != null && maxLagRecords < 0 || maxLagMs != null && maxLagMs < 0) {
            throw new IllegalArgumentException("maxLagRecords and maxLagMs must be >= 0");
        }
    }

    /** Reads the bounds from query parameters; a bad value is a {@link BadRequestException} naming the parameter. */
    public static Staleness fromQuery(Function<String, String> parameter) {
        if ("true".equalsIgnoreCase(parameter.apply("fresh"))) {
            return new Staleness(0L, 0L);
        }
        return new Staleness(nonNegative(parameter, MAX_LAG_RECORDS), nonNegative(parameter, MAX_LAG_MS));
    }

    /** The query parameters that carry these bounds to another instance. */
    public Map<String, String> asQuery() {
        var query = new java.util.LinkedHashMap<String, String>();
        if (maxLagRecords != null) {
            query.put(MAX_LAG_RECORDS, maxLagRecords.toString());
        }
        if (maxLagMs != null) {
            query.put(MAX_LAG_MS, maxLagMs.toString());
        }
        return query;
    }

    /** Whether a copy this far behind is acceptable; an unknown lag is acceptable only without a bound. */
    public boolean accepts(Freshness.Copy copy) {
        return within(maxLagRecords, copy.offsetLag()) && within(maxLagMs, copy.timeLagMs());
    }

    private static boolean within(Long bound, Long lag) {
        return bound == null || lag != null && lag <= bound;
    }

    private static Long nonNegative(Function<String, String> parameter, String name) {
        String raw = parameter.apply(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadRequestException("Query parameter '" + name + "' must be a whole number >= 0, got '" + raw + "'");
    }
}
