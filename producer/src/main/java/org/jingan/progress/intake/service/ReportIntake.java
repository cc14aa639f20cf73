package org.jingan.progress.intake.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.intake.delivery.Delivery;
import org.jingan.progress.intake.delivery.DeliveryException;
import org.jingan.progress.intake.delivery.EventPublisher;
import org.jingan.progress.intake.validation.FieldError;
import org.jingan.progress.intake.validation.ReportValidator;
import org.jingan.progress.intake.validation.ValidReport;

/**
 * The intake's one path for every way in (HTTP, spreadsheet, command line): validate the whole submission, give
 * every report an event id, settle with the memory of stored events ({@link KnownEvents}) what the streams app would
 * refuse (an id reused for another report: 409; a CORRECTION of an event it cannot retract: 422), skip what was
 * already stored, send the rest, and answer only from the broker's acknowledgements. So a 202 means the report is
 * counted once, also after a restart of the intake.
 *
 * <p>Why not one Kafka transaction per batch: a transaction is only atomic for read_committed readers, it
 * serialises every batch through one transactional producer, and a commit that times out when the broker is gone
 * leaves the same "maybe written" state as plain sends. Instead each report carries a stable event id (the
 * sender's, one derived from the Idempotency-Key, or one derived from its content for batches and files), a batch
 * is answered "accepted" only when every report is acknowledged, and a refused batch is sent again as it was: the
 * reports already stored are recognised by id here (and by the streams app's dedup by event id) and count once, so
 * a retried batch ends up written whole, exactly once.
 */
public final class ReportIntake {
    private final ReportValidator validator;
    private final EventPublisher publisher;
    private final KnownEvents known;
    private final DistrictClock clock;
    private final Duration answerBound;
    private final Duration retryAfter;
    private final IntakeMetrics metrics;

    /**
     * @param clock the district clock: a report's reportedAt is its now (simulated in a replay or the demo year)
     * @param known the memory of stored events (rebuilt from the topic), which tells retries, reused ids and
     *              corrections of unknown events apart as the streams app will
     */
    public ReportIntake(ReportValidator validator, EventPublisher publisher, DistrictClock clock, KnownEvents known,
                        Duration answerBound, Duration retryAfter, IntakeMetrics metrics) {
        this.validator = validator;
        this.publisher = publisher;
        this.known = known;
        this.clock = clock;
        this.answerBound = answerBound;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
        metrics.knownEvents(known);
    }

    private record Pending(ValidReport report, ProgressEvent event, KnownEvents.Claim claim) {
        CompletableFuture<AcceptedEvent> promise() {
            if (claim instanceof KnownEvents.Fresh fresh) {
                return fresh.promise();
            }
            if (claim instanceof KnownEvents.Known stored) {
                return stored.promise();
            }
            throw new IllegalStateException("a conflict has no promise");
        }

        boolean fresh() {
            return claim instanceof KnownEvents.Fresh;
        }
    }

    /**
     * The rules alone, nothing stored: what {@link #submit} would refuse for a broken rule (the department page's live
     * check and upload preview; the same messages as the API, since it is the same validator).
     */
    public ReportValidator.BatchCheck check(Submission s) {
        return validator.checkAll(s.rows(), s.departmentId(), s.duplicateRule());
    }

    public IntakeResult submit(Submission s) {
        ReportValidator.BatchCheck check = validator.checkAll(s.rows(), s.departmentId(), s.duplicateRule());
        if (!check.valid()) {
            return refuse(s, check.errors());
        }
        if (!known.rebuilt()) {
            return notReady(s, check.reports());
        }
        Instant reportedAt = clock.now(); // the district's now, so that eventTime <= reportedAt + skew holds downstream
        var pending = new ArrayList<Pending>();
        var errors = new ArrayList<FieldError>();
        for (ValidReport report : check.reports()) {
            String eventId = eventIdFor(s, report);
            ProgressEvent event = report.toEvent(eventId, s.departmentId(), reportedAt, s.channel());
            KnownEvents.Claim claim = known.claim(event);
            if (claim instanceof KnownEvents.Conflict) {
                errors.add(EventIdErrors.conflict(report, eventId));
                continue;
            }
            pending.add(new Pending(report, event, claim));
            if (claim instanceof KnownEvents.Fresh && event.getKind() == UpdateKind.CORRECTION) {
                // a retry of a stored correction is answered as stored; a new one must name an event it can retract
                KnownEvents.CorrectionProblem problem = known.reserveRetraction(event);
                if (problem != null) {
                    errors.add(EventIdErrors.correction(report, problem));
                }
            }
        }
        if (!errors.isEmpty()) {
            pending.stream().filter(Pending::fresh).forEach(p -> {
                known.release(p.event().getEventId(), p.promise());
                p.promise().completeExceptionally(new DeliveryException("released: the request was refused", null));
            });
            return refuse(s, errors);
        }
        send(s, pending);
        return awaitAcknowledgements(s, pending);
    }

    /** Before the memory holds what was stored before the start, a 202 could not be trusted: nothing is stored. */
    private IntakeResult notReady(Submission s, List<ValidReport> reports) {
        String why = "the intake is still reading the reports stored before it started, to tell retries and reused ids apart";
        metrics.report("unavailable", s.channel(), s.departmentId(), reports.size());
        List<String> ids = reports.stream().map(r -> eventIdFor(s, r)).toList();
        return new IntakeResult.Unavailable(why, List.of(), ids, retryAfter);
    }

    private void send(Submission s, List<Pending> pending) {
        List<Pending> fresh = pending.stream().filter(Pending::fresh).toList();
        if (fresh.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<CompletableFuture<Delivery>> deliveries = publisher.publish(fresh.stream().map(Pending::event).toList());
        for (int i = 0; i < fresh.size(); i++) {
            Pending p = fresh.get(i);
            CompletableFuture<AcceptedEvent> promise = p.promise();
            // The ledger follows the broker's answer even after the HTTP answer was given: an event acknowledged
            // late is remembered as stored, so the sender's retry is answered "accepted" and not written twice.
            deliveries.get(i).whenComplete((delivery, error) -> {
                metrics.deliveryTime(Duration.ofNanos(System.nanoTime() - started), error == null);
                if (error != null) {
                    known.release(p.event().getEventId(), promise);
                    promise.completeExceptionally(error);
                } else {
                    promise.complete(new AcceptedEvent(null, null, p.event().getEventId(), p.event().getTargetId(),
                            delivery.partition(), delivery.offset(), delivery.timestamp()));
                }
            });
        }
    }

    private IntakeResult awaitAcknowledgements(Submission s, List<Pending> pending) {
        long deadline = System.nanoTime() + answerBound.toNanos();
        var stored = new ArrayList<AcceptedEvent>();
        var notStored = new ArrayList<String>();
        String reason = null;
        for (Pending p : pending) {
            try {
                long remaining = Math.max(0, deadline - System.nanoTime());
                AcceptedEvent where = p.promise().get(remaining, TimeUnit.NANOSECONDS);
                stored.add(where.at(s.single() ? null : p.report().row().index(), s.single() ? null : p.report().row().line()));
            } catch (ExecutionException e) {
                notStored.add(p.event().getEventId());
                reason = reason != null ? reason : rootMessage(e.getCause());
            } catch (TimeoutException e) {
                notStored.add(p.event().getEventId());
                reason = reason != null ? reason : "no acknowledgement within " + answerBound.toSeconds() + " s";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notStored.add(p.event().getEventId());
                reason = "interrupted while waiting for the broker";
            }
        }
        boolean replayed = pending.stream().noneMatch(Pending::fresh);
        if (notStored.isEmpty()) {
            for (int i = 0; i < pending.size(); i++) {
                // per report: in a batch sent again, the reports stored the first time are the duplicates
                IntakeAudit.accepted(s, pending.get(i).event(), stored.get(i),
                        !pending.get(i).fresh());
            }
            metrics.report(replayed ? "replayed" : "accepted", s.channel(), s.departmentId(), pending.size());
            return new IntakeResult.Accepted(List.copyOf(stored), replayed);
        }
        String why = reason;
        pending.stream().filter(p -> notStored.contains(p.event().getEventId()))
                .forEach(p -> IntakeAudit.unavailable(s, p.event(), why));
        metrics.report("unavailable", s.channel(), s.departmentId(), notStored.size());
        return new IntakeResult.Unavailable(why, List.copyOf(stored), List.copyOf(notStored), retryAfter);
    }

    private IntakeResult refuse(Submission s, List<FieldError> errors) {
        IntakeAudit.refused(s, errors);
        errors.forEach(e -> metrics.violation(e.code().name()));
        long reports = errors.stream().map(e -> e.index() == null ? 0 : e.index()).distinct().count();
        metrics.report("refused", s.channel(), s.departmentId(), (int) reports);
        return new IntakeResult.Rejected(errors);
    }

    /**
     * The sender's id when it gave one. Otherwise one derived from the Idempotency-Key (and the report's position),
     * so a retry gets the same ids; in a batch or file without a key, one derived from the report's content, so
     * sending the same file again (or a grown copy of it) counts each row once. A single report without id or key
     * is new every time.
     */
    static String eventIdFor(Submission s, ValidReport report) {
        if (report.eventId() != null) {
            return report.eventId();
        }
        if (s.idempotencyKey() != null) {
            String name = s.departmentId() + "|key|" + s.idempotencyKey() + (s.single() ? "" : "|" + report.row().index());
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }
        if (!s.single()) {
            String name = s.departmentId() + "|content|" + report.fingerprint();
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }
        return UUID.randomUUID().toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    public Duration answerBound() {
        return answerBound;
    }
}
