package org.jingan.progress.intake.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jingan.progress.intake.service.IntakeResult;
import org.jingan.progress.intake.validation.FieldError;
import org.jingan.progress.intake.validation.Printable;
import org.jingan.progress.intake.validation.UnreadableInputException;
import org.jingan.progress.kit.http.Problem;

/** The problems the intake answers with, each a human sentence saying what to fix, in English and Chinese. */
public final class Problems {
    /** slug -> explanation served at /problems/{slug}, so every {@code type} URI leads to a page. */
    static final Map<String, String> EXPLANATIONS = Map.ofEntries(
            Map.entry("unauthorized", "Send your department's API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'. / 请在请求头 Authorization: Bearer <密钥> 或 X-API-Key 中提供本部门的 API 密钥。"),
            Map.entry("cases-not-served", "This intake serves no supervision cases: it was started without a supervision-cases topic (INTAKE_CASES_TOPIC). / 本 intake 未配置督办单主题。"),
            Map.entry("no-open-case", "The target has no open supervision case (督办单) to answer. GET /api/v1/cases lists your department's open cases. / 该目标没有待反馈的督办单，本部门的督办单见 GET /api/v1/cases。"),
            Map.entry("forbidden-case", "The supervision case is addressed to another department: each department answers only its own cases. / 该督办单发给其他部门，各部门只能反馈本部门的督办单。"),
            Map.entry("case-not-awaiting-answer", "The answer to this supervision case was accepted already: nothing more to answer. / 该督办单的反馈已被采纳，无需再次反馈。"),
            Map.entry("invalid-answer", "An answer needs reason (原因), measures (整改措施) and expectedCatchUp (yyyy-MM-dd, not before today); 'errors' lists what is missing. Nothing was written. / 反馈须包含原因、整改措施和预计赶上进度日期；errors 列出了缺少的内容，未写入。"),
            Map.entry("forbidden-target", "A report names a target of another department. Each department reports only its own targets (GET /api/v1/targets). / 填报中含有其他部门的目标；各部门只能填报本部门的目标。"),
            Map.entry("validation-failed", "One or more reports break a rule; 'errors' lists each with line, field and reason. Nothing was written: fix them and send the whole request again. / 有填报不符合规则，errors 列出了每处的行号、字段和原因；全部未写入，请修改后整体重新提交。"),
            Map.entry("plan-invalid", "A department's plan breaks a rule; 'errors' lists each with line, field and reason (dates inside the target's period and increasing, cumulative amounts that never decrease, the last checkpoint the whole target). Nothing was submitted. / 分解计划不符合规则，errors 列出了每处的行号、字段和原因（日期须在期限内且递增，累计量不减，最后一个节点为全部目标），未提交。"),
            Map.entry("event-id-conflict", "An eventId (or Idempotency-Key) was already used for a different report. Retries must repeat the same report; new reports need new ids. / 事件编号或幂等键已用于另一条不同的填报。"),
            Map.entry("empty-body", "The request has no content. / 请求体为空。"),
            Map.entry("malformed-json", "The body is not valid JSON of the expected shape; line, column and field say where. / 请求体不是所需格式的 JSON。"),
            Map.entry("malformed-csv", "The spreadsheet cannot be read as CSV; line says where. / 表格无法按 CSV 解析。"),
            Map.entry("not-utf8", "The body or file is not text in an encoding the intake reads. JSON is sent as UTF-8; a spreadsheet may be .xlsx, or CSV in UTF-8 or GBK/GB18030. / 请求体或文件的编码无法识别：JSON 须以 UTF-8 发送，表格可为 .xlsx，或 UTF-8、GBK/GB18030 编码的 CSV。"),
            Map.entry("sign-in-required", "The department page needs a signed-in session: sign in with the department's key at /department. / 部门填报页需要登录：请在 /department 用本部门密钥登录。"),
            Map.entry("cross-site-request", "A change on the department page must come from the page itself, with its CSRF token. / 部门填报页的修改须由本页面发出并附带 CSRF 令牌。"),
            Map.entry("missing-file", "A multipart upload carries the CSV file in the form field 'file'; the form had none. / multipart 上传须在表单字段 file 中附上 CSV 文件，该表单中没有。"),
            Map.entry("body-too-large", "The request is larger than the intake accepts; split it. / 请求体过大，请拆分。"),
            Map.entry("too-many-rows", "The request has more reports than the intake accepts at once; split it. / 单次填报条数超限，请拆分。"),
            Map.entry("broker-unavailable", "The reports could not be stored right now. Send the same request again after Retry-After seconds; reports already stored count once. / 暂时无法写入，请在 Retry-After 秒后原样重试；已写入的不会重复计数。"),
            Map.entry("unsupported-media-type", "Reports are sent as JSON (Content-Type: application/json, UTF-8), spreadsheets to the upload as CSV (text/csv, UTF-8 or GBK), .xlsx or a multipart form with a 'file' field. / 填报请以 JSON（Content-Type: application/json，UTF-8）发送；上传表格请用 text/csv（UTF-8 或 GBK）、.xlsx 或带 file 字段的 multipart 表单。"),
            Map.entry("rate-limited", "The department sent more requests than the intake takes per minute; wait Retry-After seconds and send the same request again. / 本部门请求过于频繁，请在 Retry-After 秒后原样重试。"),
            Map.entry("invalid-header", "A request header has a value the intake cannot use; the detail names it. / 请求头的值无效。"),
            Map.entry("not-found", "No such endpoint. / 没有此接口。"),
            Map.entry("method-not-allowed", "This endpoint does not take that HTTP method. / 此接口不支持该 HTTP 方法。"),
            Map.entry("internal-error", "The intake failed unexpectedly; nothing was written. Report it with the time of the request. / 服务内部错误，未写入任何数据。"));

    private Problems() {
    }

    public static Problem unauthorized(boolean keySent) {
        return keySent
                ? new Problem(401, "unauthorized", "Unknown API key", "API 密钥无效",
                        "The API key is not valid (or was rotated); use your department's current key.",
                        "API 密钥无效（或已更换），请使用本部门当前的密钥。")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"progress-intake\", error=\"invalid_token\"")
                : new Problem(401, "unauthorized", "API key required", "需要 API 密钥",
                        "Send your department's API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
                        "请在请求头 Authorization: Bearer <密钥> 或 X-API-Key 中提供本部门的 API 密钥。")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"progress-intake\"");
    }

    /** The department page without a (live) session, or a sign-in with a key that is not valid. */
    public static Problem signInRequired(String detail, String detailZh) {
        return new Problem(401, "sign-in-required", "Sign in with the department's key", "请用本部门密钥登录", detail, detailZh);
    }

    /** A change on the department page sent without its CSRF token, or from another site. */
    public static Problem crossSite(String why) {
        return new Problem(403, "cross-site-request", "Not sent by the department page", "请求并非来自本页面",
                "Refused: " + why + ". Reload the page and try again.", "已拒绝：请求未附带本页面的 CSRF 令牌或来自其他网站。请刷新页面后重试。");
    }

    public static Problem rejected(IntakeResult.Rejected rejected, int reportCount) {
        List<FieldError> errors = rejected.errors();
        long wrong = errors.stream().map(Problems::row).distinct().count();
        return switch (rejected.status()) {
            case 403 -> {
                var forbiddenRows = errors.stream().filter(e -> e.code().status() == 403).map(Problems::row)
                        .collect(java.util.stream.Collectors.toSet());
                long forbidden = forbiddenRows.size();
                long others = errors.stream().map(Problems::row).filter(r -> !forbiddenRows.contains(r)).distinct().count();
                yield new Problem(403, "forbidden-target", "Not your department's target", "无权填报其他部门的目标",
                        "%d of %d reports name a target of another department%s; nothing was written. Remove them (each department reports only its own targets), fix the rest listed in 'errors', and send again."
                                .formatted(forbidden, reportCount, others > 0 ? " and %d more have other errors".formatted(others) : ""),
                        "共 %d 条中有 %d 条涉及其他部门的目标%s，全部未写入。请删除这些行（各部门只能填报本部门目标），修改 errors 所列其余错误后重新提交。"
                                .formatted(reportCount, forbidden, others > 0 ? "，另有 %d 条存在其他错误".formatted(others) : ""))
                        .with("errors", errors);
            }
            case 409 -> new Problem(409, "event-id-conflict", "Event id already used", "事件编号已被使用",
                    "%d report(s) reuse an id already given to a different report; nothing was written. Use new ids for new reports."
                            .formatted(wrong),
                    "%d 条填报使用的编号已被其他填报占用，全部未写入。新填报请使用新的编号。".formatted(wrong))
                    .with("errors", errors);
            default -> new Problem(422, "validation-failed", reportCount == 1 ? "The report is not valid" : "Some reports are not valid",
                    "填报内容有误",
                    reportCount == 1
                            ? "The report breaks %d rule(s) listed in 'errors'; nothing was written. Fix them and send it again.".formatted(errors.size())
                            : "%d of %d reports have errors, listed in 'errors' with line, field and reason; nothing was written. Fix them and send the whole request again."
                                    .formatted(wrong, reportCount),
                    reportCount == 1
                            ? "该条填报有 %d 处错误（见 errors），未写入。请修改后重新提交。".formatted(errors.size())
                            : "共 %d 条中有 %d 条有误（errors 列出了行号、字段和原因），全部未写入。请修改后整体重新提交。".formatted(reportCount, wrong))
                    .with("errors", errors);
        };
    }

    private static int row(FieldError e) {
        return e.index() == null ? 0 : e.index();
    }

    public static Problem unreadable(UnreadableInputException e) {
        Problem p = switch (e.kind()) {
            case EMPTY_BODY -> new Problem(400, "empty-body", "Empty request", "请求为空", e.getMessage(), e.messageZh());
            case MALFORMED_JSON -> new Problem(400, "malformed-json", "Malformed JSON", "JSON 格式错误", e.getMessage(), e.messageZh());
            case MALFORMED_CSV -> new Problem(400, "malformed-csv", "Malformed spreadsheet", "表格格式错误", e.getMessage(), e.messageZh());
            case NOT_UTF8 -> new Problem(400, "not-utf8", "Not UTF-8 text", "不是 UTF-8 编码", e.getMessage(), e.messageZh());
            case MISSING_FILE -> new Problem(400, "missing-file", "No file in the form", "表单中没有文件", e.getMessage(), e.messageZh());
            case TOO_MANY_ROWS -> new Problem(413, "too-many-rows", "Too many reports", "填报条数过多", e.getMessage(), e.messageZh());
            case BODY_TOO_LARGE -> new Problem(413, "body-too-large", "Request too large", "请求过大", e.getMessage(), e.messageZh());
            case INVALID_HEADER -> new Problem(400, "invalid-header", "Invalid header", "请求头无效", e.getMessage(), e.messageZh());
        };
        if (e.line() != null || e.field() != null) {
            var location = new java.util.LinkedHashMap<String, Object>();
            if (e.line() != null) {
                location.put("line", e.line());
            }
            if (e.column() != null) {
                location.put("column", e.column());
            }
            if (e.field() != null) {
                location.put("field", e.field());
            }
            p = p.with("location", location);
        }
        return p;
    }

    public static Problem bodyTooLarge(long maxBytes) {
        return new Problem(413, "body-too-large", "Request too large", "请求过大",
                "The request body is larger than %d bytes; split the reports into smaller batches or files.".formatted(maxBytes),
                "请求体超过 %d 字节，请拆分为较小的批次或文件。".formatted(maxBytes));
    }

    public static Problem unavailable(IntakeResult.Unavailable u) {
        Duration retry = u.retryAfter();
        return new Problem(503, "broker-unavailable", "Reports not stored, try again", "暂时无法写入，请重试",
                "The event store did not acknowledge %d report(s) (%s). Send the same request again in %d s; reports already stored count once."
                        .formatted(u.notStoredEventIds().size(), u.reason(), retry.toSeconds()),
                "事件存储未确认 %d 条填报，请在 %d 秒后原样重新提交；已写入的填报不会重复计数。".formatted(u.notStoredEventIds().size(), retry.toSeconds()))
                .with("stored", u.stored())
                .with("notStored", u.notStoredEventIds())
                .withHeader("Retry-After", String.valueOf(Math.max(1, retry.toSeconds())));
    }

    /** A request body in a type the endpoint does not read; {@code accepted} lists the types it does. */
    public static Problem unsupportedMediaType(String contentType, List<String> accepted) {
        String sent = contentType == null || contentType.isBlank() ? null : Printable.quote(contentType, 100);
        String what = sent == null ? "The request has no Content-Type" : "Content-Type '%s' is not accepted here".formatted(sent);
        String whatZh = sent == null ? "请求缺少 Content-Type" : "此处不接受内容类型“%s”".formatted(sent);
        return new Problem(415, "unsupported-media-type", "Unsupported content type", "不支持的内容类型",
                "%s; send %s, in UTF-8.".formatted(what, String.join(" or ", accepted)),
                "%s；请以 %s 发送，编码须为 UTF-8。".formatted(whatZh, String.join(" 或 ", accepted)))
                .withHeader("Accept-Post", String.join(", ", accepted));
    }

    /** A body declared in another charset than UTF-8. */
    public static Problem unsupportedCharset(String charset, List<String> accepted) {
        String sent = Printable.quote(charset, 40);
        return new Problem(415, "unsupported-media-type", "Unsupported charset", "不支持的字符编码",
                "charset '%s' is not accepted: the intake reads UTF-8 only; send the body in UTF-8 (charset=utf-8).".formatted(sent),
                "不接受字符编码“%s”：只接受 UTF-8，请以 UTF-8 编码发送（charset=utf-8）。".formatted(sent))
                .withHeader("Accept-Post", String.join(", ", accepted));
    }

    /** Too many requests from one department; {@code retryAfter} until the next one is taken. */
    public static Problem rateLimited(String department, RateLimit limit, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new Problem(429, "rate-limited", "Too many requests", "请求过于频繁",
                ("Department '%s' is over its limit of %d requests a minute (in bursts of up to %d); nothing was written."
                        + " Send the same request again in %d s.").formatted(department, limit.perMinute(), limit.burst(), seconds),
                "部门“%s”的请求超过每分钟 %d 次的上限（突发上限 %d 次），本次未写入。请在 %d 秒后原样重试。"
                        .formatted(department, limit.perMinute(), limit.burst(), seconds))
                .withHeader("Retry-After", String.valueOf(seconds));
    }

    public static Problem notFound(String path) {
        return new Problem(404, "not-found", "No such endpoint", "没有此接口",
                "There is no endpoint %s; the API is under /api/v1 (its index lists every endpoint).".formatted(Printable.quote(path, 200)),
                "没有接口 %s；接口位于 /api/v1 之下（其索引列出了全部接口）。".formatted(Printable.quote(path, 200)));
    }

    /** {@code allowed}: the methods the path takes, for the Allow header (RFC 9110: a 405 must carry it). */
    public static Problem methodNotAllowed(String method, String path, List<String> allowed) {
        String allow = String.join(", ", allowed);
        return new Problem(405, "method-not-allowed", "Method not allowed", "不支持的请求方法",
                "%s is not allowed on %s; it takes %s.".formatted(method, Printable.quote(path, 200), allow),
                "%s 不能用 %s 方法，可用：%s。".formatted(Printable.quote(path, 200), method, allow))
                .withHeader("Allow", allow);
    }

    public static Problem internal() {
        return new Problem(500, "internal-error", "Internal error", "服务内部错误",
                "The intake failed unexpectedly; nothing was written. Try again; if it persists, report the time of the request.",
                "服务内部错误，未写入任何数据。请重试；如仍失败，请告知请求时间。");
    }
}
