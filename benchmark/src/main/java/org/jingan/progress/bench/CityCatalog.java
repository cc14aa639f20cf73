package org.jingan.progress.bench;

import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.Catalog;

/**
 * The report's targets at city scale: every target once per district, its id suffixed by the district
 * ({@code s0-retail-sales.pudong}), as if all of Shanghai's 16 districts ran the pipeline on one cluster.
 */
public record CityCatalog(List<String> districts, List<Target> targets) {

    /** Shanghai's 16 districts; beyond 16 (to reach more keys) synthetic districts are numbered. */
    public static final List<String> SHANGHAI_DISTRICTS = List.of("huangpu", "xuhui", "changning", "jingan", "putuo",
            "hongkou", "yangpu", "minhang", "baoshan", "jiading", "pudong", "jinshan", "songjiang", "qingpu",
            "fengxian", "chongming");

    /** Units of a daily rate: such targets are fed by sensors (weighbridges report wet-waste tonnage many times a day). */
    private static final List<String> SENSOR_UNITS = List.of("吨/日");

    public static CityCatalog of(Catalog report, int districtCount) {
        if (districtCount < 1) {
            throw new IllegalArgumentException("A city catalog needs at least one district, got " + districtCount);
        }
        List<String> districts = new ArrayList<>();
        for (int d = 0; d < districtCount; d++) {
            districts.add(d < SHANGHAI_DISTRICTS.size() ? SHANGHAI_DISTRICTS.get(d) : "district-" + (d + 1));
        }
        List<Target> targets = new ArrayList<>();
        for (String district : districts) {
            for (Target t : report.targets()) {
                targets.add(Target.newBuilder(t)
                        .setId(inDistrict(t.getId(), district))
                        .setNameEn(t.getNameEn() + " (" + district + ")")
                        .setNameZh(t.getNameZh() + "（" + district + "）")
                        .setParentTargetId(t.getParentTargetId() == null ? null : inDistrict(t.getParentTargetId(), district))
                        .build());
            }
        }
        return new CityCatalog(List.copyOf(districts), List.copyOf(targets));
    }

    /** {@code districts}, or more if that many are needed for the catalog to have {@code keys} targets. */
    public static int districtsFor(int districts, int keys, Catalog report) {
        int perDistrict = report.targets().size();
        return Math.max(districts, (keys + perDistrict - 1) / perDistrict);
    }

    static String inDistrict(String targetId, String district) {
        return targetId + "." + district;
    }

    /** The targets that events are spread over: the first {@code keys} of the catalog, or all of it. */
    public List<Target> keys(int keys) {
        return keys <= 0 || keys >= targets.size() ? targets : targets.subList(0, keys);
    }

    /**
     * The same catalog for another year: deadlines and pace-plan dates moved by whole years, so that the live
     * latency run can report "now" against this year's targets.
     */
    public CityCatalog shiftedTo(int year) {
        List<Target> shifted = targets.stream().map(t -> {
            int years = year - t.getYear();
            return Target.newBuilder(t)
                    .setYear(year)
                    .setDeadline(t.getDeadline().plusYears(years))
                    .setPacePlan(t.getPacePlan().stream()
                            .map(p -> org.jingan.progress.avro.PacePoint.newBuilder(p).setDate(p.getDate().plusYears(years)).build())
                            .toList())
                    .build();
        }).toList();
        return new CityCatalog(districts, shifted);
    }

    /** Whether sensors report on the target (a daily-rate level such as wet-waste tonnage per day). */
    public static boolean isSensorFed(Target t) {
        return t.getKind() == TargetKind.LEVEL && SENSOR_UNITS.contains(t.getUnit());
    }
}
