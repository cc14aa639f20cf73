package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jingan.progress.avro.Target;
import org.jingan.progress.intake.TestTargets;
import org.junit.jupiter.api.Test;

/** Every CSV the intake hands out opens in a spreadsheet program without running a formula. */
class CsvCellsTest {
    @Test
    void shouldPutAQuoteBeforeTextThatWouldRunAsAFormula() {
        assertThat(CsvCells.cell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(CsvCells.cell("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvCells.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCells.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void shouldQuoteCommasQuotesAndLineBreaksAndLeaveOrdinaryTextAlone() {
        assertThat(CsvCells.cell("既有多层住宅加装电梯")).isEqualTo("既有多层住宅加装电梯");
        assertThat(CsvCells.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("=1,2")).isEqualTo("\"'=1,2\"");
        assertThat(CsvCells.cell(null)).isEmpty();
    }

    @Test
    void shouldNeutraliseAFormulaInTheCatalogsTextInTheTemplate() {
        Target tampered = Target.newBuilder(TestTargets.ELEVATORS).setNameZh("=HYPERLINK(\"http://evil\",\"点击\")").build();

        String csv = TargetViews.template(List.of(tampered));

        assertThat(csv.lines().skip(1).findFirst()).hasValue("c-elevators,\"'=HYPERLINK(\"\"http://evil\"\",\"\"点击\"\")\",,累计,,台,,");
    }
}
