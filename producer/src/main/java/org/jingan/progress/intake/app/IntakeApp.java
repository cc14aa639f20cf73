package org.jingan.progress.intake.app;

import org.jingan.progress.intake.cli.IntakeCommand;

/**
 * Entry point: {@code intake serve|report|import|targets|hash-key}. The local stack starts the server in-process
 * with {@link #start(IntakeConfig)} instead.
 */
public final class IntakeApp {
    private IntakeApp() {
    }

    /** Starts the intake in this JVM; close the returned server to stop it. */
    public static IntakeServer start(IntakeConfig config) {
        return IntakeServer.start(config);
    }

    public static void main(String[] args) {
        System.exit(IntakeCommand.commandLine().execute(args));
    }
}
