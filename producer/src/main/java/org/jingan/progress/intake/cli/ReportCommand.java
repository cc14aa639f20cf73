package org.jingan.progress.intake.cli;

import java.io.PrintWriter;
import org.jingan.progress.intake.validation.ReportRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** intake report: one progress update. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Report one progress update on one of your department's targets.",
                "Examples:",
                "  intake report -t s0-retail-sales -k CUMULATIVE_TO_DATE -v 512.3 --time 2020-06-30",
                "  intake report -t s2-changping-road-bridge-completion -k MILESTONE_REACHED --time 2020-09-15"})
final class ReportCommand extends ClientCommand {
    @Option(names = {"-t", "--target"}, required = true, description = "Target id (see `intake targets`).")
    String target;

    @Option(names = {"-k", "--kind"}, description = "INCREMENT, CUMULATIVE_TO_DATE, LEVEL, MILESTONE_REACHED or CORRECTION "
            + "(default: CUMULATIVE_TO_DATE for amounts, LEVEL for levels and ceilings, MILESTONE_REACHED for milestones).")
    String kind;

    @Option(names = {"-v", "--value"}, description = "The amount, total or level, in the target's unit.")
    String value;

    @Option(names = {"-u", "--unit"}, description = "Unit (checked against the target's).")
    String unit;

    @Option(names = "--time", description = "When the progress happened: 2020-06-30 or 2020-06-30T17:00:00+08:00 (default: now).")
    String eventTime;

    @Option(names = {"-r", "--reporter"}, defaultValue = "${sys:user.name}", description = "Who reports (default: ${DEFAULT-VALUE}).")
    String reporter;

    @Option(names = {"-n", "--note"}, description = "Free-text remark.")
    String note;

    @Option(names = "--event-id", description = "Your own id for this report; sending it again counts once.")
    String eventId;

    @Option(names = "--corrects", description = "With -k CORRECTION: the eventId of the report to retract.")
    String correctsEventId;

    @Option(names = "--idempotency-key", description = "Sent as Idempotency-Key: a retry with the same key counts once.")
    String idempotencyKey;

    @Override
    protected int run(IntakeClient client, PrintWriter out, PrintWriter err) throws Exception {
        var report = new ReportRequest(eventId, target, kind, value, unit, eventTime, reporter, note, correctsEventId, null);
        return AnswerPrinter.print(client.report(report, idempotencyKey), json, out, err);
    }
}
