package org.jingan.progress.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.clock.WallClock;

/** A small hand-made catalog: two departments, one target of each kind, and a clock in mid-2020. */
public final class TestTargets {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 2020-07-01 10:00 in Shanghai. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2020-07-01T02:00:00Z"), ZONE);
    /** The district clock standing at {@link #CLOCK}. */
    public static final DistrictClock DISTRICT_CLOCK = new WallClock(CLOCK);

    public static final String CONSTRUCTION = "construction";
    public static final String COMMERCE = "commerce";

    /** construction: elevators started, a count. */
    public static final Target ELEVATORS = target("c-elevators", CONSTRUCTION, "区建管委", TargetKind.CUMULATIVE, "台", 100.0,
            Comparator.AT_LEAST, "既有多层住宅加装电梯", "Elevators added to existing buildings");
    /** construction: a bridge completed, a milestone. */
    public static final Target BRIDGE = target("c-bridge-done", CONSTRUCTION, "区建管委", TargetKind.MILESTONE, "项", 1.0,
            Comparator.DONE, "昌平路桥竣工", "Changping Road bridge completed");
    /** construction: waste handled per day, a level. */
    public static final Target WASTE = target("c-wet-waste", CONSTRUCTION, "区建管委", TargetKind.LEVEL, "吨/日", 500.0,
            Comparator.AT_LEAST, "湿垃圾日处理能力", "Wet waste handled per day");
    /** commerce: retail sales, money. */
    public static final Target RETAIL = target("m-retail-sales", COMMERCE, "区商务委", TargetKind.CUMULATIVE, "亿元", 1000.0,
            Comparator.ABOUT, "社会消费品零售总额", "Retail sales");
    /** commerce: a growth rate. */
    public static final Target GROWTH = target("m-growth", COMMERCE, "区商务委", TargetKind.LEVEL, "%", 6.0,
            Comparator.ABOUT, "增长率", "Growth rate");
    /** commerce: a ceiling, target value pending. */
    public static final Target CEILING = target("m-complaints", COMMERCE, "区商务委", TargetKind.CEILING, "人", null,
            Comparator.AT_MOST, "投诉人数", "Complainants");

    public static final List<Target> ALL = List.of(ELEVATORS, BRIDGE, WASTE, RETAIL, GROWTH, CEILING);

    private TestTargets() {
    }

    private static Target target(String id, String department, String departmentZh, TargetKind kind, String unit,
                                 Double value, Comparator comparator, String nameZh, String nameEn) {
        return Target.newBuilder()
                .setId(id).setYear(2020).setNameZh(nameZh).setNameEn(nameEn)
                .setSectionId("S3").setSectionZh("城市治理").setSectionEn("Urban governance")
                .setDepartmentId(department).setDepartmentZh(departmentZh).setDepartmentEn(department + " bureau")
                .setKind(kind).setUnit(unit).setTargetValue(value).setComparator(comparator)
                .setDeadline(LocalDate.of(2020, 12, 31)).setSourcePhrase(nameZh)
                .build();
    }
}
