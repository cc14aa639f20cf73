package org.jingan.progress.streams.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The instance-to-instance endpoints: this instance's own copy of a store partition, never forwarded further.
 * Paths under {@value ClusterStores#INTERNAL}; not part of the public API; only peers get in
 * ({@link PeerAuthentication}). Values travel typed ({@link PeerValues}). Only the stores the query API reads are served (not the dedup memory, the held
 * reports or the working state), and every listing is one bounded page ({@link PageRequest}).
 */
final class InternalRoutes {
    /** More partitions than any store here has; bounds the work of one request. */
    static final int MAX_PARTITIONS = 64;
    /** More than a target's question needs (standing, definition, alerts). */
    static final int MAX_LOOKUPS = 16;

    private final Supplier<LocalStores> local;
    private final Set<String> served;
    private final JsonBodies json;
    private final PeerValues values;

    InternalRoutes(Supplier<LocalStores> local, QueryStores stores, JsonBodies json, PeerValues values) {
        this.local = local;
        this.served = stores.names();
        this.json = json;
        this.values = values;
    }

    void register(Javalin app) {
        String base = ClusterStores.INTERNAL + "{store}/partitions";
        app.get(base, this::partitions);
        app.get(base + "/{partition}/keys/{key}", this::key);
        app.get(base + "/{partition}/prefix/{prefix}", this::prefix);
        app.post(ClusterStores.LOOKUPS + "{partition}", this::lookups);
    }

    /**
     * Several lookups in one partition, e.g. a target's standing, definition and alerts: one hop instead of three.
     * A prefix lookup gives at most {@code limit} entries and then {@code next}: the asker pages on with the prefix route.
     */
    private void lookups(Context ctx) {
        List<LocalStores.Lookup> lookups = List.of(json.read(ctx, LocalStores.Lookup[].class));
        if (lookups.size() > MAX_LOOKUPS) {
            throw new BadRequestException("At most " + MAX_LOOKUPS + " lookups in one request, got " + lookups.size());
        }
        lookups.forEach(lookup -> requireServed(lookup.store()));
        int limit = PageRequest.fromQuery(ctx).limit();
        List<Object> reads = new ArrayList<>();
        for (LocalStores.PartitionRead read : local.get().lookup(partition(ctx), lookups, limit)) {
            reads.add(partitionBody(read));
        }
        json.write(ctx, Map.of("reads", reads));
    }

    private void key(Context ctx) {
        String store = requireServed(ctx.pathParam("store"));
        LocalStores.KeyRead read = local.get().get(store, partition(ctx), ctx.pathParam("key"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", values.value(read.value()));
        body.put("copy", read.copy());
        json.write(ctx, body);
    }

    private void prefix(Context ctx) {
        String store = requireServed(ctx.pathParam("store"));
        json.write(ctx, partitionBody(local.get().prefix(store, partition(ctx), ctx.pathParam("prefix"),
                PageRequest.fromQuery(ctx))));
    }

    /**
     * Up to {@code limit} entries of the partitions {@code ids}, filled in the order given: complete partitions,
     * then at most one partial one (with {@code next}); partitions not reached are left out, for the next request.
     * {@code after} continues the first partition listed.
     */
    private void partitions(Context ctx) {
        String store = requireServed(ctx.pathParam("store"));
        PageRequest page = PageRequest.fromQuery(ctx);
        int budget = page.limit();
        String after = page.after();
        List<Object> parts = new ArrayList<>();
        for (int partition : partitionIds(ctx.queryParamAsClass("ids", String.class).get())) {
            if (budget == 0) {
                break;
            }
            try {
                LocalStores.PartitionRead read = local.get().page(store, partition, new PageRequest(after, budget));
                parts.add(partitionBody(read));
                budget -= read.entries().size();
                if (read.next() != null) {
                    break;
                }
            } catch (UnavailableException e) {
                // one partition moving must not hide the others this instance can still serve
                parts.add(Map.of("partition", partition, "unavailable", e.getMessage()));
            }
            after = null;
        }
        json.write(ctx, Map.of("partitions", parts));
    }

    private String requireServed(String store) {
        if (!served.contains(store)) {
            throw new NotFoundException("Store '" + store + "' is not served here; the query API reads " + served);
        }
        return store;
    }

    private Map<String, Object> partitionBody(LocalStores.PartitionRead read) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partition", read.partition());
        body.put("entries", read.entries().stream().map(e -> values.entry(e.key(), e.value())).toList());
        body.put("copy", read.copy());
        if (read.next() != null) {
            body.put("next", read.next());
        }
        return body;
    }

    private static List<Integer> partitionIds(String raw) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String id : raw.split(",")) {
            if (!ids.add(parsePartition(id))) {
                throw new BadRequestException("Partition " + id.trim() + " is listed twice in ids");
            }
        }
        if (ids.size() > MAX_PARTITIONS) {
            throw new BadRequestException("At most " + MAX_PARTITIONS + " partitions in ids, got " + ids.size());
        }
        return List.copyOf(ids);
    }

    private static int partition(Context ctx) {
        return parsePartition(ctx.pathParam("partition"));
    }

    private static int parsePartition(String raw) {
        int partition;
        try {
            partition = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("Partition must be a number, got '" + raw + "'");
        }
        if (partition < 0) {
            throw new BadRequestException("Partition must be >= 0, got " + partition);
        }
        return partition;
    }
}
