package org.jingan.progress.streams.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads another instance's copies of store partitions through its {@code /internal} endpoints, following their
 * pages ({@link PageRequest}) so a caller gets whole partitions as from {@link LocalStores}, as before paging.
 * A partition read over several pages is labelled with the laggiest copy any page came from.
 */
final class PeerReads {

    /** One partition as read from a peer: its entries, or why the peer could not serve it. */
    record PartitionResult(int partition, LocalStores.PartitionRead read, String refusal) {
    }

    private final PeerClient peers;
    private final ObjectMapper mapper;
    private final PeerValues values;
    private final int pageSize;

    PeerReads(PeerClient peers, ObjectMapper mapper, PeerValues values, int pageSize) {
        if (pageSize < 1 || pageSize > PageRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("page size must be 1.." + PageRequest.MAX_LIMIT + ", got " + pageSize);
        }
        this.peers = peers;
        this.mapper = mapper;
        this.values = values;
        this.pageSize = pageSize;
    }

    /**
     * The whole of each of {@code partitions} of {@code store} on {@code host}: asks for them together, then for
     * what each answer left (the rest of a partial partition, the partitions not reached) until every one is
     * complete or refused. A partition that fails midway is refused as a whole, to be read elsewhere.
     */
    List<PartitionResult> partitions(HostInfo host, String store, List<Integer> partitions) {
        Map<Integer, PartitionResult> results = new LinkedHashMap<>();
        Map<Integer, LocalStores.PartitionRead> partial = new LinkedHashMap<>();
        List<Integer> pending = new ArrayList<>(partitions);
        String after = null;
        while (!pending.isEmpty()) {
            JsonNode answer;
            try {
                answer = peers.get(host, ClusterStores.INTERNAL + PeerClient.encode(store) + "/partitions",
                        pageQuery(String.join(",", pending.stream().map(String::valueOf).toList()), after));
            } catch (UnavailableException e) {
                pending.forEach(p -> results.put(p, new PartitionResult(p, null, e.getMessage())));
                break;
            }
            String asked = after;
            after = null;
            boolean progressed = false;
            for (JsonNode part : answer.path("partitions")) {
                int partition = part.path("partition").asInt();
                if (!pending.remove((Integer) partition)) {
                    continue; // not asked for: ignore rather than trust it
                }
                progressed = true;
                if (part.hasNonNull("unavailable")) {
                    partial.remove(partition);
                    results.put(partition, new PartitionResult(partition, null, part.get("unavailable").asText()));
                    continue;
                }
                LocalStores.PartitionRead page;
                try {
                    page = read(host, partition, part);
                } catch (UnavailableException e) {
                    // values of another version: this partition is read elsewhere
                    partial.remove(partition);
                    results.put(partition, new PartitionResult(partition, null, e.getMessage()));
                    continue;
                }
                LocalStores.PartitionRead read = joined(partial.remove(partition), page);
                if (read.next() == null) {
                    results.put(partition, new PartitionResult(partition, read, null));
                } else if (page.entries().isEmpty() || read.next().equals(asked)) {
                    // more to come but nothing new given: asking again would never end
                    results.put(partition, new PartitionResult(partition, null, "Instance " + QueryHosts.name(host)
                            + " did not page on in partition " + partition + " of store '" + store + "'"));
                } else {
                    // the answer's one partial partition: asked for first next time, from where it stopped
                    partial.put(partition, read);
                    pending.add(0, partition);
                    after = read.next();
                }
            }
            if (!progressed) {
                // none of the partitions asked for came back: a peer that pages otherwise (another version)
                pending.forEach(p -> results.put(p, new PartitionResult(p, null, "Instance " + QueryHosts.name(host)
                        + " did not answer for partition " + p + " of store '" + store + "'")));
                break;
            }
        }
        List<PartitionResult> ordered = new ArrayList<>();
        partitions.forEach(p -> ordered.add(results.get(p)));
        return ordered;
    }

    /** One key of one partition. */
    LocalStores.KeyRead key(HostInfo host, String store, int partition, String key) {
        JsonNode answer = peers.get(host, ClusterStores.INTERNAL + PeerClient.encode(store) + "/partitions/" + partition
                + "/keys/" + PeerClient.encode(key), Map.of());
        return new LocalStores.KeyRead(values.read(answer.path("value"), QueryHosts.name(host)), copy(answer.path("copy")));
    }

    /** Every entry of one partition whose key starts with {@code prefix}, page by page. */
    LocalStores.PartitionRead prefix(HostInfo host, String store, int partition, String prefix) {
        return prefixFrom(host, store, partition, prefix, null);
    }

    /** Several lookups in one partition in one round trip; a prefix lookup cut at a page goes on with {@link #prefix}. */
    List<LocalStores.PartitionRead> lookups(HostInfo host, int partition, List<LocalStores.Lookup> lookups) {
        JsonNode answer = peers.post(host, ClusterStores.LOOKUPS + partition + "?limit=" + pageSize, lookups);
        List<LocalStores.PartitionRead> reads = new ArrayList<>();
        answer.path("reads").forEach(read -> reads.add(read(host, partition, read)));
        if (reads.size() != lookups.size()) {
            throw new UnavailableException("peer-unreachable", "Instance " + QueryHosts.name(host) + " answered "
                    + reads.size() + " of " + lookups.size() + " lookups");
        }
        for (int i = 0; i < reads.size(); i++) {
            LocalStores.PartitionRead read = reads.get(i);
            if (read.next() != null) {
                LocalStores.Lookup lookup = lookups.get(i);
                reads.set(i, joined(read, prefixFrom(host, lookup.store(), partition, lookup.key(), read.next())));
            }
        }
        return reads;
    }

    private LocalStores.PartitionRead prefixFrom(HostInfo host, String store, int partition, String prefix, String after) {
        LocalStores.PartitionRead read = null;
        do {
            JsonNode answer = peers.get(host, ClusterStores.INTERNAL + PeerClient.encode(store) + "/partitions/"
                    + partition + "/prefix/" + PeerClient.encode(prefix), pageQuery(null, after));
            LocalStores.PartitionRead page = read(host, partition, answer);
            if (page.next() != null && (page.entries().isEmpty() || page.next().equals(after))) {
                throw new UnavailableException("peer-incompatible", "Instance " + QueryHosts.name(host)
                        + " did not page on for '" + prefix + "' in store '" + store + "'");
            }
            read = joined(read, page);
            after = read.next();
        } while (after != null);
        return read;
    }

    private Map<String, String> pageQuery(String ids, String after) {
        Map<String, String> query = new LinkedHashMap<>();
        if (ids != null) {
            query.put("ids", ids);
        }
        query.put("limit", String.valueOf(pageSize));
        if (after != null) {
            query.put("after", after);
        }
        return query;
    }

    /** {@code earlier} pages of a partition and the {@code later} one, as one read (null: no earlier pages). */
    private static LocalStores.PartitionRead joined(LocalStores.PartitionRead earlier, LocalStores.PartitionRead later) {
        if (earlier == null) {
            return later;
        }
        List<LocalStores.Entry> entries = new ArrayList<>(earlier.entries());
        entries.addAll(later.entries());
        return new LocalStores.PartitionRead(later.partition(), entries, earlier.copy().laggier(later.copy()),
                later.next());
    }

    /** A page as typed entries ({@link PeerValues}); a value that does not decode refuses the page. */
    private LocalStores.PartitionRead read(HostInfo host, int partition, JsonNode part) {
        List<LocalStores.Entry> entries = new ArrayList<>();
        String peer = QueryHosts.name(host);
        part.path("entries").forEach(e -> entries.add(new LocalStores.Entry(e.path("key").asText(), values.read(e, peer))));
        String next = part.hasNonNull("next") ? part.get("next").asText() : null;
        return new LocalStores.PartitionRead(partition, entries, copy(part.path("copy")), next);
    }

    private Freshness.Copy copy(JsonNode node) {
        return mapper.convertValue(node, Freshness.Copy.class);
    }
}
