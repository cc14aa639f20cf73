package org.jingan.progress.stack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.jingan.progress.console.ProgressDisplay;

/**
 * The replay's progress for a person, drawn by {@code me.tongfei:progressbar} ({@link ProgressDisplay}): on a
 * terminal one line redrawn in place five times a second, so its date follows the district clock between reports; on
 * a file or a pipe a plain line about every tenth of the replay's planned time while it moves, and one at the end.
 * The date is the district clock's once the replay moves it (it goes on through the days without reports), else the
 * last report's.
 */
public final class ReplayProgressBar implements ReplayListener {
    static final Duration REDRAW = Duration.ofMillis(200);
    static final Duration MIN_LOG_INTERVAL = Duration.ofSeconds(10);
    static final Duration MAX_LOG_INTERVAL = Duration.ofMinutes(10);

    private final PrintStream out;
    private final ProgressDisplay display;
    private ProgressBar bar;
    private Instant clock;
    private Instant eventTime;
    private int rejected;

    ReplayProgressBar(PrintStream out, ProgressDisplay display) {
        this.out = out;
        this.display = display;
    }

    /**
     * On {@code out}: redrawn in place when the program runs on a terminal, else a line about every tenth of the
     * time a year takes at {@code speed} (between {@link #MIN_LOG_INTERVAL} and {@link #MAX_LOG_INTERVAL}).
     */
    public static ReplayProgressBar on(PrintStream out, ReplaySpeed speed) {
        return new ReplayProgressBar(out, System.console() != null
                ? ProgressDisplay.onTerminal(out, REDRAW)
                : ProgressDisplay.asLogLines(out::println, logInterval(speed)));
    }

    static Duration logInterval(ReplaySpeed speed) {
        Duration tenth = speed.wallTimeFor(Duration.ofDays(365)).dividedBy(10);
        return tenth.compareTo(MIN_LOG_INTERVAL) < 0 ? MIN_LOG_INTERVAL
                : tenth.compareTo(MAX_LOG_INTERVAL) > 0 ? MAX_LOG_INTERVAL : tenth;
    }

    @Override
    public synchronized void started(int position, int total) {
        if (bar == null) {
            ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("demo").setInitialMax(total)
                    .setUnit(" steps", 1).startsFrom(position, Duration.ZERO); // the ETA counts this run's pace only
            if (display.inPlace()) {
                builder.continuousUpdate(); // the date and the time run on between reports
            }
            bar = display.start(builder);
        }
    }

    @Override
    public synchronized void progress(int position, int total, Instant eventTime, int rejected) {
        started(0, total);
        this.eventTime = eventTime;
        this.rejected = rejected;
        bar.stepTo(position);
        bar.setExtraMessage(message());
    }

    @Override
    public synchronized void clockMoved(Instant now) {
        clock = now;
        if (bar != null) {
            bar.setExtraMessage(message());
        }
    }

    @Override
    public synchronized void finished(int total, int rejected) {
        if (bar != null) {
            bar.stepTo(total);
        }
        end();
        out.println("demo year replayed: " + total + " steps" + (rejected > 0 ? ", " + rejected + " refused (see log)" : "")
                + ". Everything keeps running; Ctrl-C stops it.");
    }

    @Override
    public synchronized void failed(String reason) {
        end();
        out.println("demo replay stopped: " + reason);
    }

    /** Draws the last state and ends the bar's line. */
    private void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** After the count: the day the replay stands at, and how many reports the intake refused. */
    private String message() {
        Instant asOf = clock != null ? clock : eventTime;
        return (asOf == null ? "" : LocalDate.ofInstant(asOf, DemoGenerator.ZONE).toString())
                + (rejected > 0 ? "  refused " + rejected : "");
    }
}
