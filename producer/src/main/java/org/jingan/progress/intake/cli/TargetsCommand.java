package org.jingan.progress.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** intake targets: what the department reports on. */
@Command(name = "targets", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List your department's targets with their kind and unit (--all: the whole public catalog).")
final class TargetsCommand extends ClientCommand {
    @Option(names = "--all", description = "The whole public catalog, every department.")
    boolean all;

    @Override
    protected int run(IntakeClient client, PrintWriter out, PrintWriter err) throws Exception {
        ClientAnswer answer = client.targets(all);
        if (json || ExitCodes.forStatus(answer.status()) != ExitCodes.OK) {
            return AnswerPrinter.print(answer, json, out, err);
        }
        out.printf("%-44s %-10s %-8s %12s  %-9s %s%n", "ID", "KIND", "UNIT", "TARGET", "BY", "NAME");
        for (JsonNode t : answer.body()) {
            out.printf("%-44s %-10s %-8s %12s  %-9s %s%s%n", t.path("id").asText(), t.path("kind").asText(),
                    t.path("unit").asText(), t.hasNonNull("targetValue") ? t.get("targetValue").asText() : "pending",
                    t.path("comparator").asText(), t.path("nameZh").asText(),
                    all ? "  (" + t.path("departmentId").asText() + ")" : "");
        }
        out.printf("%d targets%n", answer.body().size());
        return ExitCodes.OK;
    }
}
