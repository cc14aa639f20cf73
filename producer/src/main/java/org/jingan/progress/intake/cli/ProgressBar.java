package org.jingan.progress.intake.cli;

import java.io.PrintWriter;

/** A one-line text progress bar on stderr, redrawn in place; silent when disabled (not a terminal, --no-progress). */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final String label;
    private final String unit;
    private final long total;
    private final PrintWriter out;
    private final boolean enabled;
    private long done;
    private int lastPermille = -1;

    ProgressBar(String label, String unit, long total, PrintWriter out, boolean enabled) {
        this.label = label;
        this.unit = unit;
        this.total = Math.max(1, total);
        this.out = out;
        this.enabled = enabled;
    }

    synchronized void advance(long amount) {
        stepTo(done + amount);
    }

    synchronized void stepTo(long value) {
        done = Math.min(total, value);
        int permille = (int) (done * 1000 / total);
        if (!enabled || permille == lastPermille) {
            return;
        }
        lastPermille = permille;
        int filled = (int) (done * WIDTH / total);
        out.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", permille / 10) + " " + done + "/" + total + " " + unit);
        out.flush();
    }

    synchronized void finish() {
        if (enabled && lastPermille >= 0) {
            out.println();
        }
    }
}
