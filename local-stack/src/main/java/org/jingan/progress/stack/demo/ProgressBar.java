package org.jingan.progress.stack.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The replay's progress on the terminal: one line redrawn in place on a terminal, or a line every tenth of the year
 * when the output is a file or a pipe. The date is the district clock's once the replay moves it (it goes on through
 * the days without reports), else the last report's.
 */
public final class ProgressBar implements ReplayListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private long lastDraw;
    private int lastTenth = -1;
    private Instant clock;
    private int position;
    private int total = -1;
    private Instant eventTime;
    private int rejected;

    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A bar on standard output, redrawn in place when it is a terminal. */
    public static ProgressBar onConsole() {
        return new ProgressBar(System.out, System.console() != null);
    }

    @Override
    public synchronized void progress(int position, int total, Instant eventTime, int rejected) {
        this.position = position;
        this.total = total;
        this.eventTime = eventTime;
        this.rejected = rejected;
        if (interactive) {
            redraw(position == total);
        } else {
            int tenth = total == 0 ? 10 : position * 10 / total;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println(line(position, total, clock != null ? clock : eventTime, rejected));
            }
        }
    }

    @Override
    public synchronized void clockMoved(Instant now) {
        clock = now;
        if (interactive && total >= 0) {
            redraw(false);
        }
    }

    private void redraw(boolean always) {
        long now = System.nanoTime();
        if (always || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + line(position, total, clock != null ? clock : eventTime, rejected));
            out.flush();
        }
    }

    @Override
    public synchronized void finished(int total, int rejected) {
        if (interactive) {
            out.println();
        }
        out.println("demo year replayed: " + total + " steps" + (rejected > 0 ? ", " + rejected + " refused (see log)" : "")
                + ". Everything keeps running; Ctrl-C stops it.");
    }

    @Override
    public synchronized void failed(String reason) {
        if (interactive) {
            out.println();
        }
        out.println("demo replay stopped: " + reason);
    }

    static String line(int position, int total, Instant asOf, int rejected) {
        int filled = total == 0 ? WIDTH : (int) ((long) position * WIDTH / total);
        String day = asOf == null ? "          " : LocalDate.ofInstant(asOf, DemoGenerator.ZONE).toString();
        return String.format("demo %s [%s%s] %3d%% %d/%d%s", day, "#".repeat(filled), ".".repeat(WIDTH - filled),
                total == 0 ? 100 : position * 100 / total, position, total,
                rejected > 0 ? "  refused " + rejected : "");
    }
}
