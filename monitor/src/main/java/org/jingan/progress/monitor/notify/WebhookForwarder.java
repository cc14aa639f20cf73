package org.jingan.progress.monitor.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Posts notices to the configured webhooks, each with bounded exponential retries. Blocking: called by the
 * single forwarding thread, so notices reach every receiver in the order they were read.
 */
public final class WebhookForwarder {
    private static final Logger log = LoggerFactory.getLogger(WebhookForwarder.class);

    /** How one notice fared at one webhook. */
    public record Delivery(URI webhook, boolean delivered, int attempts, String lastProblem) {
    }

    private final List<URI> webhooks;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final MonitorMetrics metrics;
    private final ObjectMapper json;
    private final HttpClient http;

    public WebhookForwarder(List<URI> webhooks, RetryPolicy retryPolicy, Duration requestTimeout,
                            MonitorMetrics metrics, ObjectMapper json) {
        this.webhooks = List.copyOf(webhooks);
        this.retryPolicy = retryPolicy;
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    public List<URI> webhooks() {
        return webhooks;
    }

    /**
     * Delivers {@code alert} to every webhook, retrying each until it accepts or the attempts are used up
     * (then it is logged at ERROR and counted). Throws InterruptedException when the monitor is closing: the
     * notice then counts as not handled and is read again after the restart.
     */
    public List<Delivery> deliver(Alert alert) throws InterruptedException {
        byte[] body = toJson(alert);
        List<Delivery> deliveries = new ArrayList<>();
        for (URI webhook : webhooks) {
            deliveries.add(deliverTo(webhook, alert, body));
        }
        return deliveries;
    }

    private Delivery deliverTo(URI webhook, Alert alert, byte[] body) throws InterruptedException {
        String problem = null;
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            boolean retryable;
            try {
                HttpResponse<String> response = http.send(request(webhook, alert, body, attempt),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    metrics.forwarded(webhook, alert);
                    log.info("Forwarded {} {} to {} (attempt {})", alert.getState(), alert.getAlertId(), webhook, attempt);
                    return new Delivery(webhook, true, attempt, null);
                }
                problem = "HTTP " + status + abbreviate(response.body());
                retryable = RetryPolicy.isRetryableStatus(status);
                retryAfter = response.headers().firstValue("Retry-After").flatMap(WebhookForwarder::seconds);
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                retryable = true;
            }
            if (!retryable || !retryPolicy.allowsAnotherAfter(attempt)) {
                String reason = retryable ? "attempts_exhausted" : "refused";
                metrics.deliveryFailed(webhook, reason);
                log.error("Gave up forwarding {} {} (dedup key {}) to {} after {} attempt(s): {}. The receiver did not get"
                                + " this notice; it stays visible in the console.",
                        alert.getState(), alert.getAlertId(), alert.getDedupKey(), webhook, attempt, problem);
                return new Delivery(webhook, false, attempt, problem);
            }
            Duration wait = retryPolicy.backoffAfter(attempt, retryAfter);
            metrics.retry(webhook);
            log.warn("Forwarding {} to {} failed (attempt {}): {}; retrying in {} ms",
                    alert.getAlertId(), webhook, attempt, problem, wait.toMillis());
            Thread.sleep(wait.toMillis());
        }
    }

    private HttpRequest request(URI webhook, Alert alert, byte[] body, int attempt) {
        return HttpRequest.newBuilder(webhook)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", alert.getAlertId())
                .header("X-Alert-Dedup-Key", alert.getDedupKey())
                .header("X-Delivery-Attempt", String.valueOf(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private byte[] toJson(Alert alert) {
        try {
            return json.writeValueAsBytes(WebhookPayload.of(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write webhook payload of " + alert.getAlertId(), e);
        }
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: fall back to our own backoff
        }
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
    }
}
