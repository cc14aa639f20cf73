package org.jingan.progress.clock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * "Read up to the end as of now" for a follower's own thread: a caller takes a ticket and waits; the reader, seeing a
 * ticket it has not served, reads to the end offsets as of then and serves every ticket taken before it looked.
 */
public final class CatchUpTickets {
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final Object signal = new Object();

    /** A new request; the caller then wakes the reader (its consumer) and {@link #await}s the ticket. */
    public long request() {
        return requested.incrementAndGet();
    }

    /** Whether {@code ticket} was served within {@code timeout}; stops waiting early once {@code given up} says so. */
    public boolean await(long ticket, Duration timeout, BooleanSupplier givenUp) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (served.get() < ticket && !givenUp.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return served.get() >= ticket;
    }

    /** The reader: the newest ticket taken, to be served by reading to the end as of now. */
    public long newest() {
        return requested.get();
    }

    /** The reader: whether {@code ticket} still waits. */
    public boolean pending(long ticket) {
        return served.get() < ticket;
    }

    /** The reader: {@code ticket} and every one before it are served. */
    public void served(long ticket) {
        served.accumulateAndGet(ticket, Math::max);
        wakeAll();
    }

    /** Wakes every waiter to look again (the reader stopped). */
    public void wakeAll() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }
}
