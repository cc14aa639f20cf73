package org.jingan.progress.intake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import me.tongfei.progressbar.ProgressBar;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.intake.app.CatalogTargets;
import org.jingan.progress.intake.app.IntakeCatalog;
import org.jingan.progress.intake.app.IntakeClock;
import org.jingan.progress.intake.app.IntakeMemory;
import org.jingan.progress.intake.delivery.Delivery;
import org.jingan.progress.intake.delivery.EventPublisher;
import org.jingan.progress.intake.delivery.KafkaEventPublisher;
import org.jingan.progress.intake.http.Answer;
import org.jingan.progress.intake.http.Problems;
import org.jingan.progress.intake.http.TargetViews;
import org.jingan.progress.intake.service.IntakeMetrics;
import org.jingan.progress.intake.service.DedupHorizon;
import org.jingan.progress.intake.service.IntakeResult;
import org.jingan.progress.intake.service.ReportIntake;
import org.jingan.progress.intake.service.Submission;
import org.jingan.progress.intake.validation.ReportRequest;
import org.jingan.progress.intake.validation.ReportRow;
import org.jingan.progress.intake.validation.ReportValidator;
import org.jingan.progress.intake.validation.ReportValidator.DuplicateRule;
import org.jingan.progress.intake.validation.SpreadsheetReader;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.jingan.progress.intake.validation.UnreadableInputException;

/**
 * The command line writing straight to Kafka, with the same validation, ids and answers as the HTTP intake, on the
 * same district clock ({@code --clock wall|simulated}) and the same catalog: the targets topic, read to its end before
 * the first check ({@code --catalog-file} for an offline check against a file). There is no API key here: the Kafka cluster's own
 * authentication and ACLs decide who may write; {@code --department} says on whose behalf, and only that
 * department's targets are accepted.
 */
final class KafkaIntakeClient implements IntakeClient {
    private static final int MAX_ROWS = 100_000;
    private static final int MAX_KNOWN_EVENTS = 500_000;

    private final String department;
    private final IntakeCatalog catalog;
    private final TargetDirectory targets;
    private final CountingPublisher publisher;
    private final IntakeClock clock;
    private final IntakeMemory memory;
    private final ReportIntake intake;
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The district clock the checks run on, and the bounds on a report's eventTime. */
    record ClockOptions(ClockMode mode, Instant start, String topic, ReportValidator.Bounds bounds) {
    }

    /**
     * The catalog the checks use: the targets topic (the truth, revisions included), or a fixed file when given.
     */
    record CatalogSource(String topic, Path file) {
        IntakeCatalog open(Map<String, Object> client, Map<String, Object> registry) {
            if (file != null) {
                return IntakeCatalog.fixed(CatalogTargets.load(file), "file " + file);
            }
            IntakeCatalog catalog = IntakeCatalog.follow(topic, client, registry);
            try {
                catalog.awaitFirstRead(CATALOG_READ_WAIT);
                if (catalog.directory().size() == 0) {
                    throw new IllegalArgumentException(("the catalog topic '%s' holds no target: is it the right topic"
                            + " (--targets-topic), and was the catalog published (bin/catalog publish)?").formatted(topic));
                }
                return catalog;
            } catch (RuntimeException e) {
                catalog.close();
                throw e;
            }
        }
    }

    /** How long a command waits to read the catalog topic to its end; an operator's tool fails fast, naming it. */
    static final Duration CATALOG_READ_WAIT = Duration.ofSeconds(30);

    /** {@code kafka}: bootstrap.servers and the client settings; {@code registry}: the serdes' settings. */
    KafkaIntakeClient(Map<String, Object> kafka, Map<String, Object> registry, String topic, String department,
                      CatalogSource catalogSource, Duration deliveryTimeout, ClockOptions clockOptions) {
        this.department = department;
        Map<String, Object> client = new java.util.HashMap<>(kafka);
        this.catalog = catalogSource.open(client, registry);
        this.targets = catalog.directory();
        if (!targets.departments().contains(department)) {
            catalog.close();
            throw new IllegalArgumentException("department '%s' owns no target in the %s; departments are %s"
                    .formatted(department, catalog, targets.departments()));
        }
        try {
            this.clock = IntakeClock.open(clockOptions.mode(), java.time.Clock.systemUTC(), clockOptions.topic(),
                    clockOptions.start(), client, registry);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        try {
            this.publisher = new CountingPublisher(new KafkaEventPublisher(topic, client, registry, deliveryTimeout));
        } catch (RuntimeException e) {
            clock.close();
            catalog.close();
            throw e;
        }
        try {
            // the same memory of stored events as the server's: a reused id or a correction of an unknown event is
            // refused here too (a rebuild that takes longer answers "unreachable, retry")
            this.memory = IntakeMemory.open(topic, targets, clock.clock(), DedupHorizon.DEFAULT_AFTER_YEAR,
                    MAX_KNOWN_EVENTS, client, registry);
            memory.awaitRebuilt(IntakeMemory.REBUILD_WAIT);
        } catch (RuntimeException e) {
            publisher.close();
            clock.close();
            catalog.close();
            throw e;
        }
        var validator = new ReportValidator(targets, clock.clock(), ZoneId.of("Asia/Shanghai"), clockOptions.bounds(),
                clock::catchUp);
        var events = (KafkaEventPublisher) publisher.delegate;
        this.intake = new ReportIntake(validator, publisher, clock.clock(), memory.known(), events.answerBound(),
                Duration.ofSeconds(5), new IntakeMetrics(new SimpleMeterRegistry()));
    }

    @Override
    public ClientAnswer report(ReportRequest report, String idempotencyKey) {
        IntakeResult result = intake.submit(new Submission(department, "CLI", List.of(new ReportRow(0, 1, report)),
                DuplicateRule.SAME_CONTENT, true, idempotencyKey, "cli"));
        return toClient(Answer.of(result, 1, true, null, "kafka"));
    }

    @Override
    public ClientAnswer importSpreadsheet(Path csv, ProgressBarFactory progress) throws Exception {
        SpreadsheetReader.Sheet sheet;
        try {
            sheet = new SpreadsheetReader(MAX_ROWS).read(Files.readAllBytes(csv));
        } catch (UnreadableInputException e) {
            return toClient(Answer.of(Problems.unreadable(e), csv.toString()));
        }
        ProgressBar bar = progress.create("storing " + csv.getFileName(), "rows", sheet.rows().size());
        publisher.progress = bar;
        try {
            IntakeResult result = intake.submit(new Submission(department, "SPREADSHEET", sheet.rows(),
                    DuplicateRule.ONE_ROW_PER_TARGET_AND_DATE, false, null, "cli"));
            return toClient(Answer.of(result, sheet.rows().size(), false, sheet.ignoredColumns(), csv.toString()));
        } finally {
            publisher.progress = null;
            bar.close();
        }
    }

    @Override
    public ClientAnswer targets(boolean all) {
        Object list = all
                ? targets.all().stream().map(TargetViews.PublicTarget::of).toList()
                : targets.ofDepartment(department).stream().map(TargetViews.OwnTarget::of).toList();
        return new ClientAnswer(200, mapper.valueToTree(list));
    }

    private ClientAnswer toClient(Answer answer) {
        return new ClientAnswer(answer.status(), mapper.valueToTree(answer.body()));
    }

    @Override
    public void close() {
        memory.close();
        publisher.close();
        clock.close();
        catalog.close();
    }

    /**
     * Steps the progress bar as the broker acknowledges. The intake is handed futures that complete only after the
     * bar has stepped, so the bar shows every stored row by the time the import's answer is printed.
     */
    private static final class CountingPublisher implements EventPublisher {
        private final EventPublisher delegate;
        private volatile ProgressBar progress;

        CountingPublisher(EventPublisher delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<CompletableFuture<Delivery>> publish(List<ProgressEvent> events) {
            List<CompletableFuture<Delivery>> futures = delegate.publish(events);
            ProgressBar bar = progress;
            return bar == null ? futures : futures.stream().map(f -> counted(f, bar)).toList();
        }

        /** Completes as {@code delivery} does (same value or same exception), once the bar has stepped. */
        private static CompletableFuture<Delivery> counted(CompletableFuture<Delivery> delivery, ProgressBar bar) {
            CompletableFuture<Delivery> counted = new CompletableFuture<>();
            delivery.whenComplete((stored, error) -> {
                if (error == null) {
                    bar.step();
                    counted.complete(stored);
                } else {
                    counted.completeExceptionally(error);
                }
            });
            return counted;
        }

        @Override
        public boolean brokerReachable() {
            return delegate.brokerReachable();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
