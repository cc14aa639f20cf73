package org.jingan.progress.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Where and how a program's progress bars ({@code me.tongfei:progressbar}) are drawn, in one of three ways:
 * <ul>
 *   <li>{@link #onTerminal}: one line redrawn in place, as wide as the terminal (the library asks the terminal, and
 *       counts a Chinese character as two columns);</li>
 *   <li>{@link #asLogLines}: for output that is not a terminal (a CI log, a file, a pipe): a plain ASCII line now and
 *       then while the count moves, and one at the end; no carriage returns, no escape sequences, at most
 *       {@link #LOG_WIDTH} columns;</li>
 *   <li>{@link #off}: nothing.</li>
 * </ul>
 * Used by the intake's command line ({@code intake import}) and the local stack's demo replay.
 */
public final class ProgressDisplay {
    /** Width of a log line: the library trims a longer one, by display width, to this. */
    public static final int LOG_WIDTH = 100;

    private final Supplier<ProgressBarConsumer> consumer;
    private final ProgressBarStyle style;
    private final long intervalMillis;
    private final boolean inPlace;

    private ProgressDisplay(Supplier<ProgressBarConsumer> consumer, ProgressBarStyle style, Duration interval,
                            boolean inPlace) {
        this.consumer = consumer;
        this.style = style;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.inPlace = inPlace;
    }

    /** Redrawn in place on {@code terminal} every {@code redrawEvery} (when the count moved). */
    public static ProgressDisplay onTerminal(PrintStream terminal, Duration redrawEvery) {
        return new ProgressDisplay(() -> new ConsoleProgressBarConsumer(terminal), ProgressBarStyle.UNICODE_BLOCK,
                redrawEvery, true);
    }

    /** A line to {@code writeLine} every {@code every} while the count moves, and one at the end. */
    public static ProgressDisplay asLogLines(Consumer<String> writeLine, Duration every) {
        return new ProgressDisplay(() -> new DelegatingProgressBarConsumer(new Lines(writeLine), LOG_WIDTH),
                ProgressBarStyle.ASCII, every, false);
    }

    /** Draws nothing. */
    public static ProgressDisplay off() {
        return new ProgressDisplay(() -> new DelegatingProgressBarConsumer(line -> { }, LOG_WIDTH),
                ProgressBarStyle.ASCII, Duration.ofMillis(Integer.MAX_VALUE), false);
    }

    /** True on a terminal, where the bar is redrawn in place. */
    public boolean inPlace() {
        return inPlace;
    }

    /**
     * Starts the bar {@code builder} describes (task, total, unit...), drawn here: this sets its consumer, style and
     * update interval. The caller steps it and closes it, which draws its last state and ends its line.
     */
    public ProgressBar start(ProgressBarBuilder builder) {
        FirstFrame first = new FirstFrame(consumer.get());
        ProgressBar bar = builder.setConsumer(first).setStyle(style)
                .setUpdateIntervalMillis((int) Math.min(Integer.MAX_VALUE, intervalMillis)).build();
        first.await();
        return bar;
    }

    /** Writes each frame as a line, but not the same line twice (the library draws the last state twice on close). */
    private static final class Lines implements Consumer<String> {
        private final Consumer<String> writeLine;
        private String last;

        Lines(Consumer<String> writeLine) {
            this.writeLine = writeLine;
        }

        @Override
        public synchronized void accept(String line) {
            if (!line.equals(last)) {
                last = line;
                writeLine.accept(line);
            }
        }
    }

    /**
     * Tells when the library has drawn a bar's first frame. progressbar 0.10.1 draws it on its own thread right after
     * the bar is built; a bar closed before that draws its last frame as if it were the first and never ends its line
     * (what is printed next would land on the bar's line). {@link #start} waits for the first frame: milliseconds.
     */
    private static final class FirstFrame implements ProgressBarConsumer {
        private final ProgressBarConsumer delegate;
        private final CountDownLatch drawn = new CountDownLatch(1);

        FirstFrame(ProgressBarConsumer delegate) {
            this.delegate = delegate;
        }

        void await() {
            try {
                drawn.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public int getMaxRenderedLength() {
            return delegate.getMaxRenderedLength();
        }

        @Override
        public void accept(String rendered) {
            delegate.accept(rendered);
            drawn.countDown();
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
