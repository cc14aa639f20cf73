package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientUnreachableTest {

    @Test
    void shouldNameTheUrlAndSayToCheckTheRegistryIsRunning() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url, null);

        assertThatThrownBy(() -> client.register("t-value", TestSchemas.READING_V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(-1))
                .hasMessageContaining(url)
                .hasMessageContaining("unreachable")
                .hasMessageContaining("check that it is running");
    }
}
