package org.jingan.progress.intake.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads reports from JSON: one report (an object) or a batch (an array of objects, or {@code {"reports": [...]}}).
 * Each report remembers the line it starts on; a syntax error, an unknown field or a field given twice names line,
 * column and field. The body must be UTF-8 (RFC 8259): it is decoded strictly before parsing, so a GBK or UTF-16
 * body is refused as such rather than guessed at, and whatever the parser quotes back is escaped.
 */
public final class ReportJson {
    /** Jackson's message for a field given twice (StreamReadFeature.STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '(.*)'");
    private final ObjectMapper mapper;
    private final int maxRows;

    public ReportJson(int maxRows) {
        this.mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // {"value": 1, "value": 1000}: which one was meant is not guessed
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.maxRows = maxRows;
    }

    public ReportRow readOne(byte[] body) {
        String text = decode(body);
        try (JsonParser p = mapper.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                throw malformed(p.currentTokenLocation(), null,
                        "this endpoint takes one report as a JSON object; send several to POST /api/v1/reports/batch",
                        "此接口只接收一条填报（JSON 对象）；多条请发送到 POST /api/v1/reports/batch");
            }
            if (first != JsonToken.START_OBJECT) {
                throw malformed(p.currentTokenLocation(), null, "a report is a JSON object like {\"targetId\": …, \"value\": …}",
                        "填报应为 JSON 对象，例如 {\"targetId\": …, \"value\": …}");
            }
            int line = p.currentTokenLocation().getLineNr();
            ReportRequest request = mapper.readValue(p, ReportRequest.class);
            if (p.nextToken() != null) {
                throw malformed(p.currentTokenLocation(), null, "there is more after the report object; send exactly one JSON object",
                        "JSON 对象之后还有多余内容；请只发送一个 JSON 对象");
            }
            return new ReportRow(0, line, request);
        } catch (JsonProcessingException e) {
            throw fromJackson(e, null);
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory body cannot fail", e);
        }
    }

    public List<ReportRow> readBatch(byte[] body) {
        String text = decode(body);
        int index = 0;
        try (JsonParser p = mapper.createParser(text)) {
            JsonToken first = p.nextToken();
            boolean wrapped = first == JsonToken.START_OBJECT;
            if (wrapped) {
                if (p.nextToken() != JsonToken.FIELD_NAME || !"reports".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
                    throw malformed(p.currentTokenLocation(), null, "a batch is a JSON array of reports, or {\"reports\": [ … ]}",
                            "批量填报应为 JSON 数组，或 {\"reports\": [ … ]}");
                }
            } else if (first != JsonToken.START_ARRAY) {
                throw malformed(p.currentTokenLocation(), null, "a batch is a JSON array of reports, or {\"reports\": [ … ]}",
                        "批量填报应为 JSON 数组，或 {\"reports\": [ … ]}");
            }
            var rows = new ArrayList<ReportRow>();
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    throw malformed(p.currentTokenLocation(), null,
                            "report %d of the batch is not a JSON object".formatted(index + 1), "第%d条填报不是 JSON 对象".formatted(index + 1));
                }
                if (rows.size() == maxRows) {
                    throw SpreadsheetReader.tooManyRows(maxRows);
                }
                int line = p.currentTokenLocation().getLineNr();
                rows.add(new ReportRow(index, line, mapper.readValue(p, ReportRequest.class)));
                index++;
            }
            if (wrapped && p.nextToken() != JsonToken.END_OBJECT) {
                throw malformed(p.currentTokenLocation(), null, "the batch object may only contain \"reports\"",
                        "批量对象中只能包含 \"reports\"");
            }
            if (p.nextToken() != null) {
                throw malformed(p.currentTokenLocation(), null, "there is more after the batch; send exactly one JSON array",
                        "批量数组之后还有多余内容；请只发送一个 JSON 数组");
            }
            if (rows.isEmpty()) {
                throw new UnreadableInputException(UnreadableInputException.Kind.EMPTY_BODY, null, null, null,
                        "the batch has no reports; send at least one", "批量中没有填报，请至少包含一条");
            }
            return List.copyOf(rows);
        } catch (JsonProcessingException e) {
            throw fromJackson(e, index);
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory body cannot fail", e);
        }
    }

    /** The body as text: not empty, and UTF-8 (parsing text, not bytes, keeps the parser from guessing UTF-16/32). */
    private static String decode(byte[] body) {
        String text = body == null ? "" : Utf8.decode(body, bad -> new UnreadableInputException(
                UnreadableInputException.Kind.NOT_UTF8, bad.line(), null, null,
                "the body is not UTF-8 text (first bad byte at %s); send JSON encoded as UTF-8".formatted(bad.describe()),
                "请求体不是 UTF-8 编码（首个错误字节：%s）；JSON 须以 UTF-8 编码发送".formatted(bad.describeZh())));
        if (text.isBlank()) {
            throw new UnreadableInputException(UnreadableInputException.Kind.EMPTY_BODY, null, null, null,
                    "the request body is empty; send the report as JSON", "请求体为空；请以 JSON 发送填报");
        }
        return text;
    }

    private static UnreadableInputException fromJackson(JsonProcessingException e, Integer index) {
        JsonLocation where = e.getLocation();
        String which = index == null ? "" : " in report " + (index + 1);
        String whichZh = index == null ? "" : "（第" + (index + 1) + "条）";
        String original = Printable.escape(e.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(original));
        if (duplicate.find()) {
            String field = duplicate.group(1);
            return malformed(where, field, "the field '%s' appears twice%s; send each field once".formatted(field, which),
                    "字段“%s”重复出现%s；每个字段只能出现一次".formatted(field, whichZh));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = Printable.quote(unknown.getPropertyName(), 60);
            String known = String.join(", ", ReportRequest.FIELDS);
            return malformed(where, field, "unknown field '%s'%s; the fields are %s".formatted(field, which, known),
                    "未知字段“%s”%s；可用字段：%s".formatted(field, whichZh, known));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = Printable.quote(mapping.getPath().stream()
                    .map(r -> r.getFieldName() == null ? String.valueOf(r.getIndex()) : r.getFieldName())
                    .collect(Collectors.joining(".")), 60);
            return malformed(where, field, "field '%s'%s must be a string or a number, not an object or array".formatted(field, which),
                    "字段“%s”%s应为字符串或数字，不能是对象或数组".formatted(field, whichZh));
        }
        return malformed(where, null, "the JSON cannot be read%s: %s".formatted(which, original),
                "JSON 格式错误%s，请检查该位置的括号、引号和逗号".formatted(whichZh));
    }

    private static UnreadableInputException malformed(JsonLocation where, String field, String message, String messageZh) {
        Integer line = where == null || where.getLineNr() < 0 ? null : where.getLineNr();
        Integer column = where == null || where.getColumnNr() < 0 ? null : where.getColumnNr();
        String at = line == null ? "" : " (line %d, column %d)".formatted(line, column);
        String atZh = line == null ? "" : "（第%d行第%d列）".formatted(line, column);
        return new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_JSON, line, column, field,
                message + at, messageZh + atZh);
    }
}
