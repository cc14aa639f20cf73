package org.jingan.progress.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: picking a free one, and refusing a taken one with a sentence that says what to do. */
public final class FreePorts {
    private FreePorts() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    /** Throws {@link PortInUseException} when {@code port} on 127.0.0.1 is already taken. */
    public static void requireFree(int port, String what, String flag) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PortInUseException(port, what, flag);
        }
    }

    /** A port another process holds: the message names it and the flag that picks another. */
    public static final class PortInUseException extends IllegalStateException {
        public PortInUseException(int port, String what, String flag) {
            super("Port " + port + " on 127.0.0.1 (" + what + ") is already in use. Stop what holds it (`ss -ltnp | grep :"
                    + port + "`) or choose another port with " + flag + ".");
        }
    }
}
