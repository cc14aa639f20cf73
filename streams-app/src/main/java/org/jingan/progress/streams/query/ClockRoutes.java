package org.jingan.progress.streams.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jingan.progress.clock.DistrictClock;

import io.javalin.Javalin;

/** {@code GET /api/v1/clock}: the district clock this instance evaluates at, for the dashboard and other clients. */
final class ClockRoutes {
    private final Supplier<DistrictClock> clock;

    ClockRoutes(Supplier<DistrictClock> clock) {
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get(ProgressRoutes.BASE + "/clock", ctx -> ctx.json(describe(clock.get())));
    }

    static Map<String, Object> describe(DistrictClock clock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("now", clock.now().toString());
        body.put("date", clock.today().toString());
        body.put("zone", DistrictClock.ZONE.getId());
        body.put("mode", clock.live() ? "wall" : "simulated");
        return body;
    }
}
