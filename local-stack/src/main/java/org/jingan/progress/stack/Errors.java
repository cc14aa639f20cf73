package org.jingan.progress.stack;

import org.jingan.progress.catalog.CatalogException;
import org.jingan.progress.catalog.PublishException;
import org.jingan.progress.cluster.ApicurioRegistry.RegistryStartException;
import org.jingan.progress.cluster.FreePorts.PortInUseException;
import org.jingan.progress.stack.demo.ReplayPositionStore.ReplayMismatchException;

/** Turns a start-up failure into the one line the person at the terminal reads. */
final class Errors {
    private Errors() {
    }

    static String oneLine(Throwable e) {
        Throwable known = known(e);
        if (known != null) {
            return firstLine(known.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }

    /** The first exception in the cause chain whose message is written for people. */
    private static Throwable known(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StackException || t instanceof PortInUseException || t instanceof RegistryStartException
                    || t instanceof ReplayMismatchException || t instanceof CatalogException
                    || t instanceof PublishException || t instanceof IllegalArgumentException) {
                return t;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip() + " ...";
    }
}
