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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jingan.progress.monitor.group.GroupNotice;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.jingan.progress.monitor.web.DepartmentNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Posts notices to the configured webhooks, each with bounded exponential retries (resilience4j's {@link Retry}, set
 * by the {@link RetryPolicy}; its events count the retries and give-ups). Blocking: called by the single forwarding
 * thread, so notices reach every receiver in the order they were read.
 */
public final class WebhookForwarder {
    private static final Logger log = LoggerFactory.getLogger(WebhookForwarder.class);

    /** How one notice fared at one webhook. */
    public record Delivery(URI webhook, boolean delivered, int attempts, String lastProblem) {
    }

    private final List<URI> webhooks;
    private final RetryConfig retryConfig;
    private final Duration requestTimeout;
    private final MonitorMetrics metrics;
    private final ObjectMapper json;
    private final DepartmentNames departments;
    private final HttpClient http;

    public WebhookForwarder(List<URI> webhooks, RetryPolicy retryPolicy, Duration requestTimeout,
                            MonitorMetrics metrics, ObjectMapper json, DepartmentNames departments) {
        this.webhooks = List.copyOf(webhooks);
        this.retryConfig = retryConfig(retryPolicy);
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
        this.json = json;
        this.departments = departments;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    public List<URI> webhooks() {
        return webhooks;
    }

    /**
     * Delivers a grouped {@code notice} to every webhook, retrying each until it accepts or the attempts are used up
     * (then it is logged at ERROR and counted). Throws InterruptedException when the monitor is closing: the
     * notice then counts as not handled and is read again after the restart.
     */
    public List<Delivery> deliver(GroupNotice notice) throws InterruptedException {
        byte[] body = toJson(notice);
        List<Delivery> deliveries = new ArrayList<>();
        for (URI webhook : webhooks) {
            deliveries.add(deliverTo(webhook, notice, body));
        }
        return deliveries;
    }

    private Delivery deliverTo(URI webhook, GroupNotice notice, byte[] body) throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        // One Retry per delivery: its event consumers log and count with this notice and its last problem.
        Retry retry = Retry.of("webhook", retryConfig);
        retry.getEventPublisher()
                .onRetry(event -> {
                    metrics.retry(webhook);
                    log.warn("Forwarding {} to {} failed (attempt {}): {}; retrying in {} ms", notice.id(),
                            webhook, event.getNumberOfRetryAttempts(), problem.get(), event.getWaitInterval().toMillis());
                })
                .onError(event -> metrics.deliveryFailed(webhook, "attempts_exhausted"));
        Answer answer;
        try {
            answer = retry.executeCallable(() -> {
                int attempt = attempts.incrementAndGet();
                try {
                    Answer a = Answer.of(http.send(request(webhook, notice, body, attempt), HttpResponse.BodyHandlers.ofString()));
                    problem.set(a.accepted() ? null : a.problem());
                    return a;
                } catch (IOException e) {
                    problem.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                    throw e;
                }
            });
        } catch (IOException e) {
            answer = null; // the last attempt failed to connect or timed out: given up (the onError event counted it)
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw interruptedOr(e, webhook);
        }
        if (Thread.interrupted()) {
            // resilience4j keeps the interrupt of a backoff wait and ends the retries with the last outcome
            throw new InterruptedException("closing while retrying " + notice.id() + " to " + webhook);
        }
        int used = attempts.get();
        if (answer != null && answer.accepted()) {
            metrics.forwarded(webhook, notice.status().name());
            log.info("Forwarded {} {} ({} firing, {} resolved) to {} (attempt {})", notice.status(), notice.id(),
                    notice.firing().size(), notice.resolved().size(), webhook, used);
            return new Delivery(webhook, true, used, null);
        }
        boolean refused = answer != null && !answer.retryable();
        if (refused) {
            metrics.deliveryFailed(webhook, "refused"); // not retried: resilience4j completed without an error event
        }
        log.error("Gave up forwarding {} {} (group {}) to {} after {} attempt(s): {}. The receiver did not get"
                        + " this notice; it stays visible in the console.",
                notice.status(), notice.id(), notice.group(), webhook, used, problem.get());
        return new Delivery(webhook, false, used, problem.get());
    }

    /** An unexpected exception out of the retries: an InterruptedException when the wait was interrupted. */
    private static RuntimeException interruptedOr(Exception e, URI webhook) throws InterruptedException {
        if (Thread.interrupted()) {
            InterruptedException interrupted = new InterruptedException("closing while retrying to " + webhook);
            interrupted.initCause(e);
            throw interrupted;
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    /**
     * The retries, resilience4j's: {@link RetryPolicy#maxAttempts()} attempts; another after an I/O error (connection
     * refused or reset, timeout) or an answer worth retrying (408, 425, 429, 5xx), after the receiver's Retry-After
     * (at most the maximum backoff) or else the policy's exponential backoff; the last answer when attempts run out.
     */
    private static RetryConfig retryConfig(RetryPolicy policy) {
        return RetryConfig.<Answer>custom()
                .maxAttempts(policy.maxAttempts())
                .retryExceptions(IOException.class)
                .retryOnResult(Answer::retryable)
                .intervalBiFunction((attempt, outcome) -> policy.backoffAfter(attempt,
                        outcome.isRight() ? outcome.get().retryAfter() : Optional.empty()).toMillis())
                .failAfterMaxAttempts(false)
                .build();
    }

    /** A webhook's answer to one attempt. */
    private record Answer(int status, String body, Optional<Duration> retryAfter) {
        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").flatMap(WebhookForwarder::seconds));
        }

        boolean accepted() {
            return status / 100 == 2;
        }

        boolean retryable() {
            return RetryPolicy.isRetryableStatus(status);
        }

        String problem() {
            return "HTTP " + status + abbreviate(body);
        }
    }

    private HttpRequest request(URI webhook, GroupNotice notice, byte[] body, int attempt) {
        return HttpRequest.newBuilder(webhook)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", notice.id())
                .header("X-Alert-Group-Key", notice.group().toString())
                .header("X-Delivery-Attempt", String.valueOf(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private byte[] toJson(GroupNotice notice) {
        try {
            return json.writeValueAsBytes(WebhookPayload.of(notice, departments));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write webhook payload of " + notice.id(), e);
        }
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim()))).filter(d -> !d.isNegative());
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
