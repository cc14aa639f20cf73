package org.jingan.progress.kit.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where an app serves its metrics and health ({@link ManagementServer}): loopback by default, so only the host (or,
 * in a container, the container itself: its health check) reaches them.
 *
 * @param bindHost interface to listen on
 * @param port     port to listen on; 0 picks a free one
 */
public record ManagementEndpoint(String bindHost, int port) {
    /** 127.0.0.1, a free port. */
    public static final ManagementEndpoint LOOPBACK_ANY_PORT = new ManagementEndpoint("127.0.0.1", 0);

    public ManagementEndpoint {
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management port must be 0..65535 (0 = any free port), got " + port);
        }
    }

    /** 127.0.0.1 and {@code port}. */
    public static ManagementEndpoint loopback(int port) {
        return new ManagementEndpoint("127.0.0.1", port);
    }

    /** Whether only this host can connect. */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
