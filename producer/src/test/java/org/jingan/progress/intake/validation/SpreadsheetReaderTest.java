package org.jingan.progress.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpreadsheetReaderTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private final SpreadsheetReader reader = new SpreadsheetReader(5);

    private static byte[] withBom(String csv) {
        byte[] text = csv.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    @Test
    void shouldReadAnExcelCsvWithBomAndChineseHeadersKeepingSpreadsheetRowNumbers() {
        String csv = """
                目标编号,目标名称,日期,类型,数值,单位,填报人,备注
                c-elevators,加装电梯,2020/3/31,累计,12,台,王工,"一季度, 含北站"
                ,,,,,,,
                c-bridge-done,昌平路桥,2020-06-30,完成,,,王工,
                """.replace("\n", "\r\n");

        var sheet = reader.read(withBom(csv));

        assertThat(sheet.rows()).hasSize(2);
        var first = sheet.rows().get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.request()).isEqualTo(new ReportRequest(null, "c-elevators", "累计", "12", "台", "2020/3/31", "王工",
                "一季度, 含北站", null, null));
        assertThat(sheet.rows().get(1).line()).as("the emptied row 3 is skipped, row numbers stay Excel's").isEqualTo(4);
        assertThat(sheet.rows().get(1).index()).isEqualTo(1);
        assertThat(sheet.ignoredColumns()).containsExactly("目标名称");
    }

    @Test
    void shouldReadEnglishHeadersWithoutBomInAnyCaseAndSemicolons() {
        var sheet = reader.read("Target ID;Date;Kind;Value (亿元)\nm-retail-sales;2020-03-31;CUMULATIVE_TO_DATE;250.5\n"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(sheet.rows()).singleElement().satisfies(row -> {
            assertThat(row.request().targetId()).isEqualTo("m-retail-sales");
            assertThat(row.request().value()).isEqualTo("250.5");
            assertThat(row.request().kind()).isEqualTo("CUMULATIVE_TO_DATE");
        });
    }

    @Test
    void shouldReadAGbkFileAsExcelsCsvCommaDelimitedWritesIt() {
        byte[] gbk = "目标编号,日期,数值,填报人\nc-elevators,2020-03-31,12,王工\n".getBytes(Charset.forName("GBK"));

        var sheet = reader.read(gbk);

        assertThat(sheet.format()).isEqualTo("GB18030");
        assertThat(sheet.rows()).singleElement().satisfies(row -> {
            assertThat(row.request().targetId()).isEqualTo("c-elevators");
            assertThat(row.request().reporter()).isEqualTo("王工");
        });
    }

    @Test
    void shouldReadValidUtf8AsUtf8AndTheStatedEncodingWhenGiven() {
        String csv = "目标编号,日期,数值,填报人\nc-elevators,2020-03-31,12,王工\n";

        assertThat(reader.read(csv.getBytes(StandardCharsets.UTF_8)).format()).isEqualTo("UTF-8");
        assertThat(reader.read(withBom(csv)).rows().get(0).request().reporter()).isEqualTo("王工");
        assertThat(reader.read(csv.getBytes(Charset.forName("GBK")), SpreadsheetText.GB18030).rows().get(0).request().reporter())
                .isEqualTo("王工");
    }

    @Test
    void shouldRefuseBytesThatAreNeitherUtf8NorGbkNamingTheLine() {
        byte[] text = "目标编号,日期,数值\nc-elevators,2020-03-31,12\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(text, text.length + 2);
        broken[text.length] = (byte) 0xFF;
        broken[text.length + 1] = (byte) 0xFF;

        assertThatThrownBy(() -> reader.read(broken)).isInstanceOfSatisfying(UnreadableInputException.class, e -> {
            assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.NOT_UTF8);
            assertThat(e.getMessage()).contains("neither UTF-8 nor GBK").contains(".xlsx");
            assertThat(e.messageZh()).contains("GBK");
            assertThat(e.line()).isEqualTo(3);
        });
        assertThatThrownBy(() -> reader.read(text, SpreadsheetText.GB18030).rows().get(0).request().reporter())
                .as("UTF-8 said to be GBK is read as GBK: a wrong choice shows, it is not guessed over")
                .isInstanceOf(UnreadableInputException.class);
    }

    @Test
    void shouldReadAnXlsxWorkbookWithDateNumberAndFormulaCells() throws Exception {
        byte[] xlsx;
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("填报");
            var header = sheet.createRow(0);
            String[] headers = {"目标编号", "日期", "类型", "数值", "填报人", "备注"};
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
            }
            var date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
            var row = sheet.createRow(2); // row 2 left empty, as people do
            row.createCell(0).setCellValue("c-elevators");
            row.createCell(1).setCellValue(java.time.LocalDate.of(2020, 6, 30));
            row.getCell(1).setCellStyle(date);
            row.createCell(2).setCellValue("累计");
            row.createCell(3).setCellValue(1234567.5);
            row.createCell(4).setCellValue("王工");
            row.createCell(5).setCellFormula("\"ok\"");
            workbook.setForceFormulaRecalculation(true);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
            xlsx = out.toByteArray();
        }

        var sheet = reader.read(xlsx);

        assertThat(sheet.format()).isEqualTo("xlsx");
        assertThat(sheet.rows()).singleElement().satisfies(row -> {
            assertThat(row.line()).as("Excel's row number").isEqualTo(3);
            assertThat(row.request()).isEqualTo(new ReportRequest(null, "c-elevators", "累计", "1234567.5", null, "2020-06-30",
                    "王工", "ok", null, null));
        });
    }

    @Test
    void shouldRefuseABrokenXlsx() {
        byte[] notReally = {'P', 'K', 3, 4, 0, 0, 0};

        assertThatThrownBy(() -> reader.read(notReally)).isInstanceOfSatisfying(UnreadableInputException.class,
                e -> assertThat(e.getMessage()).contains(".xlsx"));
    }

    @Test
    void shouldRefuseAnUnclosedQuoteNamingTheLine() {
        String csv = "目标编号,日期,数值,备注\nc-elevators,2020-03-31,12,ok\nc-elevators,2020-04-30,13,\"bad\"x\n";

        assertThatThrownBy(() -> reader.read(csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.MALFORMED_CSV);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("line 3");
                });
    }

    @Test
    void shouldRefuseARowWithMoreCellsThanTheHeader() {
        String csv = "目标编号,日期,数值\nc-elevators,2020-03-31,12,345\n";

        assertThatThrownBy(() -> reader.read(csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.MALFORMED_CSV);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("double quotes");
                });
    }

    @Test
    void shouldNameAMissingRequiredColumnAndItsAcceptedHeaders() {
        assertThatThrownBy(() -> reader.read("目标编号,数值\nc-elevators,12\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("eventTime");
                    assertThat(e.getMessage()).contains("日期").contains("date");
                });
    }

    @Test
    void shouldRefuseMoreRowsThanTheLimit() {
        var csv = new StringBuilder("目标编号,日期,数值\n");
        for (int i = 1; i <= 6; i++) {
            csv.append("c-elevators,2020-03-0").append(i).append(",1\n");
        }
        assertThatThrownBy(() -> reader.read(csv.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnreadableInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.TOO_MANY_ROWS));
    }

    @Test
    void shouldRefuseAnEmptyFileAndAHeaderWithoutRows() {
        assertThatThrownBy(() -> reader.read(BOM)).isInstanceOfSatisfying(UnreadableInputException.class,
                e -> assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.EMPTY_BODY));
        assertThatThrownBy(() -> reader.read("目标编号,日期,数值\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnreadableInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.EMPTY_BODY));
    }
}
