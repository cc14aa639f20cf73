package org.jingan.progress.intake.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.intake.validation.UpdateKinds;

/**
 * The spreadsheet a department fills in, as an {@code .xlsx} workbook: Chinese headers (the ones the upload reads), one
 * row per own target, the 类型 cell a drop-down of the update kinds that target takes (Excel's data validation refuses
 * anything else), a date column formatted as dates. Catalog text is written as text cells, never as formulas.
 */
public final class TemplateWorkbook {
    static final List<String> HEADERS = List.of("目标编号", "目标名称", "日期", "类型", "数值", "单位", "填报人", "备注");
    private static final int KIND_COLUMN = 3;
    private static final int DATE_COLUMN = 2;

    private TemplateWorkbook() {
    }

    public static byte[] of(List<Target> own) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("填报");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                header.createCell(c).setCellValue(HEADERS.get(c));
                header.getCell(c).setCellStyle(bold);
            }
            DataValidationHelper validations = sheet.getDataValidationHelper();
            for (int i = 0; i < own.size(); i++) {
                Target t = own.get(i);
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(t.getId());
                row.createCell(1).setCellValue(t.getNameZh());
                row.createCell(DATE_COLUMN).setCellStyle(date);
                row.createCell(KIND_COLUMN).setCellValue(UpdateKinds.zh(UpdateKinds.defaultFor(t.getKind())));
                row.createCell(5).setCellValue(t.getUnit() == null ? "" : t.getUnit());
                String[] kinds = UpdateKinds.allowedFor(t.getKind()).stream()
                        .filter(k -> k != UpdateKind.CORRECTION) // a correction names an event id: the page's 更正 does it
                        .map(UpdateKinds::zh).toArray(String[]::new);
                DataValidation kind = validations.createValidation(validations.createExplicitListConstraint(kinds),
                        new CellRangeAddressList(i + 1, i + 1, KIND_COLUMN, KIND_COLUMN));
                kind.setShowErrorBox(true);
                kind.createErrorBox("类型", "请从下拉列表中选择：" + String.join("、", kinds));
                sheet.addValidationData(kind);
            }
            sheet.createFreezePane(0, 1);
            int[] widths = {28, 40, 14, 10, 12, 10, 12, 30};
            for (int c = 0; c < widths.length; c++) {
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
