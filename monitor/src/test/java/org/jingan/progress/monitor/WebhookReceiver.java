package org.jingan.progress.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint for tests: records every request and answers 503 to the first {@code failFirst} of them,
 * then 200. Receivers dedupe by Idempotency-Key, so {@link #distinctKeys()} is what a real receiver acts on.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    record Call(String idempotencyKey, String groupKey, int attempt, String body, int answeredWith) {
        /** The alert ids the grouped notice lists as firing. */
        List<String> firingAlertIds() {
            try {
                List<String> ids = new java.util.ArrayList<>();
                JSON.readTree(body).get("alerts").forEach(a -> ids.add(a.get("alertId").asText()));
                return ids;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger toFail;

    WebhookReceiver(int failFirst) throws IOException {
        this.toFail = new AtomicInteger(failFirst);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int status = toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
                var headers = exchange.getRequestHeaders();
                calls.add(new Call(headers.getFirst("Idempotency-Key"), headers.getFirst("X-Alert-Group-Key"),
                        Integer.parseInt(headers.getFirst("X-Delivery-Attempt")), body, status));
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Answers 503 to the next {@code n} requests (0: accept from now on). */
    void failNext(int n) {
        toFail.set(n);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Accepted calls (200) of grouped notices that list {@code alertId} as firing. */
    List<Call> accepted(String alertId) {
        return calls.stream().filter(c -> c.answeredWith() == 200 && c.firingAlertIds().contains(alertId)).toList();
    }

    List<String> distinctKeys() {
        return calls.stream().filter(c -> c.answeredWith() == 200).map(Call::idempotencyKey).distinct().toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
