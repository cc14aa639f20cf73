package org.jingan.progress.stack;

import java.nio.file.Path;

/**
 * Sends the launcher's log to a file in the data directory and keeps the terminal for the banner, the progress bar
 * and warnings. Must run before the first logger is made: logback reads its configuration then.
 */
final class Logging {
    static final String CONFIG_RESOURCE = "local-stack-logback.xml";
    /** A logger that writes to the log file only: stack traces the terminal should not show. */
    static final String DETAILS = "local-stack.details";

    private Logging() {
    }

    static void toFile(Path file) {
        System.setProperty("local.stack.log.file", file.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", CONFIG_RESOURCE);
        }
    }
}
