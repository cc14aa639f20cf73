package org.jingan.progress.intake.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Counters and timers of the intake, exposed at /metrics. */
public final class IntakeMetrics {
    private final MeterRegistry registry;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A report's fate: accepted, replayed (a retry of a stored one), refused, unavailable. */
    public void report(String outcome, String channel, String departmentId, int count) {
        Counter.builder("intake.reports").description("Progress reports by outcome")
                .tag("outcome", outcome).tag("channel", channel).tag("department", departmentId)
                .register(registry).increment(count);
    }

    /** A request refused before any report was judged: unauthenticated, unreadable, too large… */
    public void requestRefused(String reason) {
        Counter.builder("intake.requests.refused").description("Requests refused as a whole")
                .tag("reason", reason).register(registry).increment();
    }

    public void violation(String code) {
        Counter.builder("intake.violations").description("Broken validation rules").tag("rule", code)
                .register(registry).increment();
    }

    public void deliveryTime(Duration duration, boolean acknowledged) {
        Timer.builder("intake.delivery").description("From send to the broker's acknowledgement (or giving up)")
                .tag("acknowledged", String.valueOf(acknowledged)).register(registry).record(duration);
    }

    /** The memory of stored event ids: how many it holds, how many it forgot for room, whether it is rebuilt. */
    public void knownEvents(KnownEvents known) {
        Gauge.builder("intake.known.events", known, KnownEvents::size)
                .description("Event ids remembered (within the dedup horizon)").register(registry);
        FunctionCounter.builder("intake.known.events.evicted", known, KnownEvents::evicted)
                .description("Event ids forgotten for room before their horizon (INTAKE_RECENT_EVENTS too small)")
                .register(registry);
        Gauge.builder("intake.known.events.rebuilt", known, k -> k.rebuilt() ? 1 : 0)
                .description("1 once the events stored before the start are read").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
