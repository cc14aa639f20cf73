package org.jingan.progress.intake.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What report, import and targets share: the connection options and the mapping of failures to exit codes. */
abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print the intake's answer as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Runs with an open client. */
    protected abstract int run(IntakeClient client, PrintWriter out, PrintWriter err) throws Exception;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (IntakeClient client = connection.open()) {
            return run(client, out, err);
        } catch (ConnectionOptions.UsageException e) {
            err.println("usage error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ConnectionOptions.AuthException e) {
            err.println("not authenticated: " + e.getMessage());
            return ExitCodes.AUTH;
        } catch (UnreachableException e) {
            err.println("unreachable: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (NoSuchFileException e) {
            err.println("usage error: no such file " + e.getFile());
            return ExitCodes.USAGE;
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("unreachable: Kafka: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (Exception e) {
            err.println("failed: " + e);
            return ExitCodes.UNREACHABLE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
