package org.jingan.progress.intake.cli;

import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import org.jingan.progress.intake.validation.ReportRequest;

/** The operations of the command line, over the HTTP API or straight to Kafka. */
interface IntakeClient extends AutoCloseable {

    ClientAnswer report(ReportRequest report, String idempotencyKey) throws Exception;

    ClientAnswer importSpreadsheet(Path csv, ProgressBarFactory progress) throws Exception;

    /** Own targets, or the whole public catalog when {@code all}. */
    ClientAnswer targets(boolean all) throws Exception;

    /** The department's open supervision cases (督办单); over the HTTP API only. */
    default ClientAnswer cases() throws Exception {
        throw new UnsupportedOperationException("supervision cases are answered over the intake's HTTP API: pass --url");
    }

    /** The department's answer to the target's open case (JSON body as the API takes it); over the HTTP API only. */
    default ClientAnswer answer(String targetId, String body) throws Exception {
        throw new UnsupportedOperationException("supervision cases are answered over the intake's HTTP API: pass --url");
    }

    /**
     * Files the department's plan for {@code targetId} from a plan spreadsheet (or, with {@code csv} null, fetches the
     * spreadsheet to fill in). Through the intake's HTTP API only: plans are not written to Kafka by the CLI.
     */
    default ClientAnswer plan(String targetId, Path csv, String note) throws Exception {
        throw new UnsupportedOperationException("plans go through the intake's HTTP API (--url), not straight to Kafka");
    }

    @Override
    void close();

    /** Makes the progress bar once the total (bytes or rows) is known; see {@link ProgressBars}. */
    interface ProgressBarFactory {
        /** A started bar; the client steps it and closes it when done. */
        ProgressBar create(String task, String unit, long total);
    }
}
