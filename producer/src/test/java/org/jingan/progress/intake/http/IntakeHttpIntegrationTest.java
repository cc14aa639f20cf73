package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.intake.IntakeFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way in over HTTP, against the real broker and registry; each stored report is read back from Kafka. */
class IntakeHttpIntegrationTest {
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

    private static ProgressEvent stored(String eventId) {
        List<ProgressEvent> matches = intake.events().stream().filter(e -> e.getEventId().equals(eventId)).toList();
        assertThat(matches).as("records with eventId %s", eventId).hasSize(1);
        return matches.get(0);
    }

    @Test
    void shouldStoreOneReportAsAvroKeyedByTargetAndAnswerWithWhereItIs() {
        String eventId = "single-" + UUID.randomUUID();
        var response = intake.postJson("/api/v1/reports", intake.constructionKey, """
                {"eventId": "%s", "targetId": "c-elevators", "kind": "INCREMENT", "value": 3, "unit": "台",
                 "eventTime": "2020-06-30T17:00:00+08:00", "reporter": "王工", "note": "北站街道"}""".formatted(eventId));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = intake.json(response);
        assertThat(body.get("status").asText()).isEqualTo("accepted");
        assertThat(body.get("eventId").asText()).isEqualTo(eventId);
        assertThat(body.get("targetId").asText()).isEqualTo("c-elevators");

        ConsumerRecord<String, ProgressEvent> record = intake.records().stream()
                .filter(r -> r.value().getEventId().equals(eventId)).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo("c-elevators");
        assertThat(record.partition()).isEqualTo(body.get("partition").asInt());
        assertThat(record.offset()).isEqualTo(body.get("offset").asLong());
        ProgressEvent event = record.value();
        assertThat(event.getDepartmentId()).isEqualTo("construction");
        assertThat(event.getKind()).isEqualTo(UpdateKind.INCREMENT);
        assertThat(event.getValue()).isEqualTo(3.0);
        assertThat(event.getUnit()).isEqualTo("台");
        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2020-06-30T09:00:00Z"));
        assertThat(event.getReporter()).isEqualTo("王工");
        assertThat(event.getNote()).isEqualTo("北站街道");
        assertThat(event.getChannel()).isEqualTo("HTTP");
    }

    @Test
    void shouldStoreABatchWholeWithEveryReportsPlace() {
        var response = intake.postJson("/api/v1/reports/batch", intake.commerceKey, """
                [
                  {"targetId": "m-retail-sales", "kind": "CUMULATIVE_TO_DATE", "value": 480.5, "eventTime": "2020-05-31"},
                  {"targetId": "m-growth", "value": "5.2%", "eventTime": "2020-05-31"},
                  {"targetId": "m-complaints", "kind": "LEVEL", "value": 12, "eventTime": "2020-05-31"}
                ]""", "X-Report-Channel", "DEMO");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = intake.json(response);
        assertThat(body.get("count").asInt()).isEqualTo(3);
        assertThat(body.get("events")).extracting(e -> e.get("line").asInt()).containsExactly(2, 3, 4);
        for (JsonNode e : body.get("events")) {
            ProgressEvent event = stored(e.get("eventId").asText());
            assertThat(event.getTargetId()).isEqualTo(e.get("targetId").asText());
            assertThat(event.getChannel()).isEqualTo("DEMO");
            assertThat(event.getDepartmentId()).isEqualTo("commerce");
        }
        assertThat(stored(body.get("events").get(1).get("eventId").asText()).getValue()).isEqualTo(5.2);
    }

    @Test
    void shouldStoreAnUploadedExcelCsvWithBomAndChineseHeaders() {
        byte[] csv = ("\uFEFF目标编号,目标名称,日期,类型,数值,单位,填报人,备注\r\n"
                + "c-elevators,加装电梯,2020/4/30,累计,21,台,李工,\r\n"
                + "c-elevators,加装电梯,2020/5/31,累计,27,台,李工,\"五月, 含静安寺\"\r\n"
                + "c-bridge-done,昌平路桥,2020年6月28日,完成,,,李工,竣工验收\r\n").getBytes(StandardCharsets.UTF_8);

        var response = intake.postBytes("/api/v1/reports/upload", intake.constructionKey, csv, "text/csv; charset=utf-8");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = intake.json(response);
        assertThat(body.get("count").asInt()).isEqualTo(3);
        assertThat(body.get("ignoredColumns").get(0).asText()).isEqualTo("目标名称");
        assertThat(body.get("events")).extracting(e -> e.get("line").asInt()).containsExactly(2, 3, 4);
        ProgressEvent may = stored(body.get("events").get(1).get("eventId").asText());
        assertThat(may.getKind()).isEqualTo(UpdateKind.CUMULATIVE_TO_DATE);
        assertThat(may.getValue()).isEqualTo(27.0);
        assertThat(may.getNote()).isEqualTo("五月, 含静安寺");
        assertThat(may.getChannel()).isEqualTo("SPREADSHEET");
        assertThat(may.getEventTime()).isEqualTo(Instant.parse("2020-05-30T16:00:00Z"));
        ProgressEvent bridge = stored(body.get("events").get(2).get("eventId").asText());
        assertThat(bridge.getKind()).isEqualTo(UpdateKind.MILESTONE_REACHED);
        assertThat(bridge.getValue()).isNull();
    }

    @Test
    void shouldAcceptASpreadsheetAsAMultipartFormFileWithEnglishHeaders() {
        String boundary = "----intake" + UUID.randomUUID();
        String form = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"growth.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "target_id,date,value,unit\r\nm-growth,2020-04-30,4.9,%\r\n"
                + "--" + boundary + "--\r\n";

        var response = intake.postBytes("/api/v1/reports/upload", intake.commerceKey, form.getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=" + boundary);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        ProgressEvent event = stored(intake.json(response).get("events").get(0).get("eventId").asText());
        assertThat(event.getKind()).isEqualTo(UpdateKind.LEVEL);
        assertThat(event.getValue()).isEqualTo(4.9);
    }

    @Test
    void shouldAnswerARetryWithTheSameEventIdAsTheFirstTimeAndStoreItOnce() {
        String json = """
                {"eventId": "retry-%s", "targetId": "c-wet-waste", "kind": "LEVEL", "value": 410, "eventTime": "2020-06-01"}"""
                .formatted(UUID.randomUUID());

        var first = intake.postJson("/api/v1/reports", intake.constructionKey, json);
        var retry = intake.postJson("/api/v1/reports", intake.constructionKey, json);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        stored(intake.json(first).get("eventId").asText());
    }

    @Test
    void shouldTreatARetryWithTheSameIdempotencyKeyAsTheSameReport() {
        String key = UUID.randomUUID().toString();
        String json = """
                {"targetId": "c-wet-waste", "kind": "LEVEL", "value": 420, "eventTime": "2020-06-02"}""";

        var first = intake.postJson("/api/v1/reports", intake.constructionKey, json, "Idempotency-Key", key);
        var retry = intake.postJson("/api/v1/reports", intake.constructionKey, json, "Idempotency-Key", key);
        var other = intake.postJson("/api/v1/reports", intake.constructionKey, json, "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(retry.body()).isEqualTo(first.body());
        stored(intake.json(first).get("eventId").asText());
        assertThat(intake.json(other).get("eventId").asText()).isNotEqualTo(intake.json(first).get("eventId").asText());
    }

    @Test
    void shouldRefuseAnEventIdReusedForADifferentReportWithoutWritingIt() {
        String eventId = "reuse-" + UUID.randomUUID();
        intake.postJson("/api/v1/reports", intake.constructionKey, """
                {"eventId": "%s", "targetId": "c-wet-waste", "value": 430, "eventTime": "2020-06-03"}""".formatted(eventId));

        var reused = intake.postJson("/api/v1/reports", intake.constructionKey, """
                {"eventId": "%s", "targetId": "c-wet-waste", "value": 999, "eventTime": "2020-06-03"}""".formatted(eventId));

        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(intake.json(reused).get("errors").get(0).get("code").asText()).isEqualTo("EVENT_ID_CONFLICT");
        assertThat(stored(eventId).getValue()).isEqualTo(430.0);
    }

    @Test
    void shouldCountAReUploadedSpreadsheetOnceAndOnlyAddTheNewRowsOfAGrownOne() {
        String march = "目标编号,日期,数值\nm-retail-sales,2020-03-31,250\n";
        String april = march + "m-retail-sales,2020-04-30,330\n";

        var first = intake.postBytes("/api/v1/reports/upload", intake.commerceKey, march.getBytes(StandardCharsets.UTF_8), "text/csv");
        var again = intake.postBytes("/api/v1/reports/upload", intake.commerceKey, march.getBytes(StandardCharsets.UTF_8), "text/csv");
        var grown = intake.postBytes("/api/v1/reports/upload", intake.commerceKey, april.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(grown.statusCode()).isEqualTo(202);
        String marchId = intake.json(first).get("events").get(0).get("eventId").asText();
        assertThat(intake.json(grown).get("events").get(0).get("eventId").asText()).isEqualTo(marchId);
        stored(marchId);
        stored(intake.json(grown).get("events").get(1).get("eventId").asText());
    }

    @Test
    void shouldListOnlyTheCallersOwnTargetsWithHowToReportThem() {
        JsonNode own = intake.json(intake.get("/api/v1/targets", intake.commerceKey));

        assertThat(own).extracting(t -> t.get("id").asText()).containsExactly("m-complaints", "m-growth", "m-retail-sales");
        JsonNode retail = own.get(2);
        assertThat(retail.get("unit").asText()).isEqualTo("亿元");
        assertThat(retail.get("kind").asText()).isEqualTo("CUMULATIVE");
        assertThat(retail.get("defaultUpdateKind").asText()).isEqualTo("CUMULATIVE_TO_DATE");
        assertThat(retail.get("updateKinds")).extracting(JsonNode::asText).contains("INCREMENT", "CUMULATIVE_TO_DATE");
    }

    @Test
    void shouldShowThePublicCatalogOfEveryDepartmentWithoutReportingDetails() {
        JsonNode catalog = intake.json(intake.get("/api/v1/catalog", intake.commerceKey));

        assertThat(catalog).hasSize(6);
        assertThat(catalog).extracting(t -> t.get("departmentId").asText()).contains("construction", "commerce");
        assertThat(catalog.get(0).has("updateKinds")).isFalse();
    }

    @Test
    void shouldStoreAGbkCsvAsExcelsCsvCommaDelimitedWritesItInChineseWindows() {
        byte[] csv = ("目标编号,日期,类型,数值,填报人,备注\r\n"
                + "c-elevators,2020/5/15,累计,24,李工,五月中旬\r\n").getBytes(java.nio.charset.Charset.forName("GBK"));

        var response = intake.postBytes("/api/v1/reports/upload", intake.constructionKey, csv, "text/csv");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        ProgressEvent stored = stored(intake.json(response).get("events").get(0).get("eventId").asText());
        assertThat(stored.getReporter()).isEqualTo("李工");
        assertThat(stored.getNote()).isEqualTo("五月中旬");
    }

    @Test
    void shouldOfferTheTemplateAsXlsxWithTheTargetsKindsAsADropDownAndStoreItFilledIn() throws Exception {
        HttpResponse<byte[]> template = intake.http.send(intake.request("/api/v1/targets/template.xlsx", intake.constructionKey).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("spreadsheetml"));
        byte[] filled;
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(template.body()));
             var out = new java.io.ByteArrayOutputStream()) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("目标编号");
            var rows = new java.util.ArrayList<String>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                rows.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(rows).contains("c-elevators", "c-bridge-done").doesNotContain("m-retail-sales");
            var kinds = new java.util.HashMap<Integer, java.util.List<String>>();
            sheet.getDataValidations().forEach(v -> kinds.put(v.getRegions().getCellRangeAddress(0).getFirstRow(),
                    java.util.List.of(v.getValidationConstraint().getExplicitListValues())));
            assertThat(kinds.get(1 + rows.indexOf("c-elevators"))).containsExactly("增量", "累计");
            assertThat(kinds.get(1 + rows.indexOf("c-bridge-done"))).containsExactly("完成");
            var row = sheet.getRow(1 + rows.indexOf("c-elevators"));
            row.getCell(2).setCellValue(java.time.LocalDate.of(2020, 5, 20));
            row.createCell(4).setCellValue(25);
            row.createCell(6).setCellValue("李工");
            workbook.write(out);
            filled = out.toByteArray();
        }

        var response = intake.postBytes("/api/v1/reports/upload", intake.constructionKey, filled,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(intake.json(response).get("count").asInt()).as("the rows left without a date are not reports").isEqualTo(1);
        ProgressEvent stored = stored(intake.json(response).get("events").get(0).get("eventId").asText());
        assertThat(stored.getValue()).isEqualTo(25.0);
        assertThat(stored.getEventTime()).isEqualTo(Instant.parse("2020-05-19T16:00:00Z"));
    }

    @Test
    void shouldOfferAFillInSpreadsheetOfTheCallersTargets() {
        var response = intake.get("/api/v1/targets/template.csv", intake.constructionKey);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.body()).startsWith("\uFEFF目标编号,目标名称,日期").contains("c-elevators,既有多层住宅加装电梯,,累计,,台")
                .doesNotContain("m-retail-sales");
    }

    @Test
    void shouldServeProblemPagesAndHealthAndMetricsOnTheManagementPort() {
        assertThat(intake.management("/health/live").statusCode()).isEqualTo(200);
        var ready = intake.management("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(intake.json(ready).get("checks").get("kafka").asBoolean()).isTrue();

        intake.postJson("/api/v1/reports", null, "{}");
        String metrics = intake.management("/metrics").body();
        assertThat(metrics).contains("intake_requests_refused_total{reason=\"no-credential\"}")
                .contains("kafka_producer");

        var page = intake.get("/problems/validation-failed", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Nothing was written").contains("全部未写入");

        // metrics and health on the loopback management port only
        assertThat(intake.server.managementUrl()).startsWith("http://127.0.0.1:");
        for (String path : List.of("/metrics", "/health/live", "/health/ready")) {
            var onApiPort = intake.get(path, null);
            assertThat(onApiPort.statusCode()).as(path).isEqualTo(404);
            assertThat(intake.json(onApiPort).get("type").asText()).isEqualTo("/problems/not-found");
        }
    }

    @Test
    void shouldAnswerUnknownEndpointsAndMethodsWithProblems() {
        var missing = intake.get("/api/v1/nothing", intake.commerceKey);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(intake.json(missing).get("type").asText()).isEqualTo("/problems/not-found");

        var wrongMethod = intake.send(intake.request("/api/v1/reports", intake.commerceKey)
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(wrongMethod.statusCode()).isIn(404, 405);
        assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void shouldAnswerTheApiRootWithAnIndexLinkingItsOpenApiDocumentAndProblemTypes() {
        for (String root : List.of("/api/v1", "/api/v1/", "/")) {
            var index = intake.get(root, null);

            assertThat(index.statusCode()).as(root + ": " + index.body()).isEqualTo(200);
            JsonNode body = intake.json(index);
            assertThat(body.get("openapi").asText()).isEqualTo("/api/v1/openapi.json");
            assertThat(body.get("problems").asText()).isEqualTo("/problems");
            assertThat(body.get("endpoints")).anySatisfy(e -> {
                assertThat(e.get("method").asText()).isEqualTo("POST");
                assertThat(e.get("path").asText()).isEqualTo("/api/v1/reports");
                assertThat(e.get("public").asBoolean()).isFalse();
            });
        }

        var openApi = intake.get("/api/v1/openapi.json", null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(intake.json(openApi).get("openapi").asText()).startsWith("3.1");
        var problems = intake.get("/problems", null);
        assertThat(problems.statusCode()).isEqualTo(200);
        assertThat(intake.json(problems)).anySatisfy(p -> assertThat(p.get("type").asText()).isEqualTo("/problems/rate-limited"));
    }

    @Test
    void shouldShowAPersonsBrowserAPageWithTheLinks() {
        var page = intake.send(intake.request("/api/v1", null, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<a href=\"/api/v1/openapi.json\">").contains("<a href=\"/problems\">")
                .contains("/api/v1/reports/upload").contains("提交一条填报");
    }

    @Test
    void shouldAnswerEveryGetLinkOfTheIndexWithSomethingOtherThan404() {
        for (JsonNode e : intake.json(intake.get("/api/v1", null)).get("endpoints")) {
            String path = e.get("path").asText().replace("{slug}", "validation-failed").replace("{id}", "c-elevators");
            if (!e.get("method").asText().equals("GET")) {
                continue;
            }
            var response = intake.get(path, e.get("public").asBoolean() ? null : intake.constructionKey);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
    }
}
