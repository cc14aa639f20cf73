package org.jingan.progress.stack.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.jingan.progress.avro.PacePoint;

/**
 * How the demo's departments actually work, whatever plan they are measured by: building works deliver little before
 * the summer and most in the fourth quarter, investment statistics start slowly. These curves were once the catalog's
 * pace plans; the report states none, so the catalog measures these targets by 时序进度 and the demo keeps the work
 * back-loaded: its construction targets read behind in the first half, as they would until the department files its
 * own plan.
 */
final class DemoWorkPatterns {

    static final Set<String> BUILDING_WORKS = Set.of("s0-old-lane-housing-renovation", "s2-major-projects-started",
            "s2-major-projects-completed", "s2-construction-area-started", "s2-construction-area-completed",
            "s2-road-major-repairs", "s2-road-medium-repairs", "s3-roof-renovation",
            "s3-high-rise-comprehensive-renovation", "s3-old-housing-hazard-remediation", "s3-elevator-retrofits-started",
            "s3-street-facade-upgrades", "s3-green-space", "s3-vertical-greening", "s4-old-area-households",
            "s4-elderly-care-beds-upgraded", "s4-elderly-service-centres-new", "s4-elderly-service-centres-expanded",
            "s4-senior-canteens", "s4-disabled-households-accessibility", "s4-accessibility-ramps",
            "s4-wet-market-renovations", "s5-infant-care-points", "s5-sports-grounds-new", "s5-sports-grounds-rebuilt",
            "s5-fitness-trails-new", "s5-fitness-trails-rebuilt", "s5-fitness-points-new");

    static final Set<String> INVESTMENT = Set.of("s0-fixed-asset-investment");

    private DemoWorkPatterns() {
    }

    /** The shares the department's work reaches by each date, or an empty list when it works evenly. */
    static List<PacePoint> of(String targetId, int year) {
        if (BUILDING_WORKS.contains(targetId)) {
            return List.of(point(year, 6, 30, 0.1), point(year, 9, 30, 0.4), point(year, 12, 31, 1.0));
        }
        if (INVESTMENT.contains(targetId)) {
            return List.of(point(year, 3, 31, 0.15), point(year, 6, 30, 0.4), point(year, 9, 30, 0.7),
                    point(year, 12, 31, 1.0));
        }
        return List.of();
    }

    private static PacePoint point(int year, int month, int day, double ratio) {
        return new PacePoint(LocalDate.of(year, month, day), ratio);
    }
}
