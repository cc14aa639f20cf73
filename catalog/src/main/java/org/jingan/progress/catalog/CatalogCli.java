package org.jingan.progress.catalog;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.kit.options.ClusterOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code catalog list|validate|diff|publish}: look at the target catalog, compare it with the targets topic and
 * publish it there. Once the topic holds the catalog it is the truth: a change to a target there is a revision, made
 * with {@code publish --note}, recorded with the principal of the command's Kafka login and the time.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true, version = "catalog 0.1.0",
        description = "The target catalog of the Jing'an 2020 work report: list, validate, diff against the topic, publish.",
        subcommands = {CatalogCli.ListCommand.class, CatalogCli.ValidateCommand.class, CatalogCli.DiffCommand.class,
                CatalogCli.PublishCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the catalog file is invalid (every problem is listed with file, line, field)",
                "2:wrong usage (unknown option, missing argument, a revision without --note)",
                "3:the Kafka broker or the schema registry did not answer",
                "4:publishing failed otherwise (topic missing, schema refused)"})
public final class CatalogCli implements Runnable {
    public static final int OK = 0;
    public static final int INVALID_CATALOG = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int PUBLISH_FAILED = 4;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Quiet Kafka client logging on the console unless the user configured logback.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "catalog-cli-logback.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with this tool's exit codes; tests call {@code execute} on it with captured output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CatalogCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof CatalogException invalid) {
                err.println(invalid.getMessage());
                return INVALID_CATALOG;
            }
            if (e instanceof PublishException failed) {
                err.println(failed.getMessage());
                return switch (failed.reason()) {
                    case UNREACHABLE -> UNREACHABLE;
                    case NOTE_REQUIRED -> USAGE;
                    case FAILED -> PUBLISH_FAILED;
                };
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a subcommand: list, validate, diff or publish (see --help)");
    }

    /** Where the catalog comes from: a file, or the one shipped in this module. */
    static final class CatalogFile {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "Catalog YAML file (default: the catalog shipped in the jar, " + Catalog.DEFAULT_RESOURCE + ").")
        Path file;

        Catalog load() {
            if (file == null) {
                return Catalog.loadDefault();
            }
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "No catalog file at " + file.toAbsolutePath()
                        + ": check the --file path");
            }
            return Catalog.load(file);
        }
    }

    enum Format { table, jsonl }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print the targets, as a table or as JSON lines (one target per line).")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CatalogFile catalogFile;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table or jsonl (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = "--section", paramLabel = "ID", description = "Only this section, e.g. S2.")
        String section;

        @Option(names = "--department", paramLabel = "ID", description = "Only this department, e.g. commerce.")
        String department;

        @Override
        public Integer call() {
            Catalog catalog = catalogFile.load();
            List<Target> targets = catalog.targets().stream()
                    .filter(t -> section == null || t.getSectionId().equals(section))
                    .filter(t -> department == null || t.getDepartmentId().equals(department))
                    .toList();
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.jsonl) {
                targets.forEach(t -> out.println(TargetJson.toJsonLine(t)));
            } else {
                out.print(TargetTable.render(targets));
                out.println(targets.size() + " of " + catalog.targets().size() + " targets, " + catalog.origin());
            }
            out.flush();
            return OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check the catalog file and report every problem with file, line and field.")
    static final class ValidateCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CatalogFile catalogFile;

        @Override
        public Integer call() {
            Catalog catalog = catalogFile.load();
            long pending = catalog.targets().stream().filter(t -> t.getTargetValue() == null).count();
            spec.commandLine().getOut().printf("OK: %s: %d targets in %d sections, %d departments, %d pending%n",
                    catalog.origin(), catalog.targets().size(), catalog.sections().size(),
                    catalog.departments().size(), pending);
            spec.commandLine().getOut().flush();
            return OK;
        }
    }

    /** The targets topic and how to reach it: shared by diff and publish. */
    static final class TopicOptions {
        /** The cluster; on the local stack: --kafka-config <data>/credentials/catalog.properties (both logins). */
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--topic", paramLabel = "TOPIC", description = "Targets topic (default: ${DEFAULT-VALUE}).")
        String topic = Topics.TARGETS.name();

        @Option(names = "--timeout-seconds", paramLabel = "N", defaultValue = "30",
                description = "How long to wait for the cluster (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        CatalogPublisher publisher(CommandSpec spec) {
            if (timeoutSeconds <= 0) {
                throw new ParameterException(spec.commandLine(), "--timeout-seconds must be positive");
            }
            return new CatalogPublisher(cluster.clientConfig(), topic, Duration.ofSeconds(timeoutSeconds));
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Show what publishing the file would change on the targets topic, and write nothing:",
                    "+ a target the topic lacks, ~ a target whose fields differ (old \u2192 new, and the revision it"
                            + " would become), then the counts."})
    static final class DiffCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CatalogFile catalogFile;

        @Mixin
        TopicOptions target;

        @Override
        public Integer call() {
            Catalog catalog = catalogFile.load();
            CatalogDiff diff = target.publisher(spec).diff(catalog.targets());
            PrintWriter out = spec.commandLine().getOut();
            out.print(diff.render());
            out.flush();
            return OK;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Publish the catalog to the compacted targets topic, keyed by target id.",
                    "Reads the topic first and writes only targets whose content changed, as the next revision;"
                            + " publishing twice writes nothing the second time.",
                    "Changing a target already on the topic is a revision: it needs --note (why), and every record"
                            + " written carries revisedBy (the Kafka principal of this command's login, e.g."
                            + " User:catalog) and revisedAt. Run `catalog diff` first to see what would change."})
    static final class PublishCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CatalogFile catalogFile;

        @Mixin
        TopicOptions target;

        @Option(names = "--note", paramLabel = "TEXT",
                description = "Why: required for a revision; recorded in the revision note of every target written.")
        String note;

        @Override
        public Integer call() {
            Catalog catalog = catalogFile.load();
            CatalogPublisher.Result result = target.publisher(spec).publish(catalog.targets(), note);
            PrintWriter out = spec.commandLine().getOut();
            for (Target t : result.published()) {
                out.println("  " + t.getId() + " -> revision " + t.getRevision()
                        + (t.getRevisionNote() == null ? "" : " (" + t.getRevisionNote() + ")"));
            }
            if (!result.published().isEmpty()) {
                Target first = result.published().get(0);
                out.println("by " + first.getRevisedBy() + " at " + first.getRevisedAt());
            }
            out.println(result.summary());
            out.flush();
            return OK;
        }
    }
}
