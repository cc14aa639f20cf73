package org.jingan.progress.intake.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The cells of an {@code .xlsx} workbook's first sheet as text, row by row, with Excel's row numbers: a date cell as
 * {@code 2020-06-30}, a number as written without exponent or grouping ({@code 512.3}), a formula as its cached result
 * (what Excel showed), text as typed. The size limit of the request body bounds the file; POI's zip-bomb guard bounds
 * what it unpacks to.
 */
public final class XlsxCells {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    static {
        ZipSecureFile.setMinInflateRatio(0.005); // a sheet of short rows compresses well; a bomb far better
    }

    private XlsxCells() {
    }

    /** A zip file (the .xlsx container) rather than CSV text. */
    public static boolean isXlsx(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    public static List<SheetLine> read(byte[] bytes) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (workbook.getNumberOfSheets() == 0) {
                return List.of();
            }
            Sheet sheet = workbook.getSheetAt(0);
            var formatter = new DataFormatter();
            var lines = new ArrayList<SheetLine>();
            for (Row row : sheet) {
                var cells = new ArrayList<String>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : text(cell, formatter));
                }
                lines.add(new SheetLine(row.getRowNum() + 1, List.copyOf(cells)));
            }
            return List.copyOf(lines);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_CSV, null, null, null,
                    "the file looks like an .xlsx workbook but cannot be read (" + e.getClass().getSimpleName()
                            + "); save it again from Excel as .xlsx, or as CSV",
                    "文件看似 .xlsx 工作簿但无法读取；请在 Excel 中重新另存为 .xlsx 或 CSV");
        }
    }

    private static String text(Cell cell, DataFormatter formatter) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().format(DATE)
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case BLANK, ERROR, _NONE -> "";
            default -> formatter.formatCellValue(cell);
        };
    }
}
