package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.target;
import static org.jingan.progress.streams.testing.Reports.total;

import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.avro.RollupPartial;
import org.jingan.progress.streams.rules.Rollups;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.jingan.progress.streams.testing.Reports;
import org.junit.jupiter.api.Test;

/** Roll-ups per department and section, and the per-target history buckets, in the topology. */
class RollupAndHistoryTest {

    private static Rollups.Rollup rollup(ProgressDriver driver, String scope, String id) {
        List<RollupPartial> partials = driver.<RollupPartial>all(ProgressStores.ROLLUPS).stream()
                .map(kv -> kv.value).filter(p -> p.getScope().equals(scope) && p.getScopeId().equals(id)).toList();
        return Rollups.merge(scope, id, partials);
    }

    @Test
    void shouldRollUpByDepartmentAndSectionWithoutCountingPartsTwice() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("start-ups").setTargetValue(800.0).build())
                    .target(target("graduates").setTargetValue(480.0).setParentTargetId("start-ups").build())
                    .target(target("retail").setDepartmentId("commerce").setTargetValue(100.0).build())
                    .reports(total("start-ups", "e1", 400, "2020-07-01"), total("graduates", "e2", 480, "2020-07-01"),
                            Reports.event("retail", "e3", org.jingan.progress.avro.UpdateKind.CUMULATIVE_TO_DATE, 10.0,
                                    "2020-07-01").setDepartmentId("commerce").build());

            Rollups.Rollup housing = rollup(driver, Rollups.DEPARTMENT, "housing");
            assertThat(housing.topLevelTargets()).isEqualTo(1);
            assertThat(housing.subTargets()).isEqualTo(1);
            assertThat(housing.completion()).isCloseTo(0.5, within(1e-9));
            assertThat(housing.countsByStatus()).isEqualTo(Map.of(TargetStatus.ON_TRACK, 1L));
            assertThat(housing.subTargetCountsByStatus()).isEqualTo(Map.of(TargetStatus.COMPLETED, 1L));

            Rollups.Rollup section = rollup(driver, Rollups.SECTION, "S4");
            assertThat(section.topLevelTargets()).isEqualTo(2);
            assertThat(section.completion()).isCloseTo((0.5 + 0.1) / 2, within(1e-9));
            assertThat(section.countsByStatus()).isEqualTo(Map.of(TargetStatus.ON_TRACK, 1L, TargetStatus.BEHIND, 1L));

            // a status change moves the target between counts
            driver.report(total("start-ups", "e4", 800, "2020-07-02"));
            assertThat(rollup(driver, Rollups.DEPARTMENT, "housing").countsByStatus())
                    .isEqualTo(Map.of(TargetStatus.COMPLETED, 1L));
            assertThat(driver.<RollupPartial>all(ProgressStores.ROLLUPS)).extracting(kv -> kv.key)
                    .contains("department/housing/0", "department/commerce/0", "section/S4/0");
        }
    }

    @Test
    void shouldMoveATargetBetweenDepartmentsOnARevisionAndDropItOnATombstone() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build());
            assertThat(rollup(driver, Rollups.DEPARTMENT, "housing").topLevelTargets()).isEqualTo(1);

            driver.target(target("t").setDepartmentId("commerce").setRevision(2).build());
            assertThat(rollup(driver, Rollups.DEPARTMENT, "housing").topLevelTargets()).isZero();
            assertThat(rollup(driver, Rollups.DEPARTMENT, "commerce").topLevelTargets()).isEqualTo(1);
            driver.snapshots();

            driver.tombstoneTarget("t");
            assertThat(rollup(driver, Rollups.DEPARTMENT, "commerce").topLevelTargets()).isZero();
            assertThat(driver.standing("t")).isNull();
            List<KeyValue<String, org.jingan.progress.avro.ProgressSnapshot>> published = driver.snapshotRecords();
            assertThat(published).hasSize(1);
            assertThat(published.get(0).key).isEqualTo("t");
            assertThat(published.get(0).value).as("a tombstone on target-progress").isNull();
        }
    }

    @Test
    void shouldKeepDailyHistoryOfActualPlanAndForecast() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build())
                    .reports(increment("t", "e1", 5, "2020-01-10"), increment("t", "e2", 3, "2020-01-11"),
                            increment("t", "e3", 2, "2020-01-13"));

            Map<String, HistoryPoint> history = historyOf(driver, "t");
            assertThat(history).containsKeys("2020-01-10", "2020-01-11");
            HistoryPoint jan11 = history.get("2020-01-11");
            assertThat(jan11.getActual()).as("the end of 11 January, before the report of the 13th").isEqualTo(8);
            assertThat(jan11.getExpectedRatio()).isCloseTo(11 / 366.0, within(1e-9));
            assertThat(jan11.getExpectedValue()).isCloseTo(11, within(1e-9));
            assertThat(jan11.getTargetValue()).isEqualTo(366.0);
            assertThat(history.get("2020-01-10").getActual()).isEqualTo(5);
            assertThat(history).doesNotContainKey("2020-01-13"); // the day is not over yet
        }
    }

    @Test
    void shouldKeepMonthlyHistoryWhenConfigured() {
        ProgressTopologyConfig monthly = ProgressDriver.simulated()
                .historyBucket(ProgressTopologyConfig.HistoryBucket.MONTH).build();
        try (ProgressDriver driver = new ProgressDriver(monthly)) {
            driver.target(target("t").build())
                    .reports(increment("t", "e1", 5, "2020-01-10"), increment("t", "e2", 3, "2020-01-31"),
                            increment("t", "e3", 2, "2020-02-13"), increment("t", "e4", 2, "2020-02-14"));

            Map<String, HistoryPoint> history = historyOf(driver, "t");
            assertThat(history.keySet()).containsExactly("2020-01");
            assertThat(history.get("2020-01").getActual()).isEqualTo(8);
        }
    }

    @Test
    void shouldProjectForecastIntoTheHistory() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build());
            for (int day = 1; day <= 20; day++) {
                driver.report(increment("t", "e" + day, 1, String.format("2020-01-%02d", day)));
            }
            HistoryPoint jan19 = historyOf(driver, "t").get("2020-01-19");
            assertThat(jan19.getForecastYearEnd()).isCloseTo(366, within(10.0));
        }
    }

    private static Map<String, HistoryPoint> historyOf(ProgressDriver driver, String targetId) {
        Map<String, HistoryPoint> out = new java.util.TreeMap<>();
        try (var it = driver.<HistoryPoint>store(ProgressStores.TARGET_HISTORY)
                .prefixScan(ProgressStores.historyPrefix(targetId), new org.apache.kafka.common.serialization.StringSerializer())) {
            it.forEachRemaining(kv -> out.put(kv.value.getBucket(), kv.value));
        }
        return out;
    }
}
