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
                        422, "validation-failed", "value", "VALUE_NOT_A_NUMBER"));
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
                Arguments.of("CSV saved as GBK", UPLOAD, "text/csv", "目标编号,日期,数值\nc-elevators,2020-05-31,1\n"
                        .getBytes(Charset.forName("GBK")), 400, "not-utf8"),
                Arguments.of("empty spreadsheet", UPLOAD, "text/csv", new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 400, "empty-body"),
                Arguments.of("too many rows", UPLOAD, "text/csv", tooManyRows.getBytes(StandardCharsets.UTF_8), 413, "too-many-rows"),
                Arguments.of("oversized body", REPORT, "application/json", tooLarge, 413, "body-too-large"),
                Arguments.of("JSON sent to the upload", UPLOAD, "application/json", "{}".getBytes(StandardCharsets.UTF_8), 415,
                        "unsupported-media-type"));
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
