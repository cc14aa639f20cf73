package org.jingan.progress.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.intake.TestTargets.CONSTRUCTION;

import java.util.List;
import org.jingan.progress.intake.TestTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No control characters in any text field; no formulas in a spreadsheet's free-text cells. */
class TextFieldRulesTest {
    private final ReportValidator validator = new ReportValidator(TargetDirectory.of(TestTargets.ALL),
            TestTargets.DISTRICT_CLOCK, TestTargets.ZONE);

    private List<FieldError> errors(ReportRow.Source source, String reporter, String note) {
        var request = new ReportRequest(null, "c-elevators", "INCREMENT", "1", null, "2020-06-30", reporter, note, null, null);
        return validator.check(new ReportRow(0, 2, request, source), CONSTRUCTION).errors();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u009b", "\u2028", "\u202e", "\u2066"})
    void shouldRefuseEveryKindOfControlCharacterAnywhereInANote(String control) {
        for (String note : List.of(control + "note", "no" + control + "te", "note" + control)) {
            assertThat(errors(ReportRow.Source.JSON, null, note)).as("note %s", Printable.escape(note)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(Violation.CONTROL_CHARACTER);
                        assertThat(e.field()).isEqualTo("note");
                        assertThat(e.value()).doesNotContain(control).contains("\\u");
                        assertThat(e.reason()).contains("U+").doesNotContain(control);
                        assertThat(e.reasonZh()).contains("控制字符");
                    });
        }
    }

    @Test
    void shouldNameTheCharacterAndWhereItIs() {
        var error = errors(ReportRow.Source.JSON, null, "红色\u001b[31m").get(0);

        assertThat(error.reason()).contains("U+001B (ESC) at character 3");
        assertThat(error.reasonZh()).contains("备注（note）第3个字符").contains("U+001B (ESC)");
        assertThat(error.value()).isEqualTo("红色\\u001B[31m");
    }

    @Test
    void shouldCheckEveryFieldAndJudgeNothingElseOfAReportWithControlCharacters() {
        var request = new ReportRequest("id\u0000", "c-elevators\u0000", "INCREMENT", "1\u0007", null, "2020-06-30", null, null, null, null);

        var errors = validator.check(new ReportRow(0, 1, request), CONSTRUCTION).errors();

        assertThat(errors).extracting(FieldError::field).containsExactly("eventId", "targetId", "value");
        assertThat(errors).extracting(FieldError::code).containsOnly(Violation.CONTROL_CHARACTER);
    }

    @Test
    void shouldKeepChineseEmojiAndOrdinarySpaces() {
        assertThat(errors(ReportRow.Source.JSON, "王 工", "完成 80%，进展顺利 👍 (ok)")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "=HYPERLINK(\"http://x\")"})
    void shouldRefuseAFormulaInASpreadsheetsNoteOrReporter(String formula) {
        assertThat(errors(ReportRow.Source.SPREADSHEET, null, formula)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Violation.SPREADSHEET_FORMULA);
            assertThat(e.field()).isEqualTo("note");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).contains("formula");
            assertThat(e.reasonZh()).contains("公式");
        });
        assertThat(errors(ReportRow.Source.SPREADSHEET, formula, null)).extracting(FieldError::field).containsExactly("reporter");
    }

    @Test
    void shouldTakeTheSameTextFromJsonAndPlainNumbersFromASpreadsheet() {
        assertThat(errors(ReportRow.Source.JSON, "@王工", "-5% 同比下降")).isEmpty();
        assertThat(errors(ReportRow.Source.SPREADSHEET, null, "-3.5")).isEmpty();
        assertThat(errors(ReportRow.Source.SPREADSHEET, null, "下降 -3.5")).isEmpty();
    }
}
