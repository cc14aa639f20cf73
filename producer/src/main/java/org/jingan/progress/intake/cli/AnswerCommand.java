package org.jingan.progress.intake.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** intake answer: the department's written answer to a supervision case (反馈). */
@Command(name = "answer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Answer your department's open supervision case on a target: the reason, the measures and when"
                + " the target will be back on pace, optionally a proposed pace plan.",
                "反馈督办单：原因、整改措施、预计赶上进度日期，可附建议进度计划。"})
final class AnswerCommand extends ClientCommand {
    @Option(names = "--target", required = true, description = "The target id (intake cases lists them). 目标编号")
    String targetId;

    @Option(names = "--reason", required = true, description = "Why the target is behind. 原因")
    String reason;

    @Option(names = "--measures", required = true, description = "What the department will do. 整改措施")
    String measures;

    @Option(names = "--expected-catch-up", required = true, paramLabel = "yyyy-MM-dd",
            description = "When the target will be back on pace. 预计赶上进度日期")
    String expectedCatchUp;

    @Option(names = "--plan", split = ",", paramLabel = "yyyy-MM-dd=AMOUNT",
            description = "A proposed pace plan: cumulative amounts by date, e.g. 2020-06-30=400,2020-09-30=800."
                    + " 建议进度计划（累计数）")
    List<String> plan = new ArrayList<>();

    @Override
    protected int run(IntakeClient client, PrintWriter out, PrintWriter err) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode body = mapper.createObjectNode().put("reason", reason).put("measures", measures)
                .put("expectedCatchUp", expectedCatchUp);
        ArrayNode points = body.putArray("proposedPlan");
        for (String point : plan) {
            int eq = point.indexOf('=');
            if (eq <= 0) {
                err.println("usage error: --plan takes yyyy-MM-dd=AMOUNT, got '" + point + "' / 格式应为 日期=累计数");
                return ExitCodes.USAGE;
            }
            double amount;
            try {
                amount = Double.parseDouble(point.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                err.println("usage error: '" + point.substring(eq + 1) + "' is not a number / 不是数字");
                return ExitCodes.USAGE;
            }
            points.addObject().put("date", point.substring(0, eq).strip()).put("expectedCumulative", amount);
        }
        ClientAnswer answer = client.answer(targetId, body.toString());
        if (json || ExitCodes.forStatus(answer.status()) != ExitCodes.OK) {
            return AnswerPrinter.print(answer, json, out, err);
        }
        out.printf("answered: case %s stored (event %s) / 已反馈%n", answer.body().path("caseId").asText(),
                answer.body().path("eventId").asText());
        return ExitCodes.OK;
    }
}
