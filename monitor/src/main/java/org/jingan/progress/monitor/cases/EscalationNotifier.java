package org.jingan.progress.monitor.cases;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.CaseEventType;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.monitor.catalog.LiveTargets;
import org.jingan.progress.monitor.notify.RetryPolicy;
import org.jingan.progress.monitor.web.DepartmentNames;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells leadership of every escalated supervision case (逾期未反馈): a CRITICAL notice POSTed to the leadership
 * webhooks, a route apart from the operators' alert webhooks. Reads the supervision-cases topic in its own consumer
 * group and commits after the notices of a batch went out, so each escalation is notified once, also across
 * restarts (a crash between delivery and commit repeats the notice with the same {@code Idempotency-Key}).
 */
public final class EscalationNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EscalationNotifier.class);

    private final KafkaConsumer<String, SupervisionCaseEvent> consumer;
    private final String topic;
    private final List<URI> webhooks;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final ObjectMapper json;
    private final DepartmentNames departments;
    private final LiveTargets catalog;
    private final HttpClient http;
    private final Thread thread;
    private volatile boolean closing;

    public EscalationNotifier(String topic, String groupId, Map<String, ?> clientConfig, Map<String, ?> registryConfig,
                              List<URI> webhooks, RetryPolicy retry, Duration timeout, ObjectMapper json,
                              DepartmentNames departments, LiveTargets catalog) {
        this.topic = topic;
        this.webhooks = List.copyOf(webhooks);
        this.retry = retry;
        this.timeout = timeout;
        this.json = json;
        this.departments = departments;
        this.catalog = catalog;
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-escalations");
        SpecificAvroDeserializer<SupervisionCaseEvent> values = new SpecificAvroDeserializer<>(SupervisionCaseEvent.class);
        values.configure(registryConfig, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.thread = new Thread(this::run, "monitor-escalations");
        this.thread.setDaemon(true);
    }

    public EscalationNotifier start() {
        if (webhooks.isEmpty()) {
            log.warn("No leadership webhook (--leadership-webhook): escalated supervision cases show in the console only");
        }
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!closing) {
                boolean any = false;
                for (ConsumerRecord<String, SupervisionCaseEvent> r : consumer.poll(Duration.ofMillis(500))) {
                    any = true;
                    if (r.value() != null && r.value().getType() == CaseEventType.ESCALATED) {
                        notifyAll(r.value());
                    }
                }
                if (any) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The escalation notifier on '{}' stopped: escalations are not sent to leadership", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void notifyAll(SupervisionCaseEvent e) throws InterruptedException {
        byte[] body;
        try {
            body = json.writeValueAsBytes(notice(e));
        } catch (IOException ex) {
            throw new IllegalStateException("a notice always serialises", ex);
        }
        for (URI webhook : webhooks) {
            deliver(webhook, e, body);
        }
        if (webhooks.isEmpty()) {
            log.info("Supervision case {} escalated; no leadership webhook to tell (--leadership-webhook)", e.getCaseId());
        }
    }

    private void deliver(URI webhook, SupervisionCaseEvent e, byte[] body) throws InterruptedException {
        String problem = null;
        for (int attempt = 1; attempt <= retry.maxAttempts() && !closing; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(webhook).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", e.getEventId())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    log.info("Escalation of supervision case {} sent to leadership at {} (attempt {})",
                            e.getCaseId(), webhook, attempt);
                    return;
                }
                problem = "HTTP " + answer.statusCode();
                if (!RetryPolicy.isRetryableStatus(answer.statusCode())) {
                    break;
                }
            } catch (IOException ex) {
                problem = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            }
            Thread.sleep(retry.backoffAfter(attempt, retryAfter).toMillis());
        }
        log.error("Gave up sending the escalation of supervision case {} to {}: {}. It stays in the console.",
                e.getCaseId(), webhook, problem);
    }

    private Map<String, Object> notice(SupervisionCaseEvent e) {
        Optional<Target> target = catalog == null ? Optional.empty() : catalog.find(e.getTargetId());
        String nameZh = target.map(Target::getNameZh).orElse(e.getTargetId());
        String nameEn = target.map(Target::getNameEn).orElse(e.getTargetId());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.getEventId());
        m.put("kind", "SUPERVISION_ESCALATED");
        m.put("severity", "CRITICAL");
        m.put("caseId", e.getCaseId());
        m.put("targetId", e.getTargetId());
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        m.put("departmentId", e.getDepartmentId());
        m.put("departmentZh", departments.zh(e.getDepartmentId()));
        m.put("departmentEn", departments.en(e.getDepartmentId()));
        m.put("escalatedAt", e.getClockTime().toString());
        m.put("sentAt", e.getWallTime().toString());
        m.put("messageZh", "督办逾期：" + departments.zh(e.getDepartmentId()) + "未在期限内反馈「" + nameZh
                + "」的督办单 " + e.getCaseId() + "，提请领导督办。");
        m.put("messageEn", "Supervision case " + e.getCaseId() + " on '" + nameEn + "': "
                + departments.en(e.getDepartmentId()) + " did not answer by the deadline; escalated to leadership.");
        m.put("text", e.getText());
        return m;
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
