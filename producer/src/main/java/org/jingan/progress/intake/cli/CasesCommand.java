package org.jingan.progress.intake.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** intake cases: the department's open supervision cases (督办单). */
@Command(name = "cases", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List your department's open supervision cases (督办单): target, stage, answer deadline, overdue.",
                "列出本部门待办的督办单：目标、状态、反馈期限、是否逾期。"})
final class CasesCommand extends ClientCommand {

    @Override
    protected int run(IntakeClient client, PrintWriter out, PrintWriter err) throws Exception {
        ClientAnswer answer = client.cases();
        if (json || ExitCodes.forStatus(answer.status()) != ExitCodes.OK) {
            return AnswerPrinter.print(answer, json, out, err);
        }
        out.printf("%-44s %-10s %-11s %-8s %s%n", "CASE 督办单", "STAGE 状态", "DUE 期限", "", "TARGET 目标");
        for (JsonNode c : answer.body().path("items")) {
            out.printf("%-44s %-10s %-11s %-8s %s%n", c.path("caseId").asText(), c.path("stage").asText(),
                    c.path("answerDueBy").asText(""), c.path("overdue").asBoolean() ? "OVERDUE 逾期" : "",
                    c.path("nameZh").asText(c.path("targetId").asText()));
        }
        out.printf("%d open cases on %s (%d 件待办)%n", answer.body().path("count").asInt(),
                answer.body().path("date").asText(), answer.body().path("count").asInt());
        return ExitCodes.OK;
    }
}
