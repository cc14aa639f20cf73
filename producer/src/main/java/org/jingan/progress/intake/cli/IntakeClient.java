package org.jingan.progress.intake.cli;

import java.nio.file.Path;
import org.jingan.progress.intake.validation.ReportRequest;

/** The operations of the command line, over the HTTP API or straight to Kafka. */
interface IntakeClient extends AutoCloseable {

    ClientAnswer report(ReportRequest report, String idempotencyKey) throws Exception;

    ClientAnswer importSpreadsheet(Path csv, ProgressBarFactory progress) throws Exception;

    /** Own targets, or the whole public catalog when {@code all}. */
    ClientAnswer targets(boolean all) throws Exception;

    @Override
    void close();

    /** Makes the progress bar once the total (bytes or rows) is known. */
    interface ProgressBarFactory {
        ProgressBar create(String label, String unit, long total);
    }
}
