package org.jingan.progress.streams.app;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How an instance joins its consumer group. A <em>static</em> member ({@code group.instance.id}) that restarts takes
 * its partitions back at once, without a rebalance; a <em>dynamic</em> one that was killed (or closed: Kafka Streams
 * does not leave the group on close) is replaced only after its session expires, so its restart waits out
 * {@code session.timeout.ms} (measured: 55 s vs 12 s for a kill -9 restart with the 45 s Kafka default).
 *
 * <p>The id must be stable across the restarts of one instance and unique among the running instances, otherwise
 * the broker fences one of the two. It is, in this order:
 * <ol>
 *   <li>{@code group.instance.id} given with {@code --streams-config} (used as it is);</li>
 *   <li>none (dynamic) with {@code --static-membership=false}, or with {@code group.protocol=streams} (the streams
 *       rebalance protocol has no static membership);</li>
 *   <li>{@code --instance-id} (e.g. a StatefulSet's pod name);</li>
 *   <li>the application id and the {@code --application-server} host and port: the address other instances forward
 *       queries to is unique per running instance and, when it has a fixed port, stable across its restarts;</li>
 *   <li>none (dynamic) otherwise: an instance whose query port is picked at start (port 0, or no application.server)
 *       has no identity that survives a restart.</li>
 * </ol>
 * Kafka Streams appends {@code -<thread index>} for each stream thread.
 *
 * @param instanceId {@code group.instance.id} to set, or null for dynamic membership
 * @param reason     why, for the log
 */
public record GroupMembership(String instanceId, String reason) {

    /** Kafka's rule for group instance ids (as for topic names), with room left for Streams' thread suffix. */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_LENGTH = 240;
    private static final String[] INSTANCE_ID_KEYS = {ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)};

    public boolean isStatic() {
        return instanceId != null;
    }

    /**
     * Decides the membership of one instance.
     *
     * @param staticMembership   false forces dynamic membership
     * @param explicitId         {@code --instance-id}, or null/blank
     * @param applicationId      Streams application.id
     * @param applicationServer  {@code --application-server} as given (host:port), or null/blank
     * @param extraStreamsConfig {@code --streams-config} settings (they win over everything)
     * @throws IllegalArgumentException for an id Kafka would refuse, or settings that contradict each other
     */
    public static GroupMembership decide(boolean staticMembership, String explicitId, String applicationId,
                                         String applicationServer, Map<String, String> extraStreamsConfig) {
        for (String key : INSTANCE_ID_KEYS) {
            String given = extraStreamsConfig.get(key);
            if (given != null && !given.isBlank()) {
                return new GroupMembership(given, "static: " + key + " given with --streams-config");
            }
        }
        boolean hasExplicitId = explicitId != null && !explicitId.isBlank();
        String protocol = extraStreamsConfig.getOrDefault(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic");
        if ("streams".equalsIgnoreCase(protocol.trim())) {
            if (hasExplicitId) {
                throw new IllegalArgumentException("--instance-id needs the classic group protocol: the streams"
                        + " rebalance protocol (group.protocol=streams) has no static membership. Drop one of them.");
            }
            return new GroupMembership(null, "dynamic: group.protocol=streams has no static membership");
        }
        if (!staticMembership) {
            if (hasExplicitId) {
                throw new IllegalArgumentException("--instance-id '" + explicitId + "' asks for static membership but"
                        + " --static-membership is false: drop one of them (PROGRESS_INSTANCE_ID / PROGRESS_STATIC_MEMBERSHIP)");
            }
            return new GroupMembership(null, "dynamic: --static-membership=false");
        }
        if (hasExplicitId) {
            String id = explicitId.trim();
            if (!LEGAL.matcher(id).matches() || id.length() > MAX_LENGTH || id.equals(".") || id.equals("..")) {
                throw new IllegalArgumentException("--instance-id '" + explicitId + "' is not a valid group.instance.id:"
                        + " use up to " + MAX_LENGTH + " of the characters a-z A-Z 0-9 . _ - (e.g. the pod name)");
            }
            return new GroupMembership(id, "static: --instance-id");
        }
        if (applicationServer == null || applicationServer.isBlank()) {
            return dynamic("no stable identity: neither --instance-id nor --application-server is set"
                    + " (the query port is picked at start)");
        }
        HostInfo server = HostInfo.buildFromEndpoint(applicationServer.trim());
        if (server == null || server.port() <= 0) {
            return dynamic("no stable identity: --application-server " + applicationServer + " has no fixed port");
        }
        String derived = legal(applicationId + "-" + server.host().toLowerCase(Locale.ROOT) + "-" + server.port());
        if (derived.length() > MAX_LENGTH) {
            return dynamic("the id derived from the application id and --application-server would be longer than "
                    + MAX_LENGTH + " characters; give a shorter --instance-id");
        }
        return new GroupMembership(derived, "static: from the application id and --application-server");
    }

    /** Dynamic for want of an identity: say how to get one. */
    private static GroupMembership dynamic(String why) {
        return new GroupMembership(null, "dynamic: " + why + "; a restart after a crash waits for the old member's"
                + " session to expire. Give --instance-id (PROGRESS_INSTANCE_ID) or an --application-server with a"
                + " fixed port for static membership");
    }

    /** Characters Kafka refuses in an id (':' of IPv6, '%' of a scope) become '_'. */
    private static String legal(String raw) {
        return raw.replaceAll("[^a-zA-Z0-9._-]", "_");
    }
}
