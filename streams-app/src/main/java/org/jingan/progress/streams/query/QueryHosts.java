package org.jingan.progress.streams.query;

import org.apache.kafka.streams.state.HostInfo;

/** host:port names of instances, as in {@code application.server}. */
final class QueryHosts {
    private QueryHosts() {
    }

    static String name(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    static HostInfo parse(String hostPort) {
        return HostInfo.buildFromEndpoint(hostPort);
    }
}
