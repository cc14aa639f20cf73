package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo year's alerts, as the topology raises them with the default rules: counted per month, kind and department
 * (written to {@code target/demo-year-alerts.md} and {@code .csv}, the figures of the alert-rules note). Two runs:
 * the replay from 1 January, and a stack started with its clock on 1 April (the reports of the first quarter then
 * arrive at once, after the day close that judged every target without them).
 */
class DemoYearAlertsTest {
    private static final List<Target> CATALOG = Catalog.loadDefault().targets();
    private static final DemoScript SCRIPT = DemoGenerator.generate(CATALOG, DemoGenerator.DEFAULT_SEED);
    private static final Instant APRIL_FIRST = LocalDate.of(2020, 4, 1).atStartOfDay(DemoGenerator.ZONE).toInstant();

    private static List<Alert> year;
    private static int deadLetters;
    /** Raised by the jump to 1 April, before any report. */
    private static List<Alert> atTheJump;
    private static List<Alert> afterTheJump;

    @BeforeAll
    static void replayTheYear() {
        try (DemoYearReplay replay = new DemoYearReplay().publish(CATALOG).replay(SCRIPT)) {
            year = replay.alerts();
            deadLetters = replay.deadLetters();
        }
        try (DemoYearReplay replay = new DemoYearReplay().publish(CATALOG).jumpClockTo(APRIL_FIRST)) {
            atTheJump = replay.alerts();
            afterTheJump = replay.replay(SCRIPT).alerts();
        }
        AlertTally tally = AlertTally.of(year);
        String note = "# Demo year (seed " + SCRIPT.seed() + "): alerts per month\n\n"
                + "Replayed from 1 January:\n\n" + tally.monthTable()
                + "\nClock moved to 1 April before the first report: " + AlertTally.of(atTheJump).firing()
                + " alerts fired at the jump (" + AlertTally.of(atTheJump).kinds() + "), then:\n\n"
                + AlertTally.of(afterTheJump).monthTable();
        write("demo-year-alerts.md", note);
        write("demo-year-alerts.csv", tally.departmentCsv());
        System.out.println(note);
    }

    @Test
    void shouldCountEveryDemoReport() {
        assertThat(deadLetters).isZero();
        assertThat(year).isNotEmpty();
    }

    private static void write(String name, String text) {
        try {
            Path dir = Path.of("target");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
