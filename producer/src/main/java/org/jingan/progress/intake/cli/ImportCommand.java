package org.jingan.progress.intake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** intake import: a whole spreadsheet, all or nothing. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a progress spreadsheet saved as CSV, all or nothing.",
                "The file is UTF-8 (with or without BOM), with Chinese or English headers, one row per target per "
                        + "reporting date. It is checked whole first: if any row is wrong, every wrong row is listed "
                        + "and nothing is written. Importing the same file again (or a grown copy of it) counts each row once.",
                "Columns: 目标编号/targetId, 日期/date, 类型/kind, 数值/value, 单位/unit, 填报人/reporter, 备注/note, 事件编号/eventId."})
final class ImportCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Option(names = "--no-progress", description = "No progress bar (it is only drawn on a terminal anyway).")
    boolean noProgress;

    @Option(names = "--progress", description = "Show progress even when not on a terminal: a plain line every "
            + ProgressBars.LOG_INTERVAL_SECONDS + " s and one at the end, for logs.")
    boolean forceProgress;

    @Override
    protected int run(IntakeClient client, PrintWriter out, PrintWriter err) throws Exception {
        ProgressBars bars = noProgress ? ProgressBars.off()
                : System.console() != null ? ProgressBars.onTerminal(System.err)
                : forceProgress ? ProgressBars.asLogLines(err)
                : ProgressBars.off();
        ClientAnswer answer = client.importSpreadsheet(file, bars);
        return AnswerPrinter.print(answer, json, out, err);
    }
}
