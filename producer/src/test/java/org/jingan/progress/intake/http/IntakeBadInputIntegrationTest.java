package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jingan.progress.intake.IntakeFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix: every rule gets an RFC 9457 problem with a sentence in English and Chinese and the field
 * that is wrong, and nothing reaches the topic.
 */
class IntakeBadInputIntegrationTest {
    @TempDir
    static Path dir;
    static IntakeFixture intake;

    @BeforeAll
    static void start() {
        intake = IntakeFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        intake.close();
    }

    private static final String REPORT = "/api/v1/reports";
    private static final String BATCH = "/api/v1/reports/batch";
    private static final String UPLOAD = "/api/v1/reports/upload";

    private static String one(String fields) {
        return "{" + fields + "}";
    }

    static Stream<Arguments> badReports() {
        return Stream.of(
                Arguments.of("unknown target", REPORT, one("\"targetId\": \"c-elevatorz\", \"value\": 1, \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "targetId", "UNKNOWN_TARGET"),
                Arguments.of("another department's target", REPORT, one("\"targetId\": \"m-retail-sales\", \"value\": 1, \"eventTime\": \"2020-06-01\""),
                        403, "forbidden-target", "targetId", "FORBIDDEN_TARGET"),
                Arguments.of("increment on a milestone", REPORT, one("\"targetId\": \"c-bridge-done\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "kind", "KIND_NOT_FOR_TARGET"),
                Arguments.of("percentage on a count", REPORT, one("\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 5, \"unit\": \"%\", \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "unit", "UNIT_MISMATCH"),
                Arguments.of("negative increment of a count", REPORT, one("\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": -4, \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "value", "NEGATIVE_INCREMENT"),
                Arguments.of("event time in the future", REPORT, one("\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2020-07-15\""),
                        422, "validation-failed", "eventTime", "EVENT_TIME_IN_FUTURE"),
                Arguments.of("event time after the deadline and its reporting grace", REPORT, one("\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2021-03-01\""),
                        422, "validation-failed", "eventTime", "EVENT_TIME_AFTER_DEADLINE"),
                Arguments.of("a spreadsheet row of 2025 on a 2020 target", UPLOAD, "目标编号,日期,数值\nc-elevators,2020-05-31,12\nc-elevators,2025-06-30,13\n",
                        422, "validation-failed", "eventTime", "EVENT_TIME_AFTER_DEADLINE"),
                Arguments.of("event time before the reporting year", REPORT, one("\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2019-12-20\""),
                        422, "validation-failed", "eventTime", "EVENT_TIME_BEFORE_YEAR"),
                Arguments.of("value not a number", REPORT, one("\"targetId\": \"c-elevators\", \"value\": \"twelve\", \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "value", "VALUE_NOT_A_NUMBER"),
                Arguments.of("one wrong report in a batch", BATCH, """
                        [{"targetId": "c-elevators", "kind": "INCREMENT", "value": 1, "eventTime": "2020-06-01"},
                         {"targetId": "c-elevators", "kind": "INCREMENT", "value": 1.5, "eventTime": "2020-06-02"}]""",
                        422, "validation-failed", "value", "VALUE_NOT_WHOLE"),
                Arguments.of("a wrong spreadsheet row", UPLOAD, "目标编号,日期,数值\nc-elevators,2020-05-31,12\nc-wet-waste,2020-05-31,abc\n",
                        422, "validation-failed", "value", "VALUE_NOT_A_NUMBER"),
                // numeric bounds: finite and under INTAKE_MAX_VALUE_MULTIPLE (100) times the target's value
                Arguments.of("value 1e300", REPORT, one("\"targetId\": \"c-elevators\", \"value\": 1e300, \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "value", "VALUE_OUT_OF_RANGE"),
                Arguments.of("value beyond any double", REPORT, one("\"targetId\": \"c-elevators\", \"value\": \"1e400\", \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "value", "VALUE_OUT_OF_RANGE"),
                Arguments.of("a level over 100 times the target", REPORT, one("\"targetId\": \"c-wet-waste\", \"value\": 50001, \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "value", "VALUE_OUT_OF_RANGE"),
                Arguments.of("a spreadsheet increment over 100 times the target", UPLOAD, "目标编号,日期,类型,数值\nc-elevators,2020-05-31,增量,10001\n",
                        422, "validation-failed", "value", "VALUE_OUT_OF_RANGE"),
                // control characters in text fields
                Arguments.of("NUL in the note", REPORT, one("\"targetId\": \"c-elevators\", \"value\": 1, \"eventTime\": \"2020-06-01\", \"note\": \"ok\\u0000\""),
                        422, "validation-failed", "note", "CONTROL_CHARACTER"),
                Arguments.of("ESC in the note", REPORT, one("\"targetId\": \"c-elevators\", \"value\": 1, \"eventTime\": \"2020-06-01\", \"note\": \"\\u001b[31mred\""),
                        422, "validation-failed", "note", "CONTROL_CHARACTER"),
                Arguments.of("DEL in the reporter", REPORT, one("\"targetId\": \"c-elevators\", \"value\": 1, \"eventTime\": \"2020-06-01\", \"reporter\": \"王\\u007f工\""),
                        422, "validation-failed", "reporter", "CONTROL_CHARACTER"),
                Arguments.of("a C1 control in the note", REPORT, one("\"targetId\": \"c-elevators\", \"value\": 1, \"eventTime\": \"2020-06-01\", \"note\": \"a\\u0085b\""),
                        422, "validation-failed", "note", "CONTROL_CHARACTER"),
                Arguments.of("a line break inside the note", REPORT, one("\"targetId\": \"c-elevators\", \"value\": 1, \"eventTime\": \"2020-06-01\", \"note\": \"one\\ntwo\""),
                        422, "validation-failed", "note", "CONTROL_CHARACTER"),
                Arguments.of("NUL in the targetId", REPORT, one("\"targetId\": \"c-elevators\\u0000\", \"value\": 1, \"eventTime\": \"2020-06-01\""),
                        422, "validation-failed", "targetId", "CONTROL_CHARACTER"),
                Arguments.of("ESC in a spreadsheet note", UPLOAD, "目标编号,日期,数值,备注\nc-elevators,2020-05-31,12,\u001b[2Jcleared\n",
                        422, "validation-failed", "note", "CONTROL_CHARACTER"),
                // CSV formula injection on upload (a negative number in the value column stays a number)
                Arguments.of("a formula in a spreadsheet note", UPLOAD, "目标编号,日期,数值,备注\nc-elevators,2020-05-31,12,=cmd|' /C calc'!A0\n",
                        422, "validation-failed", "note", "SPREADSHEET_FORMULA"),
                Arguments.of("a formula after a plus", UPLOAD, "目标编号,日期,数值,备注\nc-elevators,2020-05-31,12,+1+cmd|' /C calc'!A0\n",
                        422, "validation-failed", "note", "SPREADSHEET_FORMULA"),
                Arguments.of("a formula after a minus", UPLOAD, "目标编号,日期,数值,备注\nc-elevators,2020-05-31,12,-2+3+cmd|' /C calc'!A0\n",
                        422, "validation-failed", "note", "SPREADSHEET_FORMULA"),
                Arguments.of("a formula in the reporter", UPLOAD, "目标编号,日期,数值,填报人\nc-elevators,2020-05-31,12,@SUM(1+1)*cmd|' /C calc'!A0\n",
                        422, "validation-failed", "reporter", "SPREADSHEET_FORMULA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReports")
    void shouldRefuseWithAProblemNamingTheFieldAndWriteNothing(String name, String path, String body, int status,
                                                               String type, String field, String code) {
        int before = intake.records().size();

        var response = path.equals(UPLOAD)
                ? intake.postBytes(path, intake.constructionKey, body.getBytes(StandardCharsets.UTF_8), "text/csv")
                : intake.postJson(path, intake.constructionKey, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = assertProblem(response, status, type);
        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(field);
            assertThat(e.get("code").asText()).isEqualTo(code);
            assertThat(e.get("reason").asText()).isNotBlank();
            assertThat(e.get("reasonZh").asText()).isNotBlank();
        });
        assertThat(intake.records()).as("nothing written").hasSize(before);
    }

    static Stream<Arguments> unreadableRequests() {
        String tooManyRows = "目标编号,日期,数值\n" + "c-elevators,2020-05-31,1\n".repeat(IntakeFixture.MAX_ROWS + 1);
        byte[] tooLarge = ("{\"targetId\": \"c-elevators\", \"note\": \"" + "x".repeat((int) IntakeFixture.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("empty body", REPORT, "application/json", new byte[0], 400, "empty-body"),
                Arguments.of("blank batch", BATCH, "application/json", " \n".getBytes(StandardCharsets.UTF_8), 400, "empty-body"),
                Arguments.of("malformed JSON", REPORT, "application/json", "{\"targetId\": \"c-elevators\",\n \"value\" 3}"
                        .getBytes(StandardCharsets.UTF_8), 400, "malformed-json"),
                Arguments.of("unknown JSON field", REPORT, "application/json", "{\"target\": \"c-elevators\"}"
                        .getBytes(StandardCharsets.UTF_8), 400, "malformed-json"),
                Arguments.of("malformed CSV", UPLOAD, "text/csv", "目标编号,日期,数值\nc-elevators,2020-05-31,\"1\"2\n"
                        .getBytes(StandardCharsets.UTF_8), 400, "malformed-csv"),
                Arguments.of("CSV missing the date column", UPLOAD, "text/csv", "目标编号,数值\nc-elevators,1\n"
                        .getBytes(StandardCharsets.UTF_8), 400, "malformed-csv"),
                Arguments.of("CSV neither UTF-8 nor GBK", UPLOAD, "text/csv", new byte[]{'a', ',', 'b', '\n', (byte) 0xFF, (byte) 0xFF},
                        400, "not-utf8"),
                Arguments.of("CSV said to be Latin-1", UPLOAD, "text/csv; charset=iso-8859-1", "目标编号,日期,数值\nc-elevators,2020-05-31,1\n"
                        .getBytes(StandardCharsets.UTF_8), 415, "unsupported-media-type"),
                Arguments.of("empty spreadsheet", UPLOAD, "text/csv", new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 400, "empty-body"),
                Arguments.of("too many rows", UPLOAD, "text/csv", tooManyRows.getBytes(StandardCharsets.UTF_8), 413, "too-many-rows"),
                Arguments.of("oversized body", REPORT, "application/json", tooLarge, 413, "body-too-large"),
                Arguments.of("JSON sent to the upload", UPLOAD, "application/json", "{}".getBytes(StandardCharsets.UTF_8), 415,
                        "unsupported-media-type"),
                // strict content types
                Arguments.of("JSON sent as text/plain", REPORT, "text/plain", GOOD_REPORT.getBytes(StandardCharsets.UTF_8), 415,
                        "unsupported-media-type"),
                Arguments.of("a batch sent as a form", BATCH, "application/x-www-form-urlencoded",
                        ("[" + GOOD_REPORT + "]").getBytes(StandardCharsets.UTF_8), 415, "unsupported-media-type"),
                Arguments.of("JSON without a Content-Type", REPORT, null, GOOD_REPORT.getBytes(StandardCharsets.UTF_8), 415,
                        "unsupported-media-type"),
                Arguments.of("JSON in another charset", REPORT, "application/json; charset=iso-8859-1",
                        GOOD_REPORT.getBytes(StandardCharsets.UTF_8), 415, "unsupported-media-type"),
                Arguments.of("CSV sent as text/plain", UPLOAD, "text/plain", "目标编号,日期,数值\nc-elevators,2020-05-31,12\n"
                        .getBytes(StandardCharsets.UTF_8), 415, "unsupported-media-type"),
                // duplicate keys
                Arguments.of("a key twice in a report", REPORT, "application/json",
                        "{\"targetId\": \"c-elevators\", \"value\": 1, \"value\": 1000, \"eventTime\": \"2020-06-01\"}"
                                .getBytes(StandardCharsets.UTF_8), 400, "malformed-json"),
                Arguments.of("a key twice in a batch's report", BATCH, "application/json",
                        "[{\"targetId\": \"c-elevators\", \"eventTime\": \"2020-06-01\", \"value\": 1, \"eventTime\": \"2020-06-02\"}]"
                                .getBytes(StandardCharsets.UTF_8), 400, "malformed-json"),
                // the right problem for each unreadable case
                Arguments.of("JSON not in UTF-8", REPORT, "application/json",
                        "{\"targetId\": \"c-elevators\", \"value\": 1, \"eventTime\": \"2020-06-01\", \"note\": \"电梯\"}"
                                .getBytes(Charset.forName("GBK")), 400, "not-utf8"),
                Arguments.of("a NUL and 0xFF body", REPORT, "application/json", new byte[]{0x00, (byte) 0xFF}, 400, "not-utf8"),
                Arguments.of("a form without the file field", UPLOAD, "multipart/form-data; boundary=" + BOUNDARY,
                        formWithoutFile().getBytes(StandardCharsets.UTF_8), 400, "missing-file"));
    }

    private static final String GOOD_REPORT = "{\"targetId\": \"c-elevators\", \"kind\": \"INCREMENT\", \"value\": 1, \"eventTime\": \"2020-06-01\"}";
    private static final String BOUNDARY = "----intake-test-boundary";

    /** A multipart form with a text field and a file under another name than 'file'. */
    private static String formWithoutFile() {
        return "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"comment\"\r\n\r\n"
                + "June figures\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"june.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "目标编号,日期,数值\r\nc-elevators,2020-05-31,12\r\n"
                + "--" + BOUNDARY + "--\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableRequests")
    void shouldRefuseAnUnreadableRequestWithAProblemAndWriteNothing(String name, String path, String contentType, byte[] body,
                                                                   int status, String type) {
        int before = intake.records().size();

        var response = intake.postBytes(path, intake.constructionKey, body, contentType);

        assertProblem(response, status, type);
        assertThat(intake.records()).as("nothing written").hasSize(before);
    }

    @Test
    void shouldListEveryWrongRowOfASpreadsheetWithLineFieldAndReason() {
        String csv = """
                目标编号,日期,类型,数值,单位
                c-elevators,2020-03-31,累计,12,台
                c-elevators,2020-04-31,累计,15,台
                c-bridge-done,2020-05-20,增量,1,
                m-retail-sales,2020-05-31,累计,300,亿元
                c-elevators,2020-05-31,增量,-2,台
                c-wet-waste,2020-05-31,水平,450,%
                """;
        int before = intake.records().size();

        var response = intake.postBytes(UPLOAD, intake.constructionKey, csv.getBytes(StandardCharsets.UTF_8), "text/csv");

        JsonNode problem = assertProblem(response, 403, "forbidden-target");
        assertThat(problem.get("detail").asText()).contains("1 of 6 reports");
        assertThat(problem.get("errors")).extracting(e -> e.get("line").asInt() + ":" + e.get("field").asText() + ":" + e.get("code").asText())
                .containsExactlyInAnyOrder("3:eventTime:EVENT_TIME_UNREADABLE", "4:kind:KIND_NOT_FOR_TARGET",
                        "5:targetId:FORBIDDEN_TARGET", "6:value:NEGATIVE_INCREMENT", "7:unit:UNIT_MISMATCH");
        assertThat(intake.records()).as("nothing written, not even the good row 2").hasSize(before);
    }

    @Test
    void shouldNameTheAllowedRangeInBothLanguagesWhenAReportIsDatedAfterTheDeadlineOrInTheFuture() {
        var late = intake.postJson(BATCH, intake.constructionKey, """
                [{"targetId": "c-elevators", "kind": "INCREMENT", "value": 1, "eventTime": "2021-02-01"},
                 {"targetId": "c-elevators", "kind": "INCREMENT", "value": 2, "eventTime": "2020-07-01T12:00:00+08:00"}]""");

        JsonNode errors = assertProblem(late, 422, "validation-failed").get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("code").asText()).isEqualTo("EVENT_TIME_AFTER_DEADLINE");
        assertThat(errors.get(0).get("reason").asText())
                .contains("after the reporting period of target 'c-elevators'").contains("deadline is 2020-12-31")
                .contains("31 days").contains("from 2020-01-01 to 2021-01-31");
        assertThat(errors.get(0).get("reasonZh").asText())
                .contains("超出目标“c-elevators”的填报期").contains("截止日期为 2020-12-31").contains("31天")
                .contains("2020-01-01 至 2021-01-31");
        assertThat(errors.get(1).get("code").asText()).isEqualTo("EVENT_TIME_IN_FUTURE");
        assertThat(errors.get(1).get("reason").asText())
                .contains("the district clock's now is 2020-07-01 10:00 (Asia/Shanghai)").contains("at most 1 h after it")
                .contains("from 2020-01-01 to 2020-07-01 11:00");
        assertThat(errors.get(1).get("reasonZh").asText())
                .contains("区时钟当前时间为 2020-07-01 10:00（上海时间）").contains("1小时").contains("2020-01-01 至 2020-07-01 11:00");
    }

    @Test
    void shouldLocateAJsonSyntaxErrorByLineAndColumn() {
        var response = intake.postJson(BATCH, intake.constructionKey, "[\n {\"targetId\": \"c-elevators\"},\n {\"targetId\": }\n]");

        JsonNode problem = assertProblem(response, 400, "malformed-json");
        assertThat(problem.get("location").get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("detail").asText()).contains("line 3");
    }

    @Test
    void shouldRefuseAnUnusableIdempotencyKey() {
        var response = intake.postJson(REPORT, intake.constructionKey,
                "{\"targetId\": \"c-elevators\", \"value\": 1, \"eventTime\": \"2020-06-01\"}", "Idempotency-Key", "x".repeat(200));

        JsonNode problem = assertProblem(response, 400, "invalid-header");
        assertThat(problem.get("location").get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void shouldNameTheKeyThatAppearsTwice() {
        var response = intake.postJson(REPORT, intake.constructionKey,
                "{\"targetId\": \"c-elevators\", \"value\": 1,\n \"value\": 1000, \"eventTime\": \"2020-06-01\"}");

        JsonNode problem = assertProblem(response, 400, "malformed-json");
        assertThat(problem.get("location").get("field").asText()).isEqualTo("value");
        assertThat(problem.get("location").get("line").asInt()).isEqualTo(2);
        assertThat(problem.get("detail").asText()).contains("'value'").contains("twice");
        assertThat(problem.get("detailZh").asText()).contains("value").contains("重复");
    }

    @Test
    void shouldNotShowAGarbledTokenForANulAnd0xFFBody() {
        var response = intake.postBytes(REPORT, intake.constructionKey, new byte[]{0x00, (byte) 0xFF}, "application/json");

        JsonNode problem = assertProblem(response, 400, "not-utf8");
        assertPrintable(problem.get("detail").asText());
        assertPrintable(problem.get("detailZh").asText());
        assertThat(problem.get("detail").asText()).contains("UTF-8").doesNotContain("Excel");
    }

    @Test
    void shouldEscapeControlCharactersQuotedFromAMalformedBody() {
        var response = intake.postBytes(REPORT, intake.constructionKey, "{\"value\": x\u0000\u001b}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        JsonNode problem = assertProblem(response, 400, "malformed-json");
        assertPrintable(problem.get("detail").asText());
        assertThat(problem.get("detail").asText()).contains("\\u0000");
    }

    @Test
    void shouldSayTheFileFieldIsMissingAndWhichPartsCame() {
        var response = intake.postBytes(UPLOAD, intake.constructionKey, formWithoutFile().getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=" + BOUNDARY);

        JsonNode problem = assertProblem(response, 400, "missing-file");
        assertThat(problem.get("location").get("field").asText()).isEqualTo("file");
        assertThat(problem.get("detail").asText()).contains("'file'").contains("comment").contains("upload");
    }

    @Test
    void shouldAnswer405WithAllowOnAGetOfAPostOnlyEndpoint() {
        for (String path : new String[]{REPORT, BATCH, UPLOAD}) {
            var response = intake.get(path, intake.constructionKey);

            assertProblem(response, 405, "method-not-allowed");
            assertThat(response.headers().firstValue("Allow")).as(path).hasValue("POST");
        }
        var put = intake.send(intake.request(REPORT, intake.constructionKey).PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertProblem(put, 405, "method-not-allowed");
    }

    @Test
    void shouldStillTakeJsonWithACharsetAndNegativeNumbersInASpreadsheetsValueColumn() {
        var json = intake.postBytes(REPORT, intake.constructionKey, GOOD_REPORT.getBytes(StandardCharsets.UTF_8),
                "application/json; charset=UTF-8");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(202);

        var csv = intake.postBytes(UPLOAD, intake.commerceKey, "目标编号,日期,数值,备注\nm-growth,2020-05-31,-3.5,下降 3.5%\n"
                .getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(202);
    }

    private static void assertPrintable(String text) {
        assertThat(text.codePoints().filter(c -> Character.isISOControl(c) || c == 0xFFFD || c == 0xFF))
                .as("control or garbled characters in %s", text).isEmpty();
    }

    private static JsonNode assertProblem(java.net.http.HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = intake.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("titleZh").asText()).isNotBlank();
        assertThat(problem.get("detailZh").asText()).isNotBlank();
        return problem;
    }
}
