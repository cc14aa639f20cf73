package org.jingan.progress.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    private final ReportJson json = new ReportJson(3);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadNumbersAndStringsAlikeAsText() {
        ReportRow row = json.readOne(bytes("{\"targetId\": \"c-elevators\", \"value\": 12.50, \"eventTime\": \"2020-03-31\"}"));

        assertThat(row.request().value()).isEqualTo("12.50");
        assertThat(row.request().targetId()).isEqualTo("c-elevators");
    }

    @Test
    void shouldReadABatchAsArrayOrWrappedKeepingTheLineOfEachReport() {
        var rows = json.readBatch(bytes("[\n {\"targetId\": \"a\"},\n\n {\"targetId\": \"b\"}\n]"));
        assertThat(rows).extracting(ReportRow::index, ReportRow::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(1, 4));

        assertThat(json.readBatch(bytes("{\"reports\": [{\"targetId\": \"a\"}]}"))).hasSize(1);
    }

    @Test
    void shouldNameAnUnknownFieldAndListTheKnownOnes() {
        assertThatThrownBy(() -> json.readOne(bytes("{\"targetId\": \"a\", \"valeu\": 3}")))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.MALFORMED_JSON);
                    assertThat(e.field()).isEqualTo("valeu");
                    assertThat(e.getMessage()).contains("unknown field 'valeu'").contains("value");
                });
    }

    @Test
    void shouldGiveLineAndColumnOfASyntaxError() {
        assertThatThrownBy(() -> json.readBatch(bytes("[\n {\"targetId\": \"a\"},\n {\"targetId\" \"b\"}\n]")))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.MALFORMED_JSON);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("report 2").contains("line 3");
                });
    }

    @Test
    void shouldRefuseAnObjectWhereAValueBelongs() {
        assertThatThrownBy(() -> json.readOne(bytes("{\"targetId\": \"a\", \"value\": {\"amount\": 3}}")))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> assertThat(e.field()).isEqualTo("value"));
    }

    @Test
    void shouldSendAnArrayPostedAsOneReportToTheBatchEndpoint() {
        assertThatThrownBy(() -> json.readOne(bytes("[{\"targetId\": \"a\"}]")))
                .hasMessageContaining("/api/v1/reports/batch");
    }

    @Test
    void shouldRefuseEmptyBodiesEmptyBatchesAndTooManyReports() {
        assertThatThrownBy(() -> json.readOne(bytes("  "))).isInstanceOfSatisfying(UnreadableInputException.class,
                e -> assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.EMPTY_BODY));
        assertThatThrownBy(() -> json.readBatch(bytes("[]"))).isInstanceOfSatisfying(UnreadableInputException.class,
                e -> assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.EMPTY_BODY));
        assertThatThrownBy(() -> json.readBatch(bytes("[{},{},{},{}]"))).isInstanceOfSatisfying(UnreadableInputException.class,
                e -> assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.TOO_MANY_ROWS));
    }

    @Test
    void shouldRefuseTrailingContent() {
        assertThatThrownBy(() -> json.readOne(bytes("{\"targetId\": \"a\"} {}"))).isInstanceOf(UnreadableInputException.class);
    }

    @Test
    void shouldRefuseAFieldGivenTwiceNamingItInEveryReportOfABatch() {
        assertThatThrownBy(() -> json.readOne(bytes("{\"value\": 1,\n \"value\": 1000}")))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.MALFORMED_JSON);
                    assertThat(e.field()).isEqualTo("value");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("the field 'value' appears twice");
                    assertThat(e.messageZh()).contains("字段“value”重复出现");
                });
        assertThatThrownBy(() -> json.readBatch(bytes("[{\"note\": \"a\"}, {\"note\": \"a\", \"note\": \"b\"}]")))
                .isInstanceOfSatisfying(UnreadableInputException.class,
                        e -> assertThat(e.getMessage()).contains("'note' appears twice in report 2"));
        assertThatThrownBy(() -> json.readBatch(bytes("{\"reports\": [], \"reports\": [{}]}")))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> assertThat(e.field()).isEqualTo("reports"));
    }

    @Test
    void shouldRefuseABodyThatIsNotUtf8AsSuchNamingWhere() {
        byte[] gbk = "{\"note\":\n \"电梯\"}".getBytes(java.nio.charset.Charset.forName("GBK"));

        assertThatThrownBy(() -> json.readOne(gbk)).isInstanceOfSatisfying(UnreadableInputException.class, e -> {
            assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.NOT_UTF8);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("not UTF-8").contains("line 2, byte 12: 0xB5");
        });
        byte[] utf16 = "{\"note\": \"a\"}".getBytes(StandardCharsets.UTF_16);
        assertThatThrownBy(() -> json.readOne(utf16)).isInstanceOfSatisfying(UnreadableInputException.class,
                e -> assertThat(e.kind()).isEqualTo(UnreadableInputException.Kind.NOT_UTF8));
    }

    @Test
    void shouldReadAUtf8BodyWithABom() {
        byte[] body = ("\uFEFF{\"targetId\": \"c-elevators\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(json.readOne(body).request().targetId()).isEqualTo("c-elevators");
    }

    @Test
    void shouldEscapeControlCharactersTheParserQuotes() {
        assertThatThrownBy(() -> json.readOne(bytes("{\"value\": x\u0000\u001b}")))
                .isInstanceOfSatisfying(UnreadableInputException.class, e -> {
                    assertThat(e.getMessage()).contains("\\u0000").contains("\\u001B")
                            .doesNotContain("\u0000").doesNotContain("\u001b");
                });
    }
}
