package org.jingan.progress.intake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** intake plan: the department's own plan (分解计划) for one of its targets, from a plan spreadsheet. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"File your department's plan for a target: one row per checkpoint (date, cumulative amount or"
                + " share). Without --file: print the spreadsheet to fill in.",
                "An operator approves or returns it; until approved the target is measured by 时序进度 (linear)."})
final class PlanCommand extends ClientCommand {
    @Option(names = "--target", required = true, description = "The target's id (intake targets lists yours).")
    String targetId;

    @Option(names = "--file", description = "The filled plan spreadsheet (CSV, UTF-8).")
    Path file;

    @Option(names = "--note", description = "A note for the operator who decides on it.")
    String note;

    @Override
    protected int run(IntakeClient client, PrintWriter out, PrintWriter err) throws Exception {
        ClientAnswer answer = client.plan(targetId, file, note);
        if (file == null && answer.status() == 200) {
            out.print(answer.body().asText());
            return ExitCodes.OK;
        }
        if (json || ExitCodes.forStatus(answer.status()) != ExitCodes.OK) {
            return AnswerPrinter.print(answer, json, out, err);
        }
        out.printf("submitted %s for %s (%d checkpoints); waiting for an operator's decision%n",
                answer.body().path("submissionId").asText(), targetId, answer.body().path("checkpoints").size());
        return ExitCodes.OK;
    }
}
