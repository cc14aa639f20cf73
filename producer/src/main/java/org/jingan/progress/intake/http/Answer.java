package org.jingan.progress.intake.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingan.progress.intake.service.AcceptedEvent;
import org.jingan.progress.intake.service.IntakeResult;
import org.jingan.progress.kit.http.Problem;

/**
 * The answer to a submission as status, headers and JSON body: the same whether it goes over HTTP or is printed by
 * the command line writing straight to Kafka.
 *
 * @param problem true when the body is an RFC 9457 problem
 */
public record Answer(int status, Map<String, String> headers, Map<String, Object> body, boolean problem) {

    /**
     * @param single         one report: its fields at top level; otherwise {@code count} and {@code events}
     * @param ignoredColumns spreadsheet columns that were not read (null or empty for none)
     * @param instance       the request path, for a problem's {@code instance}
     */
    public static Answer of(IntakeResult result, int reportCount, boolean single, List<String> ignoredColumns, String instance) {
        if (result instanceof IntakeResult.Accepted accepted) {
            var body = new LinkedHashMap<String, Object>();
            body.put("status", "accepted");
            if (single) {
                AcceptedEvent event = accepted.events().get(0);
                body.put("eventId", event.eventId());
                body.put("targetId", event.targetId());
                body.put("partition", event.partition());
                body.put("offset", event.offset());
                body.put("acceptedAt", event.acceptedAt());
            } else {
                body.put("count", accepted.events().size());
                if (ignoredColumns != null && !ignoredColumns.isEmpty()) {
                    body.put("ignoredColumns", ignoredColumns);
                }
                body.put("events", accepted.events());
            }
            return new Answer(202, accepted.replayed() ? Map.of(IntakeHttpApi.REPLAYED_HEADER, "true") : Map.of(), body, false);
        }
        Problem problem = result instanceof IntakeResult.Rejected rejected
                ? Problems.rejected(rejected, reportCount)
                : Problems.unavailable((IntakeResult.Unavailable) result);
        return of(problem, instance);
    }

    public static Answer of(Problem problem, String instance) {
        return new Answer(problem.status(), problem.headers(), problem.body(instance), true);
    }
}
