package org.jingan.progress.streams.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The instance-to-instance endpoints: this instance's own copy of a store partition, never forwarded further.
 * Paths under {@value ClusterStores#INTERNAL}; not part of the public API.
 */
final class InternalRoutes {
    private final Supplier<LocalStores> local;
    private final JsonBodies json;

    InternalRoutes(Supplier<LocalStores> local, JsonBodies json) {
        this.local = local;
        this.json = json;
    }

    void register(Javalin app) {
        String base = ClusterStores.INTERNAL + "{store}/partitions";
        app.get(base, this::partitions);
        app.get(base + "/{partition}/keys/{key}", this::key);
        app.get(base + "/{partition}/prefix/{prefix}", this::prefix);
        app.post(ClusterStores.LOOKUPS + "{partition}", this::lookups);
    }

    /** Several lookups in one partition, e.g. a target's standing, definition and alerts: one hop instead of three. */
    private void lookups(Context ctx) {
        List<LocalStores.Lookup> lookups = List.of(json.read(ctx, LocalStores.Lookup[].class));
        List<Object> reads = new ArrayList<>();
        for (LocalStores.PartitionRead read : local.get().lookup(partition(ctx), lookups)) {
            reads.add(partitionBody(read));
        }
        json.write(ctx, Map.of("reads", reads));
    }

    private void key(Context ctx) {
        LocalStores.KeyRead read = local.get().get(ctx.pathParam("store"), partition(ctx), ctx.pathParam("key"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", read.value());
        body.put("copy", read.copy());
        json.write(ctx, body);
    }

    private void prefix(Context ctx) {
        json.write(ctx, partitionBody(local.get().prefix(ctx.pathParam("store"), partition(ctx), ctx.pathParam("prefix"))));
    }

    private void partitions(Context ctx) {
        String store = ctx.pathParam("store");
        List<Object> parts = new ArrayList<>();
        for (String id : ctx.queryParamAsClass("ids", String.class).get().split(",")) {
            int partition = parsePartition(id);
            try {
                parts.add(partitionBody(local.get().all(store, partition)));
            } catch (UnavailableException e) {
                // one partition moving must not hide the others this instance can still serve
                parts.add(Map.of("partition", partition, "unavailable", e.getMessage()));
            }
        }
        json.write(ctx, Map.of("partitions", parts));
    }

    private static Map<String, Object> partitionBody(LocalStores.PartitionRead read) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partition", read.partition());
        body.put("entries", read.entries());
        body.put("copy", read.copy());
        return body;
    }

    private static int partition(Context ctx) {
        return parsePartition(ctx.pathParam("partition"));
    }

    private static int parsePartition(String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("Partition must be a number, got '" + raw + "'");
        }
    }
}
