package org.jingan.progress.intake.cli;

import java.util.LinkedHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code intake} command line: serve the API, report, import a spreadsheet, list targets, make keys. */
@Command(name = "intake", mixinStandardHelpOptions = true, version = "progress intake 0.1.0",
        description = "Department intake of the progress pipeline: report progress on the 2020 work report's targets.",
        subcommands = {ServeCommand.class, ReportCommand.class, ImportCommand.class, TargetsCommand.class, CasesCommand.class, AnswerCommand.class, PlanCommand.class,
                HashKeyCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Reports go to the intake's HTTP API (--url or INTAKE_URL, key in INTAKE_API_KEY),",
                "or with --bootstrap-servers straight to Kafka, with the same checks."})
public final class IntakeCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("usage error: name a command: serve, report, import, targets, cases, answer, plan or hash-key");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The command line with the documented exit codes on every command's --help. */
    public static CommandLine commandLine() {
        var cmd = new CommandLine(new IntakeCommand());
        var codes = new LinkedHashMap<String, String>();
        for (String entry : ExitCodes.LIST) {
            int colon = entry.indexOf(':');
            codes.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        cmd.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.UNREACHABLE);
        apply(cmd, codes);
        return cmd;
    }

    private static void apply(CommandLine cmd, java.util.Map<String, String> codes) {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cmd.getSubcommands().values().forEach(sub -> apply(sub, codes));
    }
}
