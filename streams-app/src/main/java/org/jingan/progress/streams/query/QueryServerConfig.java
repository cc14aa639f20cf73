package org.jingan.progress.streams.query;

import java.time.Duration;
import java.util.Objects;

import org.jingan.progress.kit.http.ManagementEndpoint;

/**
 * Settings of the query server of one streams-app instance.
 *
 * @param bindHost           interface to listen on (127.0.0.1 by default)
 * @param port               port to listen on; 0 picks a free one (then give {@link QueryServer#applicationServer()}
 *                           to Streams as {@code application.server})
 * @param advertisedHost     host other instances reach this one at: the host part of {@code application.server}
 * @param stores             the topology's store names
 * @param forwardTimeout     how long to wait for another instance before trying the next copy
 * @param retryAfterSeconds  Retry-After of 503 answers while stores migrate
 * @param lagSampleInterval  how often this instance samples its stores' changelog lag (one list-offsets call)
 * @param pushInterval       unused: the dashboard feed is pushed as the topics are written (kept for callers)
 * @param dashboard          serve the web dashboard and its live feed
 * @param peerSecret         what the instances of one app show each other on {@code /internal}: the same for all
 * @param peerPageSize       entries this instance asks another for at once (1..1000, what one answer may hold)
 * @param management         where metrics and health are served (loopback by default), apart from the public port
 */
public record QueryServerConfig(String bindHost, int port, String advertisedHost, QueryStores stores,
                                Duration forwardTimeout, int retryAfterSeconds, Duration lagSampleInterval,
                                Duration pushInterval, boolean dashboard, PeerSecret peerSecret, int peerPageSize,
                                ManagementEndpoint management) {

    public QueryServerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(peerSecret, "peerSecret");
        Objects.requireNonNull(management, "management");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = any free port), got " + port);
        }
        if (peerPageSize < 1 || peerPageSize > PageRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("peerPageSize must be 1.." + PageRequest.MAX_LIMIT + ", got " + peerPageSize);
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1, got " + retryAfterSeconds);
        }
    }

    /**
     * Loopback, a free port, 3 s forwarding timeout, 1 s lag sampling and push, dashboard on, a random peer secret
     * (instances started from this same config share it; others must be given it), pages of 500 entries,
     * metrics and health on a free loopback port.
     */
    public static QueryServerConfig defaults(QueryStores stores) {
        return new QueryServerConfig("127.0.0.1", 0, "127.0.0.1", stores, Duration.ofSeconds(3), 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), true, PeerSecret.random(), PageRequest.DEFAULT_LIMIT, ManagementEndpoint.LOOPBACK_ANY_PORT);
    }

    public QueryServerConfig withPort(int newPort) {
        return new QueryServerConfig(bindHost, newPort, advertisedHost, stores, forwardTimeout, retryAfterSeconds,
                lagSampleInterval, pushInterval, dashboard, peerSecret, peerPageSize, management);
    }

    /** Listen on {@code host} and advertise it to the other instances. */
    public QueryServerConfig withHost(String host) {
        return new QueryServerConfig(host, port, host, stores, forwardTimeout, retryAfterSeconds,
                lagSampleInterval, pushInterval, dashboard, peerSecret, peerPageSize, management);
    }

    /** Listen on {@code bind} (e.g. 0.0.0.0) but tell the other instances to use {@code advertised}. */
    public QueryServerConfig withHosts(String bind, String advertised) {
        return new QueryServerConfig(bind, port, advertised, stores, forwardTimeout, retryAfterSeconds,
                lagSampleInterval, pushInterval, dashboard, peerSecret, peerPageSize, management);
    }

    public QueryServerConfig withForwardTimeout(Duration timeout) {
        return new QueryServerConfig(bindHost, port, advertisedHost, stores, timeout, retryAfterSeconds,
                lagSampleInterval, pushInterval, dashboard, peerSecret, peerPageSize, management);
    }

    public QueryServerConfig withPushInterval(Duration interval) {
        return new QueryServerConfig(bindHost, port, advertisedHost, stores, forwardTimeout, retryAfterSeconds,
                lagSampleInterval, interval, dashboard, peerSecret, peerPageSize, management);
    }

    public QueryServerConfig withDashboard(boolean enabled) {
        return new QueryServerConfig(bindHost, port, advertisedHost, stores, forwardTimeout, retryAfterSeconds,
                lagSampleInterval, pushInterval, enabled, peerSecret, peerPageSize, management);
    }

    /** Ask other instances for this many entries at once (small in tests: many pages to follow). */
    public QueryServerConfig withPeerPageSize(int pageSize) {
        return new QueryServerConfig(bindHost, port, advertisedHost, stores, forwardTimeout, retryAfterSeconds,
                lagSampleInterval, pushInterval, dashboard, peerSecret, pageSize, management);
    }

    public QueryServerConfig withManagement(ManagementEndpoint endpoint) {
        return new QueryServerConfig(bindHost, port, advertisedHost, stores, forwardTimeout, retryAfterSeconds,
                lagSampleInterval, pushInterval, dashboard, peerSecret, peerPageSize, endpoint);
    }

    public QueryServerConfig withPeerSecret(PeerSecret secret) {
        return new QueryServerConfig(bindHost, port, advertisedHost, stores, forwardTimeout, retryAfterSeconds,
                lagSampleInterval, pushInterval, dashboard, secret, peerPageSize, management);
    }
}
