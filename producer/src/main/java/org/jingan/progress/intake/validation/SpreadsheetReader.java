package org.jingan.progress.intake.validation;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the spreadsheet a district office keeps: an {@code .xlsx} workbook ({@link XlsxCells}), or a CSV file saved
 * from Excel in UTF-8 with or without BOM or in GBK/GB18030 ({@link SpreadsheetText}), comma (or semicolon or tab) separated, Chinese or English column headers, one row per target per reporting date. Line numbers
 * are the spreadsheet's row numbers (the header is row 1), so a reader finds the row in Excel.
 */
public final class SpreadsheetReader {
    /** Column -> the headers that name it, compared after {@link #normalizeHeader}. */
    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("targetId", List.of("targetid", "target", "目标编号", "目标id", "指标编号", "编号", "目标代码"));
        COLUMNS.put("eventTime", List.of("eventtime", "date", "reportingdate", "asof", "asofdate", "time", "日期", "填报日期",
                "报告日期", "统计日期", "截止日期", "统计截止日期", "时间"));
        COLUMNS.put("kind", List.of("kind", "updatekind", "type", "类型", "填报类型", "更新类型", "数据类型"));
        COLUMNS.put("value", List.of("value", "amount", "数值", "数量", "完成值", "完成数", "值"));
        COLUMNS.put("unit", List.of("unit", "单位", "计量单位"));
        COLUMNS.put("reporter", List.of("reporter", "填报人", "报告人"));
        COLUMNS.put("note", List.of("note", "notes", "remark", "comment", "备注", "说明"));
        COLUMNS.put("eventId", List.of("eventid", "事件编号", "事件id"));
        COLUMNS.put("correctsEventId", List.of("correctseventid", "corrects", "更正事件编号", "被更正事件编号"));
    }

    private static final Map<String, String> COLUMN_BY_HEADER = new HashMap<>();

    static {
        COLUMNS.forEach((column, headers) -> headers.forEach(h -> COLUMN_BY_HEADER.put(h, column)));
    }

    private static final Pattern PARENTHESISED = Pattern.compile("[(（][^)）]*[)）]");
    private static final Pattern CSV_LINE = Pattern.compile("line:? (\\d+)");

    private final int maxRows;

    public SpreadsheetReader(int maxRows) {
        this.maxRows = maxRows;
    }

    /** The rows of the sheet and the columns it had that the intake does not read (names, contacts…). */
    public record Sheet(List<ReportRow> rows, List<String> ignoredColumns, String format) {
        public Sheet(List<ReportRow> rows, List<String> ignoredColumns) {
            this(rows, ignoredColumns, "UTF-8");
        }
    }

    public Sheet read(byte[] bytes) {
        return read(bytes, null);
    }

    /**
     * An {@code .xlsx} workbook (its first sheet) or a CSV file.
     *
     * @param statedCharset a CSV file's encoding as the sender named it, or null: UTF-8 when the bytes are UTF-8, else
     *                      GB18030/GBK ({@link SpreadsheetText})
     */
    public Sheet read(byte[] bytes, Charset statedCharset) {
        if (XlsxCells.isXlsx(bytes)) {
            return rows(XlsxCells.read(bytes), "xlsx");
        }
        SpreadsheetText.Decoded decoded = SpreadsheetText.decode(bytes, statedCharset);
        return rows(csvLines(decoded.text()), decoded.charset().name());
    }

    private List<SheetLine> csvLines(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(guessDelimiter(text))
                // spaces around cells go, but not a NUL or an ESC (String.trim would drop them unseen): the
                // validator refuses control characters, whichever way a report comes
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(false) // keep record numbers equal to spreadsheet rows
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            var lines = new ArrayList<SheetLine>();
            for (CSVRecord record : parser) {
                lines.add(new SheetLine((int) record.getRecordNumber(), record.toList()));
            }
            return lines;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** The header (the first line, naming the columns), then one report per line that is not blank. */
    private Sheet rows(List<SheetLine> lines, String format) {
        if (lines.stream().allMatch(SheetLine::blank)) {
            throw new UnreadableInputException(UnreadableInputException.Kind.EMPTY_BODY, null, null, null,
                    "the spreadsheet is empty; send a CSV or .xlsx file with a header row and one row per target and date",
                    "表格为空；请上传含表头行、每个目标每个日期一行的 CSV 或 .xlsx 文件");
        }
        var remaining = lines.iterator();
        SheetLine headerLine = remaining.next();
        List<String> header = headerLine.cells();
        var columnIndex = new LinkedHashMap<String, Integer>();
        var ignored = new ArrayList<String>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            String column = COLUMN_BY_HEADER.get(normalizeHeader(name));
            if (column == null) {
                if (!name.isBlank()) {
                    ignored.add(name);
                }
            } else if (columnIndex.putIfAbsent(column, i) != null) {
                throw new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_CSV, headerLine.number(), i + 1, column,
                        "two header cells name the column %s ('%s' and '%s'); keep one"
                                .formatted(column, header.get(columnIndex.get(column)), name),
                        "表头中有两列都表示 %s（“%s”和“%s”），请只保留一列".formatted(column, header.get(columnIndex.get(column)), name));
            }
        }
        requireColumn(columnIndex, "targetId", "目标编号");
        requireColumn(columnIndex, "eventTime", "日期");

        var rows = new ArrayList<ReportRow>();
        while (remaining.hasNext()) {
            SheetLine record = remaining.next();
            int line = record.number();
            if (record.blank()) {
                continue; // Excel writes ",,,," for rows that were touched and emptied
            }
            List<String> cells = record.cells();
            if (cells.size() > header.size() && cells.stream().skip(header.size()).anyMatch(c -> !c.isBlank())) {
                throw new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_CSV, line, header.size() + 1, null,
                        "row %d has %d cells but the header has %d columns; a cell containing a comma must be in double quotes"
                                .formatted(line, cells.size(), header.size()),
                        "第%d行有%d个单元格，而表头只有%d列；含逗号的单元格须用英文双引号括起".formatted(line, cells.size(), header.size()));
            }
            if (untouchedTemplateRow(cells, columnIndex)) {
                continue; // the template's row of a target not reported this time: id, name, kind and unit only
            }
            if (rows.size() == maxRows) {
                throw tooManyRows(maxRows);
            }
            rows.add(new ReportRow(rows.size(), line, new ReportRequest(
                    cell(cells, columnIndex, "eventId"), cell(cells, columnIndex, "targetId"),
                    cell(cells, columnIndex, "kind"), cell(cells, columnIndex, "value"), cell(cells, columnIndex, "unit"),
                    cell(cells, columnIndex, "eventTime"), cell(cells, columnIndex, "reporter"),
                    cell(cells, columnIndex, "note"), cell(cells, columnIndex, "correctsEventId"), null),
                    ReportRow.Source.SPREADSHEET));
        }
        if (rows.isEmpty()) {
            throw new UnreadableInputException(UnreadableInputException.Kind.EMPTY_BODY, null, null, null,
                    "the spreadsheet has a header but no filled-in rows; fill in the date and value of each target you report (one row per target and reporting date)",
                    "表格只有表头，没有填写数据的行；请为要填报的目标填写日期和数值（每个目标每个填报日期一行）");
        }
        return new Sheet(List.copyOf(rows), List.copyOf(ignored), format);
    }

    /** No date, value, reporter, note or event id: nothing was reported on this row. */
    private static boolean untouchedTemplateRow(List<String> cells, Map<String, Integer> columnIndex) {
        return java.util.stream.Stream.of("eventTime", "value", "reporter", "note", "eventId", "correctsEventId")
                .allMatch(column -> cell(cells, columnIndex, column) == null);
    }

    public static UnreadableInputException tooManyRows(int maxRows) {
        return new UnreadableInputException(UnreadableInputException.Kind.TOO_MANY_ROWS, maxRows + 1, null, null,
                "more than %d reports in one request; split it into several files or batches of at most %d".formatted(maxRows, maxRows),
                "单次提交超过 %d 条；请拆分为多个不超过 %d 条的文件或批次".formatted(maxRows, maxRows));
    }

    private static UnreadableInputException malformed(Exception e) {
        String message = e.getCause() instanceof IOException io ? io.getMessage() : e.getMessage();
        Matcher m = CSV_LINE.matcher(String.valueOf(message));
        Integer line = m.find() ? Integer.valueOf(m.group(1)) : null;
        return new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_CSV, line, null, null,
                "the CSV cannot be read%s: %s; check the quotes in that row (a quote inside a cell is written twice: \"\")"
                        .formatted(line == null ? "" : " at line " + line, message),
                "CSV 文件无法解析%s：请检查该行的引号（单元格内的双引号须写成两个 \"\"）".formatted(line == null ? "" : "（第" + line + "行）"));
    }

    private static void requireColumn(Map<String, Integer> columnIndex, String column, String zh) {
        if (!columnIndex.containsKey(column)) {
            throw new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_CSV, 1, null, column,
                    "the header row has no %s column; name it one of %s".formatted(column, String.join(", ", COLUMNS.get(column))),
                    "表头缺少“%s”列；列名可用：%s".formatted(zh, String.join("、", COLUMNS.get(column))));
        }
    }

    private static String cell(List<String> cells, Map<String, Integer> columnIndex, String column) {
        Integer i = columnIndex.get(column);
        if (i == null || i >= cells.size()) {
            return null;
        }
        String value = cells.get(i);
        return value.isBlank() ? null : value.strip();
    }

    static String normalizeHeader(String header) {
        String h = header.replace("\uFEFF", "");
        h = PARENTHESISED.matcher(h).replaceAll("");
        return h.replaceAll("[\\s_\\-*:：]", "").toLowerCase(Locale.ROOT);
    }

    private static char guessDelimiter(String text) {
        int end = text.indexOf('\n');
        String firstLine = end < 0 ? text : text.substring(0, end);
        long commas = firstLine.chars().filter(c -> c == ',').count();
        long semicolons = firstLine.chars().filter(c -> c == ';').count();
        long tabs = firstLine.chars().filter(c -> c == '\t').count();
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }
}
