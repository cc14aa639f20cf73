package org.jingan.progress.monitor.metrics;

import java.net.URI;
import java.util.function.Supplier;

import org.jingan.progress.avro.Alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The monitor's meters, exposed in Prometheus text format at {@code /metrics}. */
public final class MonitorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MonitorMetrics() {
        registry.config().commonTags("app", "progress-monitor");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** A notice read from the alerts topic; {@code replayed} when re-read on start-up to rebuild the board. */
    public void alertReceived(Alert alert, boolean replayed) {
        Counter.builder("monitor.alerts.received").description("Alert notices read from the alerts topic")
                .tags("kind", alert.getKind().name(), "state", alert.getState().name(), "replayed", String.valueOf(replayed))
                .register(registry).increment();
    }

    /** A record on the alerts or acknowledgements topic that could not be read. */
    public void invalidRecord(String topic, String reason) {
        Counter.builder("monitor.records.invalid").description("Records that could not be read and were skipped (logged)")
                .tags("topic", topic, "reason", reason).register(registry).increment();
    }

    /** A grouped notice made (before delivery): how many per-target notices became how many notifications. */
    public void groupNoticeMade(String status) {
        Counter.builder("monitor.notifications.grouped").description("Grouped notices made for the webhooks")
                .tags("state", status).register(registry).increment();
    }

    /** One webhook accepted a notice. */
    public void forwarded(URI webhook, String status) {
        Counter.builder("monitor.webhook.forwarded").description("Grouped notices a webhook accepted (2xx)")
                .tags("webhook", label(webhook), "state", status).register(registry).increment();
    }

    /** One failed attempt that will be retried. */
    public void retry(URI webhook) {
        Counter.builder("monitor.webhook.retries").description("Webhook attempts that failed and were retried")
                .tags("webhook", label(webhook)).register(registry).increment();
    }

    /** A notice a webhook never accepted: attempts exhausted or refused. */
    public void deliveryFailed(URI webhook, String reason) {
        Counter.builder("monitor.webhook.failures").description("Notices given up on after retries (logged)")
                .tags("webhook", label(webhook), "reason", reason).register(registry).increment();
    }

    public void operatorAction(String action) {
        Counter.builder("monitor.operator.actions").description("Acknowledgements and silences recorded")
                .tags("action", action).register(registry).increment();
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }

    /** Host, port and path of a webhook: enough to tell them apart without leaking credentials in a query. */
    static String label(URI webhook) {
        return webhook.getHost() + (webhook.getPort() > 0 ? ":" + webhook.getPort() : "") + webhook.getPath();
    }
}
