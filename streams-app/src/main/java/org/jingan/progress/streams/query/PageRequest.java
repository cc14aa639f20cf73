package org.jingan.progress.streams.query;

import io.javalin.http.Context;

/**
 * One page of a store listing on {@code /internal}: at most {@code limit} entries, those whose keys come after
 * {@code after} in the store's order (null: from the start). An answer that stops short names the last key it
 * gave as {@code next}; the asker comes back with {@code after=next}. No answer holds a whole store.
 */
record PageRequest(String after, int limit) {
    /** The most entries one answer may hold: a page of standings stays around a megabyte. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 500;
    /** Everything at once: only for reads inside this instance, never for an HTTP answer. */
    static final PageRequest UNBOUNDED = new PageRequest(null, Integer.MAX_VALUE);

    PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }

    static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }

    PageRequest after(String key) {
        return new PageRequest(key, limit);
    }

    /** {@code limit} (1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) and {@code after} of the request. */
    static PageRequest fromQuery(Context ctx) {
        String raw = ctx.queryParam("limit");
        int limit = DEFAULT_LIMIT;
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new BadRequestException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + raw
                        + "'; follow 'next' for the rest");
            }
        }
        String after = ctx.queryParam("after");
        return new PageRequest(after == null || after.isEmpty() ? null : after, limit);
    }
}
