package org.jingan.progress.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.monitor.board.AlertGroupKey;
import org.jingan.progress.monitor.group.GroupNotice;
import org.jingan.progress.monitor.web.DepartmentNames;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.monitor.Alerts;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forwarder's retries (resilience4j) against a stand-in receiver that answers what each test scripts. */
class WebhookForwarderTest {
    private static final Alert FIRING = Alerts.firing("econ-retail-sales", AlertKind.BEHIND, Instant.parse("2020-05-01T00:00:00Z"));
    private static final GroupNotice ALERT = GroupNotice.of(AlertGroupKey.of(FIRING), GroupNotice.Status.FIRING,
            List.of(FIRING), List.of(), FIRING.getRaisedAt());

    /** One scripted answer: status and Retry-After (null for none). */
    record Reply(int status, String retryAfter) {
    }

    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> attemptHeaders = new CopyOnWriteArrayList<>();
    private final MonitorMetrics metrics = new MonitorMetrics();
    private HttpServer server;
    private URI hook;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            arrivals.add(System.nanoTime());
            attemptHeaders.add(exchange.getRequestHeaders().getFirst("X-Delivery-Attempt"));
            exchange.getRequestBody().readAllBytes();
            Reply reply = script.poll();
            int status = reply == null ? 200 : reply.status();
            if (reply != null && reply.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
            }
            byte[] body = status == 200 ? new byte[0] : ("{\"error\":\"status " + status + "\"}").getBytes();
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private WebhookForwarder forwarder(URI webhook, RetryPolicy policy) {
        return new WebhookForwarder(List.of(webhook), policy, Duration.ofSeconds(5), metrics,
                new ObjectMapper().registerModule(new JavaTimeModule()), new DepartmentNames(Map.of()));
    }

    private double counter(String name, String... tags) {
        Counter counter = metrics.registry().find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long gapMillis(int from, int to) {
        return (arrivals.get(to) - arrivals.get(from)) / 1_000_000;
    }

    @Test
    void shouldRetryServerErrorsWithADoublingBackoffAndCountTheRetries() throws Exception {
        script.add(new Reply(503, null));
        script.add(new Reply(500, null));
        script.add(new Reply(429, null));

        var delivery = forwarder(hook, new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1_000))).deliver(ALERT).get(0);

        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(4);
        assertThat(attemptHeaders).containsExactly("1", "2", "3", "4");
        assertThat(gapMillis(0, 1)).isBetween(90L, 1_000L);
        assertThat(gapMillis(2, 3)).as("100, 200, then 400 ms").isGreaterThanOrEqualTo(390L);
        assertThat(counter("monitor.webhook.retries")).isEqualTo(3);
        assertThat(counter("monitor.webhook.forwarded")).isEqualTo(1);
        assertThat(counter("monitor.webhook.failures")).isZero();
    }

    @Test
    void shouldHonourRetryAfterButNoLongerThanTheMaximumBackoff() throws Exception {
        script.add(new Reply(429, "0"));
        script.add(new Reply(503, "3600"));

        var delivery = forwarder(hook, new RetryPolicy(5, Duration.ofMillis(300), Duration.ofMillis(600))).deliver(ALERT).get(0);

        assertThat(delivery.delivered()).isTrue();
        assertThat(gapMillis(0, 1)).as("Retry-After: 0, not the 300 ms backoff").isLessThan(250L);
        assertThat(gapMillis(1, 2)).as("an hour asked, the 600 ms maximum waited").isBetween(590L, 3_000L);
    }

    @Test
    void shouldGiveUpAtOnceOnAClientErrorAndCountItAsRefused() throws Exception {
        script.add(new Reply(400, null));

        var delivery = forwarder(hook, new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(20))).deliver(ALERT).get(0);

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastProblem()).startsWith("HTTP 400").contains("status 400");
        assertThat(counter("monitor.webhook.failures", "reason", "refused")).isEqualTo(1);
        assertThat(counter("monitor.webhook.retries")).isZero();
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptAndCountItAsExhausted() throws Exception {
        for (int i = 0; i < 3; i++) {
            script.add(new Reply(503, null));
        }

        var delivery = forwarder(hook, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20))).deliver(ALERT).get(0);

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastProblem()).startsWith("HTTP 503");
        assertThat(counter("monitor.webhook.failures", "reason", "attempts_exhausted")).isEqualTo(1);
        assertThat(counter("monitor.webhook.retries")).isEqualTo(2);
    }

    @Test
    void shouldRetryAReceiverThatCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/hook");

        var delivery = forwarder(nobody, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20))).deliver(ALERT).get(0);

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastProblem()).contains("ConnectException");
        assertThat(counter("monitor.webhook.failures", "reason", "attempts_exhausted")).isEqualTo(1);
        assertThat(counter("monitor.webhook.retries")).isEqualTo(2);
    }

    @Test
    void shouldStopWaitingWhenInterruptedAndNotCountAGiveUp() throws Exception {
        for (int i = 0; i < 100; i++) {
            script.add(new Reply(503, null));
        }
        WebhookForwarder forwarder = forwarder(hook, new RetryPolicy(100, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                forwarder.deliver(ALERT);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> arrivals.size() == 1);
        Thread.sleep(200); // into the 30 s backoff

        worker.interrupt();
        worker.join(5_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(arrivals).hasSize(1);
        assertThat(counter("monitor.webhook.failures")).isZero();
    }

    @Test
    void shouldNotRetryWhenOneAttemptIsAllItMayMake() throws Exception {
        script.add(new Reply(503, null));

        var delivery = forwarder(hook, new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(20))).deliver(ALERT).get(0);

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(counter("monitor.webhook.failures", "reason", "attempts_exhausted")).isEqualTo(1);
        assertThat(counter("monitor.webhook.retries")).isZero();
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
