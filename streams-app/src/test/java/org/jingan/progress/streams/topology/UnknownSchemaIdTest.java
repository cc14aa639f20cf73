package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.target;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.registry.InMemorySchemaRegistryClient;
import org.jingan.progress.registry.SpecificAvroSerde;
import org.jingan.progress.registry.UnknownSchemaIdException;
import org.jingan.progress.streams.rules.RejectionReason;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A report whose schema id the app's registry does not know (the subject was deleted, or the intake wrote with
 * another registry) is the registry's fault, not the report's: it is never dead-lettered or skipped; the stream
 * thread fails (and is replaced, reading it again) until the schema is back, then the report counts once. Bytes that
 * are not a decodable record stay UNDECODABLE dead letters.
 */
class UnknownSchemaIdTest {
    private static final int WRITER_ID = 4242;

    private ProgressDriver driver;
    private String writerScope;

    @BeforeEach
    void setUp() {
        driver = new ProgressDriver();
        driver.target(target("t").build()).report(increment("t", "ok1", 1, "2020-02-01"));
        writerScope = "writer-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        driver.close();
        InMemorySchemaRegistryClient.dropScope(writerScope);
    }

    @Test
    void shouldRetryAReportWithAnUnknownSchemaIdAndCountItOnceTheSchemaIsBack() {
        ProgressEvent report = increment("t", "late1", 2, "2020-02-02");
        byte[] written = writtenWithAnotherRegistry(report);
        Instant at = report.getReportedAt();
        driver.clock(at);

        for (int attempt = 1; attempt <= 3; attempt++) { // each attempt: the thread a replaced one, reading it again
            assertThatThrownBy(() -> driver.rawEvent("t", written, at))
                    .isInstanceOf(StreamsException.class)
                    .hasRootCauseInstanceOf(UnknownSchemaIdException.class)
                    .rootCause().hasMessageContaining("Schema id " + WRITER_ID);
            assertThat(driver.deadLetters()).as("never dead-lettered").isEmpty();
            assertThat(driver.counters().rejectedCount(RejectionReason.UNDECODABLE)).isZero();
            assertThat(driver.counters().registryFaultCount()).isEqualTo(attempt);
            assertThat(driver.standing("t").getActual()).as("not counted, not skipped: waiting").isEqualTo(1);
        }
        assertThat(driver.counters().registryFaultWithin(Duration.ofSeconds(30), System.currentTimeMillis()))
                .as("the instance says it is not ready").hasValueSatisfying(m -> assertThat(m).contains("" + WRITER_ID));

        // the schema is back under its id (a registry restored from a backup, or the writer's registry)
        driver.registry().restore("progress-events-value", WRITER_ID, ProgressEvent.getClassSchema());
        driver.rawEvent("t", written, at);
        driver.rawEvent("t", written, at); // read once more after a crash before the commit: counted once all the same

        assertThat(driver.standing("t").getActual()).isEqualTo(3);
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.counters().duplicateCount()).isEqualTo(1);
    }

    @Test
    void shouldStillDeadLetterAvroThatDoesNotDecodeWithItsKnownSchema() {
        byte[] whole = driver.serdes().events().serializer().serialize("progress-events", increment("t", "x", 2, "2020-02-02"));
        byte[] truncated = Arrays.copyOf(whole, 12);

        driver.rawEvent("t", truncated, Instant.parse("2020-02-02T00:00:00Z"))
                .report(increment("t", "ok2", 2, "2020-02-03"));

        var dead = driver.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(truncated);
        assertThat(header(dead.get(0), "progress.rejection.reason")).isEqualTo("UNDECODABLE");
        assertThat(header(dead.get(0), "__streams.errors.message")).contains("could not be decoded");
        assertThat(driver.counters().rejectedCount(RejectionReason.UNDECODABLE)).isEqualTo(1);
        assertThat(driver.counters().registryFaultCount()).isZero();
        assertThat(driver.standing("t").getActual()).isEqualTo(3);
    }

    @Test
    void shouldStillDeadLetterABadMagicByte() {
        byte[] whole = driver.serdes().events().serializer().serialize("progress-events", increment("t", "x", 2, "2020-02-02"));
        whole[0] = 1;

        driver.rawEvent("t", whole, Instant.parse("2020-02-02T00:00:00Z"));

        assertThat(driver.counters().rejectedCount(RejectionReason.UNDECODABLE)).isEqualTo(1);
        assertThat(driver.counters().registryFaultCount()).isZero();
    }

    private byte[] writtenWithAnotherRegistry(ProgressEvent event) {
        InMemorySchemaRegistryClient.forScope(writerScope)
                .restore("progress-events-value", WRITER_ID, ProgressEvent.getClassSchema());
        SpecificAvroSerde<ProgressEvent> writer = new SpecificAvroSerde<>(ProgressEvent.class);
        writer.configure(Map.of("schema.registry.url", "mem://" + writerScope), false);
        byte[] bytes = writer.serializer().serialize("progress-events", event);
        assertThat(bytes[4]).isEqualTo((byte) (WRITER_ID & 0xff));
        return bytes;
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
