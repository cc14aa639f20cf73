package org.jingan.progress.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The result table as text for the console, and as CSV and JSON files next to each other. */
public final class ResultWriter {
    public static final String BASENAME = "benchmark-results";

    private final Machine machine;
    private final String command;
    private final Map<String, Object> settings;
    private final List<String> remarks;

    public ResultWriter(Machine machine, String command, Map<String, Object> settings, List<String> remarks) {
        this.machine = machine;
        this.command = command;
        this.settings = settings;
        this.remarks = remarks;
    }

    public void print(ResultTable table, PrintStream out) {
        List<ResultTable.Row> rows = table.rows();
        int width = Math.max(10, rows.stream().mapToInt(r -> r.metric().length()).max().orElse(10));
        String header = String.format(Locale.ROOT, "%-" + width + "s  %-9s %13s %13s %13s %4s  %s",
                "metric", "unit", "median", "min", "max", "runs", "how");
        out.println();
        out.println("Machine: " + machine.oneLine());
        out.println("Command: " + command);
        out.println(header);
        out.println("-".repeat(header.length()));
        for (ResultTable.Row r : rows) {
            out.println(String.format(Locale.ROOT, "%-" + width + "s  %-9s %13s %13s %13s %4d  %s", r.metric(), r.unit(),
                    format(r.median()), format(r.min()), format(r.max()), r.runs(), r.note()));
        }
        remarks.forEach(remark -> out.println("Note: " + remark));
    }

    /** Writes {@value #BASENAME}.csv, .json and .md (a table to paste into BENCHMARKS.md) into {@code dir}. */
    public List<Path> write(ResultTable table, Path dir) {
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve(BASENAME + ".csv");
            Path json = dir.resolve(BASENAME + ".json");
            Path md = dir.resolve(BASENAME + ".md");
            writeCsv(table, csv);
            writeJson(table, json);
            writeMarkdown(table, md);
            return List.of(csv, json, md);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the results into " + dir + ": " + e.getMessage(), e);
        }
    }

    private void writeCsv(ResultTable table, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.DEFAULT.builder()
                     .setHeader("metric", "unit", "median", "min", "max", "runs", "values", "how").get().print(w)) {
            for (ResultTable.Row r : table.rows()) {
                csv.printRecord(r.metric(), r.unit(), plain(r.median()), plain(r.min()), plain(r.max()), r.runs(),
                        String.join(" ", r.values().stream().map(ResultWriter::plain).toList()), r.note());
            }
        }
    }

    private void writeJson(ResultTable table, Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", machine.asMap());
        doc.put("command", command);
        doc.put("settings", settings);
        doc.put("remarks", remarks);
        doc.put("rows", table.rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("metric", r.metric());
            row.put("unit", r.unit());
            row.put("median", r.median());
            row.put("min", r.min());
            row.put("max", r.max());
            row.put("runs", r.runs());
            row.put("values", r.values());
            row.put("how", r.note());
            return row;
        }).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    private void writeMarkdown(ResultTable table, Path file) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine.oneLine()).append("  \n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("| metric | unit | median | min | max | runs | how |\n|---|---|--:|--:|--:|--:|---|\n");
        for (ResultTable.Row r : table.rows()) {
            md.append("| ").append(r.metric()).append(" | ").append(r.unit()).append(" | ").append(format(r.median()))
                    .append(" | ").append(format(r.min())).append(" | ").append(format(r.max())).append(" | ")
                    .append(r.runs()).append(" | ").append(r.note().replace("|", "\\|")).append(" |\n");
        }
        remarks.forEach(remark -> md.append("\n").append(remark).append("\n"));
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    /** Large numbers with thousands separators, small ones with enough decimals to be read. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String plain(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
