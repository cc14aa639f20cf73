package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.jingan.progress.console.ProgressDisplay;
import org.junit.jupiter.api.Test;

class ReplayProgressBarTest {
    private static final Instant JUNE = Instant.parse("2020-06-14T02:00:00Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteAFewPlainLinesWhenNotOnATerminal() {
        ReplayProgressBar bar = new ReplayProgressBar(out, ProgressDisplay.asLogLines(out::println, Duration.ofHours(1)));

        bar.started(0, 100);
        for (int i = 1; i <= 100; i++) {
            bar.progress(i, 100, JUNE, i > 50 ? 2 : 0);
        }
        bar.finished(100, 2);

        String written = written();
        assertThat(written).doesNotContain("\r").doesNotContain("\u001b");
        String[] lines = written.split("\n");
        assertThat(lines).as("the first state, the last one, and the summary: no frame per step").hasSize(3);
        assertThat(lines[0]).startsWith("demo   0% [").contains("]   0/100 steps");
        assertThat(lines[1]).startsWith("demo 100% [====").contains("] 100/100 steps").endsWith(" 2020-06-14  refused 2");
        assertThat(lines[2]).startsWith("demo year replayed: 100 steps, 2 refused (see log).");
    }

    @Test
    void shouldShowTheDistrictClocksDateOnceTheReplayMovesIt() {
        ReplayProgressBar bar = new ReplayProgressBar(out, ProgressDisplay.asLogLines(out::println, Duration.ofHours(1)));

        bar.started(40, 100);
        bar.progress(41, 100, JUNE, 0);
        bar.clockMoved(Instant.parse("2020-06-16T16:00:00Z"));
        bar.failed("the intake has not accepted reports for 120.0 s");

        String[] lines = written().split("\n");
        assertThat(lines[lines.length - 2]).contains("]  41/100 steps").endsWith(" 2020-06-17");
        assertThat(lines[lines.length - 1]).isEqualTo("demo replay stopped: the intake has not accepted reports for 120.0 s");
    }

    @Test
    void shouldRedrawInPlaceOnATerminalAndMoveTheDateBetweenReports() {
        ReplayProgressBar bar = new ReplayProgressBar(out, ProgressDisplay.onTerminal(out, Duration.ofMillis(20)));

        bar.started(0, 10);
        bar.progress(1, 10, JUNE, 0);
        bar.clockMoved(Instant.parse("2020-07-01T00:00:00Z"));
        await().atMost(Duration.ofSeconds(5)).until(() -> written().contains("2020-07-01"));
        bar.finished(10, 0);

        String written = written();
        assertThat(written).startsWith("\r").contains("\r").endsWith(
                "\ndemo year replayed: 10 steps. Everything keeps running; Ctrl-C stops it.\n");
        String[] lines = written.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0].substring(lines[0].lastIndexOf('\r') + 1)).startsWith("demo 100% |").contains("| 10/10 steps");
    }

    @Test
    void shouldWriteALogLineAboutEveryTenthOfTheReplay() {
        assertThat(ReplayProgressBar.logInterval(ReplaySpeed.parse("5m"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(ReplayProgressBar.logInterval(ReplaySpeed.MAX)).isEqualTo(ReplayProgressBar.MIN_LOG_INTERVAL);
        assertThat(ReplayProgressBar.logInterval(ReplaySpeed.parse("365d/365d"))).isEqualTo(ReplayProgressBar.MAX_LOG_INTERVAL);
    }
}
