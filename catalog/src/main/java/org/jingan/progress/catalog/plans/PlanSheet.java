package org.jingan.progress.catalog.plans;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jingan.progress.avro.Target;

/**
 * The plan spreadsheet (CSV, UTF-8): a header {@code date,expectedValue,expectedShare} (or 日期,累计计划量,计划占比),
 * then one row per checkpoint with its date and either the cumulative amount expected by then or the share of the
 * target; lines starting with {@code #} are notes. {@link #template(Target)} is what a department fills in.
 */
public final class PlanSheet {

    private PlanSheet() {
    }

    /** The rows of {@code csv}; a cell that is no date or number is a problem, collected in {@code problems}. */
    public static List<PlanRow> read(String csv, List<PlanProblem> problems) {
        List<PlanRow> rows = new ArrayList<>();
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        String[] lines = text.split("\r\n|\n|\r", -1);
        int[] columns = null;
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String raw = lines[i].strip();
            if (raw.isEmpty() || raw.startsWith("#") || raw.replace(",", "").isBlank()) {
                continue;
            }
            String[] cells = raw.split(",", -1);
            for (int c = 0; c < cells.length; c++) {
                cells[c] = unquote(cells[c].strip());
            }
            if (columns == null) {
                columns = header(cells, line, problems);
                if (columns == null) {
                    return List.of();
                }
                continue;
            }
            LocalDate date = null;
            String dateCell = cell(cells, columns[0]);
            try {
                date = dateCell.isEmpty() ? null : LocalDate.parse(dateCell);
            } catch (DateTimeParseException e) {
                problems.add(new PlanProblem(line, "date", "'" + dateCell + "' is not a date: write YYYY-MM-DD",
                        "“" + dateCell + "”不是日期，请按 YYYY-MM-DD 填写"));
                continue;
            }
            Double value = number(cell(cells, columns[1]), line, "expectedValue", problems);
            Double share = number(cell(cells, columns[2]), line, "expectedShare", problems);
            rows.add(new PlanRow(line, date, value, share));
        }
        if (columns == null) {
            problems.add(new PlanProblem(0, "header", "the spreadsheet is empty: start with the header"
                    + " date,expectedValue,expectedShare", "表格为空：第一行应为表头 date,expectedValue,expectedShare"));
        }
        return rows;
    }

    /** A spreadsheet to fill in for {@code target}: its terms as notes, the quarter ends and the deadline as rows. */
    public static String template(Target target) {
        StringBuilder csv = new StringBuilder();
        csv.append("# ").append(target.getId()).append(' ').append(target.getNameZh()).append(" / ").append(target.getNameEn()).append('\n');
        csv.append("# 目标 target: ").append(target.getTargetValue() == null ? "待定 pending" : PlanRules.num(target.getTargetValue()))
                .append(' ').append(target.getUnit()).append(", 截止 deadline ").append(target.getDeadline()).append('\n');
        csv.append("# 每行一个节点：日期及截至该日的累计计划量（或占比 0-1，二选一），最后一行为全部目标。\n");
        csv.append("# One row per checkpoint: the date and the cumulative amount expected by then (or the share, 0-1),"
                + " the last row the whole target.\n");
        csv.append("date,expectedValue,expectedShare\n");
        int year = target.getYear();
        for (LocalDate quarterEnd : List.of(LocalDate.of(year, 3, 31), LocalDate.of(year, 6, 30), LocalDate.of(year, 9, 30))) {
            if (quarterEnd.isBefore(target.getDeadline())) {
                csv.append(quarterEnd).append(",,\n");
            }
        }
        csv.append(target.getDeadline()).append(',')
                .append(target.getTargetValue() == null ? "" : PlanRules.num(target.getTargetValue())).append(',')
                .append(target.getTargetValue() == null ? "1" : "").append('\n');
        return csv.toString();
    }

    private static int[] header(String[] cells, int line, List<PlanProblem> problems) {
        int[] columns = {-1, -1, -1};
        for (int c = 0; c < cells.length; c++) {
            switch (cells[c].toLowerCase(Locale.ROOT)) {
                case "date", "日期" -> columns[0] = c;
                case "expectedvalue", "累计计划量" -> columns[1] = c;
                case "expectedshare", "计划占比" -> columns[2] = c;
                default -> { }
            }
        }
        if (columns[0] < 0 || (columns[1] < 0 && columns[2] < 0)) {
            problems.add(new PlanProblem(line, "header", "the header must name the columns date and expectedValue"
                    + " (or expectedShare); found " + String.join(",", cells), "表头须包含 date 和 expectedValue（或 expectedShare）列"));
            return null;
        }
        return columns;
    }

    private static String cell(String[] cells, int column) {
        return column < 0 || column >= cells.length ? "" : cells[column];
    }

    private static Double number(String cell, int line, String field, List<PlanProblem> problems) {
        if (cell.isEmpty()) {
            return null;
        }
        String plain = cell.endsWith("%") ? cell.substring(0, cell.length() - 1) : cell;
        try {
            double v = Double.parseDouble(plain.replace("_", ""));
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException(cell);
            }
            return cell.endsWith("%") ? v / 100 : v;
        } catch (NumberFormatException e) {
            problems.add(new PlanProblem(line, field, "'" + cell + "' is not a number", "“" + cell + "”不是数字"));
            return null;
        }
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
