package org.jingan.progress.intake.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.jingan.progress.console.ProgressDisplay;

/**
 * The bars of {@code intake import} on stderr: redrawn in place on a terminal; with {@code --progress} when stderr
 * is not one, a plain line every {@link #LOG_INTERVAL} and one at the end; else none.
 */
final class ProgressBars implements IntakeClient.ProgressBarFactory {
    static final int LOG_INTERVAL_SECONDS = 5;
    static final Duration LOG_INTERVAL = Duration.ofSeconds(LOG_INTERVAL_SECONDS);
    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(200);
    /** A longer task name (a long file name) is shortened in the middle, so the count keeps its place on the line. */
    static final int MAX_TASK_CHARACTERS = 32;
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private final ProgressDisplay display;

    private ProgressBars(ProgressDisplay display) {
        this.display = display;
    }

    static ProgressBars onTerminal(PrintStream terminal) {
        return new ProgressBars(ProgressDisplay.onTerminal(terminal, TERMINAL_INTERVAL));
    }

    static ProgressBars asLogLines(PrintWriter log) {
        return new ProgressBars(ProgressDisplay.asLogLines(line -> {
            log.println(line);
            log.flush();
        }, LOG_INTERVAL));
    }

    static ProgressBars off() {
        return new ProgressBars(ProgressDisplay.off());
    }

    /** A started bar of {@code total} {@code unit}s; "bytes" are counted in KiB or MiB when there are many. */
    @Override
    public ProgressBar create(String task, String unit, long total) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(shortened(task)).setInitialMax(Math.max(0, total));
        if ("bytes".equals(unit) && total >= 10 * MIB) {
            builder.setUnit(" MiB", MIB);
        } else if ("bytes".equals(unit) && total >= 10 * KIB) {
            builder.setUnit(" KiB", KIB);
        } else {
            builder.setUnit(" " + unit, 1);
        }
        return display.start(builder);
    }

    /** {@code task} cut to {@link #MAX_TASK_CHARACTERS} code points: its start, "…", and its end (the extension). */
    static String shortened(String task) {
        int[] points = task.codePoints().toArray();
        if (points.length <= MAX_TASK_CHARACTERS) {
            return task;
        }
        int tail = (MAX_TASK_CHARACTERS - 1) / 2;
        int head = MAX_TASK_CHARACTERS - 1 - tail;
        return new String(points, 0, head) + "…" + new String(points, points.length - tail, tail);
    }
}
