package org.jingan.progress.streams.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.kafka.streams.state.HostInfo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Any question about any store, from any instance: single keys go to the instance holding the key's partition
 * (its active first, then its standbys), "all" questions are asked of every partition's holder and merged.
 * A copy that is down, migrating or staler than the client accepts is skipped for the next one; a copy that is
 * acceptable but behind (a standby, an active still restoring) is used only when no candidate is current, and then
 * the least lagging one. When no copy is left the answer is an {@link UnavailableException} (503, retry).
 */
public final class ClusterStores {
    static final String INTERNAL = "/internal/v1/stores/";
    /** Several lookups in one partition (POST, JSON list of {@link LocalStores.Lookup}). */
    static final String LOOKUPS = "/internal/v1/lookups/";

    /** One key's answer: the value if the key exists, and the copy it was read from. */
    public record KeyAnswer(Optional<Object> value, Freshness.Copy copy) {
    }

    /** All entries of a store and the copy each partition was read from. */
    public record RangeAnswer(List<LocalStores.Entry> entries, List<Freshness.Copy> copies) {
    }

    private final StoreDirectory directory;
    private final LocalStores local;
    private final PeerReads peers;
    private final HostInfo self;
    private final MeterRegistry meters;
    private final Executor peerReads;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** @param peerReads where the other instances' answers to an "all" question are awaited, beside the local read */
    ClusterStores(StoreDirectory directory, LocalStores local, PeerReads peers, HostInfo self, MeterRegistry meters,
                  Executor peerReads) {
        this.peerReads = peerReads;
        this.directory = directory;
        this.local = local;
        this.peers = peers;
        this.self = self;
        this.meters = meters;
    }

    /** The value of {@code key}, from the copy of its partition that is up and fresh enough. */
    public KeyAnswer get(String store, String key, Staleness staleness) {
        LocalStores.KeyRead read = routed(store, key, staleness, LocalStores.KeyRead::copy, (host, partition) ->
                host.equals(self) ? local.get(store, partition, key) : peers.key(host, store, partition, key));
        return new KeyAnswer(Optional.ofNullable(read.value()), read.copy());
    }

    /**
     * The entries whose key starts with {@code prefix}, all kept in the partition of {@code routingKey} (e.g. a
     * target's history, keyed {@code targetId|bucket} in the task of {@code targetId}).
     */
    public RangeAnswer prefix(String store, String routingKey, String prefix, Staleness staleness) {
        LocalStores.PartitionRead read = routed(store, routingKey, staleness, LocalStores.PartitionRead::copy,
                (host, partition) -> host.equals(self) ? local.prefix(store, partition, prefix)
                        : peers.prefix(host, store, partition, prefix));
        return new RangeAnswer(read.entries(), List.of(read.copy()));
    }

    /**
     * Several lookups routed by one key, e.g. a target's standing, definition and alerts: the stores of one
     * sub-topology share their partitions' holders, so one copy holder answers all of them in one round trip.
     * Lookups in stores held elsewhere are routed on their own. Answers come in the order of {@code lookups}.
     */
    public List<RangeAnswer> together(String routingKey, List<LocalStores.Lookup> lookups, Staleness staleness) {
        Map<StoreDirectory.Owners, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < lookups.size(); i++) {
            groups.computeIfAbsent(directory.forKey(lookups.get(i).store(), routingKey), o -> new ArrayList<>()).add(i);
        }
        RangeAnswer[] answers = new RangeAnswer[lookups.size()];
        groups.forEach((owners, indexes) -> {
            List<LocalStores.Lookup> group = indexes.stream().map(lookups::get).toList();
            List<LocalStores.PartitionRead> reads = routed(owners, group.get(0).store(), staleness, ClusterStores::copies,
                    (host, partition) -> host.equals(self) ? local.lookup(partition, group)
                            : peers.lookups(host, partition, group));
            for (int i = 0; i < indexes.size(); i++) {
                answers[indexes.get(i)] = new RangeAnswer(reads.get(i).entries(), List.of(reads.get(i).copy()));
            }
        });
        return List.of(answers);
    }

    private static List<Freshness.Copy> copies(List<LocalStores.PartitionRead> reads) {
        return reads.stream().map(LocalStores.PartitionRead::copy).toList();
    }

    private <R> R routed(String store, String routingKey, Staleness staleness, Function<R, Freshness.Copy> copyOf,
                         BiFunction<HostInfo, Integer, R> reader) {
        return routed(directory.forKey(store, routingKey), store, staleness, r -> List.of(copyOf.apply(r)), reader);
    }

    /** Reads from the first candidate whose copies are all current, else from the least lagging acceptable one. */
    private <R> R routed(StoreDirectory.Owners owners, String store, Staleness staleness,
                         Function<R, List<Freshness.Copy>> copiesOf, BiFunction<HostInfo, Integer, R> reader) {
        List<String> refusals = new ArrayList<>();
        boolean tooStale = false;
        R best = null;
        HostInfo bestHost = null;
        for (HostInfo host : candidates(owners)) {
            try {
                R read = reader.apply(host, owners.partition());
                List<Freshness.Copy> copies = copiesOf.apply(read);
                Freshness.Copy refused = copies.stream().filter(c -> !staleness.accepts(c)).findFirst().orElse(null);
                if (refused != null) {
                    tooStale = true;
                    refusals.add(describeLag(refused));
                } else if (copies.stream().noneMatch(Freshness.Copy::stale)) {
                    copies.forEach(copy -> count("key", host, copy));
                    return read;
                } else if (best == null || fresher(mostLagging(copies), mostLagging(copiesOf.apply(best)))) {
                    // acceptable but behind (a standby, or an active still restoring): look for a fresher copy first
                    best = read;
                    bestHost = host;
                }
            } catch (UnavailableException e) {
                refusals.add(e.getMessage());
            }
        }
        if (best != null) {
            HostInfo from = bestHost;
            copiesOf.apply(best).forEach(copy -> count("key", from, copy));
            return best;
        }
        throw noCopy(store, List.of(owners.partition()), refusals, tooStale);
    }

    private static Freshness.Copy mostLagging(List<Freshness.Copy> copies) {
        return copies.stream().reduce((a, b) -> fresher(a, b) ? b : a).orElseThrow();
    }

    /** Whether {@code a} is closer to its changelog's end than {@code b} (an unknown lag counts as the largest). */
    private static boolean fresher(Freshness.Copy a, Freshness.Copy b) {
        long lagA = a.offsetLag() == null ? Long.MAX_VALUE : a.offsetLag();
        long lagB = b.offsetLag() == null ? Long.MAX_VALUE : b.offsetLag();
        return lagA < lagB;
    }

    /** Who holds each partition of the store now, active first then standbys: changes with every reassignment. */
    public List<String> holders(String store) {
        int partitions = directory.partitionCount(store);
        List<String> holders = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            holders.add(candidates(directory.forPartition(store, p)).stream().map(QueryHosts::name).toList().toString());
        }
        return holders;
    }

    public RangeAnswer all(String store, Staleness staleness) {
        int partitions = directory.partitionCount(store);
        if (partitions <= 0) {
            throw new IllegalArgumentException("Store '" + store + "' has no partitions to read (a global store?)");
        }
        Map<Integer, Deque<HostInfo>> candidates = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            candidates.put(p, new ArrayDeque<>(candidates(directory.forPartition(store, p))));
        }
        Map<Integer, LocalStores.PartitionRead> done = new TreeMap<>();
        Map<Integer, LocalStores.PartitionRead> behind = new TreeMap<>();
        Map<Integer, HostInfo> behindHost = new TreeMap<>();
        List<String> refusals = new ArrayList<>();
        boolean tooStale = false;
        while (true) {
            // ask every partition's next candidate, one request per instance
            Map<HostInfo, List<Integer>> round = new LinkedHashMap<>();
            candidates.forEach((partition, hosts) -> {
                if (!done.containsKey(partition) && !hosts.isEmpty()) {
                    round.computeIfAbsent(hosts.poll(), h -> new ArrayList<>()).add(partition);
                }
            });
            if (round.isEmpty()) {
                break;
            }
            // the other instances are asked at once, and read their copies while this one reads its own
            Map<HostInfo, CompletableFuture<List<PeerReads.PartitionResult>>> asked = new LinkedHashMap<>();
            round.forEach((host, ids) -> asked.put(host, host.equals(self) ? null
                    : CompletableFuture.supplyAsync(() -> peers.partitions(host, store, ids), peerReads)));
            for (Map.Entry<HostInfo, List<Integer>> ask : round.entrySet()) {
                CompletableFuture<List<PeerReads.PartitionResult>> remote = asked.get(ask.getKey());
                List<PeerReads.PartitionResult> results = remote == null ? readLocal(store, ask.getValue()) : join(remote);
                for (PeerReads.PartitionResult result : results) {
                    if (result.read() == null) {
                        refusals.add(result.refusal());
                    } else if (staleness.accepts(result.read().copy()) && !result.read().copy().stale()) {
                        count("range", ask.getKey(), result.read().copy());
                        done.put(result.partition(), result.read());
                    } else if (staleness.accepts(result.read().copy())) {
                        // acceptable but behind: keep it unless a later candidate is fresher
                        LocalStores.PartitionRead kept = behind.get(result.partition());
                        if (kept == null || fresher(result.read().copy(), kept.copy())) {
                            behind.put(result.partition(), result.read());
                            behindHost.put(result.partition(), ask.getKey());
                        }
                    } else {
                        tooStale = true;
                        refusals.add(describeLag(result.read().copy()));
                    }
                }
            }
        }
        behind.forEach((partition, read) -> {
            if (!done.containsKey(partition)) {
                count("range", behindHost.get(partition), read.copy());
                done.put(partition, read);
            }
        });
        List<Integer> missing = candidates.keySet().stream().filter(p -> !done.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            throw noCopy(store, missing, refusals, tooStale);
        }
        List<LocalStores.Entry> entries = new ArrayList<>();
        List<Freshness.Copy> copies = new ArrayList<>();
        done.values().forEach(read -> {
            entries.addAll(read.entries());
            copies.add(read.copy());
        });
        return new RangeAnswer(entries, copies);
    }

    /** The active first, then the standbys (this instance first: no network hop). */
    private List<HostInfo> candidates(StoreDirectory.Owners owners) {
        List<HostInfo> hosts = new ArrayList<>();
        owners.active().ifPresent(hosts::add);
        owners.standbys().stream()
                .sorted(Comparator.comparing((HostInfo h) -> !h.equals(self)).thenComparing(QueryHosts::name))
                .forEach(hosts::add);
        return hosts;
    }

    private static List<PeerReads.PartitionResult> join(CompletableFuture<List<PeerReads.PartitionResult>> remote) {
        try {
            return remote.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private List<PeerReads.PartitionResult> readLocal(String store, List<Integer> partitions) {
        List<PeerReads.PartitionResult> results = new ArrayList<>();
        for (int partition : partitions) {
            try {
                results.add(new PeerReads.PartitionResult(partition, local.all(store, partition), null));
            } catch (UnavailableException e) {
                results.add(new PeerReads.PartitionResult(partition, null, e.getMessage()));
            }
        }
        return results;
    }

    private void count(String kind, HostInfo host, Freshness.Copy copy) {
        String location = host.equals(self) ? "local" : "forwarded";
        // looked up by a plain key: building and registering a meter id per read costs more than the read
        counters.computeIfAbsent(kind + "/" + location + "/" + copy.role(), k -> Counter.builder("progress.query.store.reads")
                .description("Store partitions read for queries, by kind (key or range), location (this instance or"
                        + " forwarded to another) and role of the copy read (active or standby)")
                .tag("kind", kind).tag("location", location)
                .tag("role", copy.role().name().toLowerCase(java.util.Locale.ROOT))
                .register(meters)).increment();
    }

    private static String describeLag(Freshness.Copy copy) {
        return "the " + copy.role().name().toLowerCase(java.util.Locale.ROOT) + " copy on " + copy.servedBy()
                + " is " + (copy.offsetLag() == null ? "an unknown number of" : copy.offsetLag()) + " records and "
                + (copy.timeLagMs() == null ? "an unknown time" : copy.timeLagMs() + " ms") + " behind";
    }

    private static UnavailableException noCopy(String store, List<Integer> partitions, List<String> refusals,
                                               boolean tooStale) {
        String why = refusals.isEmpty() ? "no instance holds it now (rebalancing)" : String.join("; ", refusals);
        if (tooStale) {
            return new UnavailableException("too-stale", "No copy of partition(s) " + partitions + " of store '"
                    + store + "' is as fresh as asked (" + why + "). Retry later or accept more lag with "
                    + Staleness.MAX_LAG_RECORDS + " / " + Staleness.MAX_LAG_MS + ".");
        }
        return new UnavailableException("store-migrating", "Partition(s) " + partitions + " of store '" + store
                + "' cannot be read right now: " + why + ".");
    }
}
