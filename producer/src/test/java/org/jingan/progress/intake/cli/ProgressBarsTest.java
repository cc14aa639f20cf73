package org.jingan.progress.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import me.tongfei.progressbar.ProgressBar;
import org.jingan.progress.console.ProgressDisplay;
import org.junit.jupiter.api.Test;

/** How the import's progress looks in a log, on a terminal, and with Chinese file names. */
class ProgressBarsTest {

    @Test
    void shouldWriteWholePlainLinesWhenNotOnATerminal() {
        StringWriter log = new StringWriter();

        try (ProgressBar bar = ProgressBars.asLogLines(new PrintWriter(log)).create("storing 湿垃圾月报.csv", "rows", 2)) {
            bar.step();
            bar.step();
        }

        String written = log.toString();
        assertThat(written).doesNotContain("\r").doesNotContain("\u001b").endsWith("\n");
        String[] lines = written.split("\n");
        assertThat(lines).as("a first line when it starts, a last one when it ends; more only every few seconds")
                .hasSizeBetween(1, 2);
        assertThat(lines[lines.length - 1]).startsWith("storing 湿垃圾月报.csv 100% [").contains("] 2/2 rows");
        assertThat(Arrays.stream(lines).mapToInt(ProgressBarsTest::columns).max().orElse(0))
                .isLessThanOrEqualTo(ProgressDisplay.LOG_WIDTH);
    }

    @Test
    void shouldShortenALongChineseFileNameAndKeepTheCountOnTheLine() {
        StringWriter log = new StringWriter();
        String name = "二〇二〇年静安区重点项目与民生实事推进情况月度汇总表第三季度修订版终稿.csv";

        try (ProgressBar bar = ProgressBars.asLogLines(new PrintWriter(log)).create("uploading " + name, "bytes", 20_480)) {
            bar.stepTo(20_480);
        }

        String[] lines = log.toString().split("\n");
        String last = lines[lines.length - 1];
        assertThat(last).startsWith("uploading 二〇二〇年静…").contains("终稿.csv 100% [").contains("] 20/20 KiB");
        assertThat(columns(last)).isLessThanOrEqualTo(ProgressDisplay.LOG_WIDTH);
    }

    @Test
    void shouldRedrawInPlaceOnATerminalAndEndTheLine() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();

        try (ProgressBar bar = ProgressBars.onTerminal(new PrintStream(terminal, true, StandardCharsets.UTF_8))
                .create("uploading 进度.csv", "bytes", 300)) {
            bar.stepBy(300);
        }

        String drawn = terminal.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\r").endsWith("\n").doesNotContain("\n\r");
        String lastFrame = drawn.substring(drawn.lastIndexOf('\r') + 1).strip();
        assertThat(lastFrame).startsWith("uploading 进度.csv 100% |").contains("| 300/300 bytes");
    }

    @Test
    void shouldDrawNothingWhenOff() {
        try (ProgressBar bar = ProgressBars.off().create("storing a.csv", "rows", 3)) {
            bar.stepBy(3);
            assertThat(bar.getCurrent()).isEqualTo(3);
        }
    }

    /** Terminal columns: two for a Chinese character or a full-width form, one for anything else here. */
    private static int columns(String line) {
        return line.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || c == '〇' || (c >= 0xFF00 && c <= 0xFF60) ? 2 : 1).sum();
    }
}
