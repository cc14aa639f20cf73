package org.jingan.progress.bulletins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jingan.progress.bulletins.content.Language;
import org.jingan.progress.bulletins.data.QueryApi;
import org.jingan.progress.bulletins.data.FreshnessTally;
import org.jingan.progress.bulletins.data.QueryApiCases;
import org.jingan.progress.bulletins.review.ReviewTemplates;
import org.jingan.progress.bulletins.store.BulletinStore;
import org.jingan.progress.bulletins.store.KeptBulletin;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bulletin}: the leaders' documents from the command line, read from the streams app's query API.
 *
 * <pre>
 * bulletin month [--month 2020-03] [--lang zh|en] [--out DIR]    a month's bulletin (default: the last month ended)
 * bulletin review [--year 2020] [--lang zh|en] [--templates F]   the year-end review draft (Markdown, DOCX)
 * bulletin watch --store DIR                                     keep every month's bulletin at its end (runs on)
 * bulletin kept --store DIR                                      list the kept bulletins
 * </pre>
 */
@Command(name = "bulletin", mixinStandardHelpOptions = true, subcommands = {
        BulletinCli.MonthCommand.class, BulletinCli.ReviewCommand.class, BulletinCli.WatchCommand.class,
        BulletinCli.KeptCommand.class},
        description = "The leaders' monthly progress bulletin (月度进展通报) and the year-end review draft, from the state stores.")
public final class BulletinCli {

    static class Source {
        @Option(names = "--query-url", defaultValue = "${env:PROGRESS_QUERY_URL:-http://127.0.0.1:8080}",
                description = "The streams app's public port, whose query API is read (env PROGRESS_QUERY_URL). Default: ${DEFAULT-VALUE}")
        String queryUrl;

        LocalDate clockDate() {
            return LocalDate.parse(new QueryApi(queryUrl, new FreshnessTally()).clock().path("date").asText());
        }
    }

    @Command(name = "month", mixinStandardHelpOptions = true, description = "Write a month's bulletin as PDF and DOCX.")
    static final class MonthCommand implements Callable<Integer> {
        @CommandLine.Mixin Source source = new Source();
        @Option(names = "--month", description = "The month, e.g. 2020-03. Default: the last month ended by the district clock.")
        YearMonth month;
        @Option(names = "--lang", defaultValue = "zh", description = "zh (default) or en.")
        String lang;
        @Option(names = "--out", defaultValue = ".", description = "Directory to write into. Default: the current one.")
        Path out;

        @Override
        public Integer call() {
            YearMonth chosen = month != null ? month : YearMonth.from(source.clockDate()).minusMonths(1);
            BulletinGenerator.Documents documents = new BulletinGenerator(source.queryUrl, new QueryApiCases(source.queryUrl))
                    .month(chosen, List.of(Language.parse(lang)));
            Map<String, byte[]> named = new java.util.LinkedHashMap<>();
            documents.files().forEach((name, bytes) -> named.put(name.replace("bulletin-", "bulletin-" + chosen + "-"), bytes));
            write(out, "", named); // bulletin-2020-04-zh.pdf
            return 0;
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true, description = "Write the year-end review draft as Markdown and DOCX.")
    static final class ReviewCommand implements Callable<Integer> {
        @CommandLine.Mixin Source source = new Source();
        @Option(names = "--year", description = "The year. Default: the district clock's year (the last day ended).")
        Integer year;
        @Option(names = "--lang", defaultValue = "zh", description = "zh (default) or en.")
        String lang;
        @Option(names = "--templates", description = "A sentence templates file (YAML) to use instead of the shipped one.")
        Path templates;
        @Option(names = "--out", defaultValue = ".", description = "Directory to write into. Default: the current one.")
        Path out;

        @Override
        public Integer call() {
            int chosen = year != null ? year : source.clockDate().minusDays(1).getYear();
            BulletinGenerator.Documents documents = new BulletinGenerator(source.queryUrl, new QueryApiCases(source.queryUrl))
                    .review(chosen, Language.parse(lang), templates == null ? ReviewTemplates.defaults() : ReviewTemplates.load(templates));
            write(out, chosen + "-", documents.files());
            return 0;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Keep each month's bulletin (zh and en, PDF and DOCX) in the store at the month's end of the district clock; runs until stopped.")
    static final class WatchCommand implements Callable<Integer> {
        @CommandLine.Mixin Source source = new Source();
        @Option(names = "--store", required = true, description = "The bulletin store's directory.")
        Path store;
        @Option(names = "--check-seconds", defaultValue = "10", description = "How often the clock is looked at. Default: ${DEFAULT-VALUE}")
        long checkSeconds;

        @Override
        public Integer call() throws InterruptedException {
            MonthEndScheduler scheduler = MonthEndScheduler.of(new BulletinStore(store),
                    new BulletinGenerator(source.queryUrl, new QueryApiCases(source.queryUrl)), source::clockDate);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    scheduler.check();
                } catch (RuntimeException e) {
                    System.err.println("bulletin: " + e.getMessage());
                }
                Thread.sleep(checkSeconds * 1000);
            }
            return 0;
        }
    }

    @Command(name = "kept", mixinStandardHelpOptions = true, description = "List the bulletins kept in a store.")
    static final class KeptCommand implements Callable<Integer> {
        @Option(names = "--store", required = true, description = "The bulletin store's directory.")
        Path store;

        @Override
        public Integer call() {
            for (KeptBulletin kept : new BulletinStore(store).list()) {
                System.out.println(kept.month() + "  " + String.join(" ", kept.files()) + "  (" + kept.trigger()
                        + ", clock " + kept.clockAtGeneration() + ")");
            }
            return 0;
        }
    }

    static void write(Path dir, String prefix, Map<String, byte[]> files) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = dir.resolve(prefix + file.getKey());
                Files.write(path, file.getValue());
                System.out.println(path.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BulletinCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("bulletin: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
