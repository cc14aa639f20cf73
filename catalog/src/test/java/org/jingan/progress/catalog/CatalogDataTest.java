package org.jingan.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped catalog against the report it comes from. */
class CatalogDataTest {
    /** A copy of ../shared/seed/000_b018778ef3bad3d5.txt (see report/README.md next to it). */
    static final String REPORT = "report/000_b018778ef3bad3d5.txt";
    /** How many targets the catalog holds: changed on purpose only (SectionTwoCoverageTest says why each is there). */
    static final int TARGETS = 90;
    private static final String SECTION_TWO_HEADING = "二、2020 年主要工作";
    /** Targets whose value the report leaves to the city: they exist with a pending value. */
    private static final Set<String> PENDING = Set.of("s0-registered-unemployment", "s3-illegal-buildings-demolition",
            "s4-nursing-beds");
    /** Ceilings of zero (零增长): any amount over zero breaches them. */
    private static final Set<String> ZERO_CEILINGS = Set.of("s3-illegal-buildings-zero-growth");

    private static Catalog catalog;
    private static String sectionTwo;

    @BeforeAll
    static void load() throws IOException {
        catalog = Catalog.loadDefault();
        String report = resource(REPORT);
        assertThat(report).contains(SECTION_TWO_HEADING);
        sectionTwo = report.substring(report.indexOf(SECTION_TWO_HEADING));
    }

    @Test
    void shouldHoldThe90TargetsOfTheReport() {
        assertThat(catalog.targets().size()).as("targets in the catalog").isEqualTo(TARGETS);
        assertThat(catalog.year()).isEqualTo(2020);
    }

    @Test
    void shouldFindEverySourcePhraseVerbatimInSectionTwoOfTheReport() {
        List<String> missing = catalog.targets().stream()
                .filter(t -> !sectionTwo.contains(t.getSourcePhrase()))
                .map(t -> t.getId() + ": " + t.getSourcePhrase())
                .toList();
        assertThat(missing).as("source phrases not found verbatim in section 二 of the report").isEmpty();
    }

    @Test
    void shouldGiveEveryTargetAllItsFields() {
        for (Target t : catalog.targets()) {
            assertThat(List.of(t.getId(), t.getNameZh(), t.getNameEn(), t.getSectionId(), t.getSectionZh(),
                    t.getSectionEn(), t.getDepartmentId(), t.getDepartmentZh(), t.getDepartmentEn(), t.getUnit(),
                    t.getSourcePhrase())).as(t.getId()).allSatisfy(value -> assertThat(value).isNotBlank());
            assertThat(t.getKind()).as(t.getId()).isNotNull();
            assertThat(t.getComparator()).as(t.getId()).isNotNull();
            assertThat(t.getYear()).as(t.getId()).isEqualTo(2020);
            assertThat(t.getDeadline()).as(t.getId()).isEqualTo(LocalDate.of(2020, 12, 31));
            assertThat(t.getRevision()).as(t.getId()).isEqualTo(1);
            if (PENDING.contains(t.getId())) {
                assertThat(t.getTargetValue()).as(t.getId()).isNull();
            } else if (ZERO_CEILINGS.contains(t.getId())) {
                assertThat(t.getTargetValue()).as(t.getId()).isZero();
            } else {
                assertThat(t.getTargetValue()).as(t.getId()).isNotNull().isPositive();
            }
            if (t.getKind() == TargetKind.MILESTONE) {
                assertThat(t.getUnit()).as(t.getId()).isEqualTo("项");
                assertThat(t.getTargetValue()).as(t.getId()).isEqualTo(1.0);
            }
            assertThat(catalog.lineOf(t.getId())).as(t.getId()).isPresent();
        }
    }

    @Test
    void shouldWriteEveryTargetAsAvroAndReadItBack() throws IOException {
        SpecificDatumWriter<Target> writer = new SpecificDatumWriter<>(Target.class);
        SpecificDatumReader<Target> reader = new SpecificDatumReader<>(Target.class);
        for (Target t : catalog.targets()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(t, encoder);
            encoder.flush();
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
            assertThat(reader.read(null, decoder)).isEqualTo(t);
        }
    }

    @Test
    void shouldUseEveryIdOnce() {
        Set<String> seen = new HashSet<>();
        List<String> repeated = catalog.targets().stream().map(Target::getId).filter(id -> !seen.add(id)).toList();
        assertThat(repeated).isEmpty();
        assertThat(seen).allMatch(id -> id.matches("s[0-6]-[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void shouldCoverTheHeadlineTargetsAndAllSixAreas() {
        Map<String, Long> bySection = catalog.targets().stream()
                .collect(Collectors.groupingBy(Target::getSectionId, TreeMap::new, Collectors.counting()));
        assertThat(bySection).containsOnlyKeys("S0", "S1", "S2", "S3", "S4", "S5", "S6");
        assertThat(bySection.get("S0")).isEqualTo(5);
        assertThat(catalog.sections()).extracting(Section::id).containsExactly("S0", "S1", "S2", "S3", "S4", "S5", "S6");
    }

    @Test
    void shouldKeepTheUnemploymentCeilingPending() {
        Target unemployment = catalog.find("s0-registered-unemployment").orElseThrow();
        assertThat(unemployment.getKind()).isEqualTo(TargetKind.CEILING);
        assertThat(unemployment.getComparator()).isEqualTo(Comparator.AT_MOST);
        assertThat(unemployment.getTargetValue()).isNull();
        assertThat(unemployment.getSourcePhrase()).isEqualTo("登记失业人数控制在市政府下达目标内");
    }

    @Test
    void shouldHoldTheZeroGrowthOfIllegalConstructionAsAZeroCeiling() {
        Target zeroGrowth = catalog.find("s3-illegal-buildings-zero-growth").orElseThrow();
        assertThat(zeroGrowth.getKind()).isEqualTo(TargetKind.CEILING);
        assertThat(zeroGrowth.getComparator()).isEqualTo(Comparator.AT_MOST);
        assertThat(zeroGrowth.getTargetValue()).isEqualTo(0.0);
        assertThat(zeroGrowth.getUnit()).isEqualTo("平方米");
        assertThat(zeroGrowth.getDepartmentId()).isEqualTo("urban-management");
        assertThat(zeroGrowth.getSourcePhrase()).isEqualTo("确保新增违法建筑零增长");
        assertThat(catalog.targets()).filteredOn(t -> Double.valueOf(0.0).equals(t.getTargetValue()))
                .extracting(Target::getId).containsExactlyElementsOf(ZERO_CEILINGS);
    }

    @Test
    void shouldRecordGraduateStartUpsAsPartOfAllStartUps() {
        Target graduates = catalog.find("s4-graduate-start-ups-assisted").orElseThrow();
        Target all = catalog.find("s4-start-ups-assisted").orElseThrow();
        assertThat(graduates.getParentTargetId()).isEqualTo(all.getId());
        assertThat(graduates.getTargetValue()).isEqualTo(480.0);
        assertThat(all.getTargetValue()).isEqualTo(800.0);
        assertThat(catalog.partsOf(all.getId())).containsExactly(graduates);
    }

    @Test
    void shouldTakeTheHeadlineValuesAndBaselinesFromTheReport() {
        assertTarget("s0-district-revenue-growth", TargetKind.LEVEL, "%", 1.0, Comparator.AT_LEAST, 0.32);
        assertTarget("s0-retail-sales", TargetKind.CUMULATIVE, "亿元", 800.0, Comparator.AT_LEAST, 748.0);
        assertTarget("s0-fixed-asset-investment", TargetKind.CUMULATIVE, "亿元", 253.0, Comparator.AT_LEAST, 232.61);
        assertTarget("s0-old-lane-housing-renovation", TargetKind.CUMULATIVE, "万平方米", 1.41, Comparator.AT_LEAST, 7.0);
    }

    @Test
    void shouldSplitCompoundSentencesIntoOneTargetEach() {
        assertTarget("s5-sports-grounds-new", TargetKind.CUMULATIVE, "个", 1.0, Comparator.AT_LEAST, null);
        assertTarget("s5-sports-grounds-rebuilt", TargetKind.CUMULATIVE, "个", 2.0, Comparator.AT_LEAST, null);
        assertTarget("s2-construction-area-started", TargetKind.CUMULATIVE, "万平方米", 100.0, Comparator.AT_LEAST, 100.39);
        assertTarget("s2-construction-area-completed", TargetKind.CUMULATIVE, "万平方米", 100.0, Comparator.AT_LEAST, 105.78);
        assertTarget("s2-enterprises-100m-tax", TargetKind.CUMULATIVE, "家", 1.0, Comparator.AT_LEAST, null);
        assertTarget("s2-enterprises-10m-tax", TargetKind.CUMULATIVE, "家", 20.0, Comparator.AT_LEAST, null);
        assertTarget("s2-regional-headquarters", TargetKind.CUMULATIVE, "家", 6.0, Comparator.AT_LEAST, 6.0);
        assertTarget("s2-major-projects-started", TargetKind.CUMULATIVE, "个", 11.0, Comparator.AT_LEAST, 21.0);
        assertTarget("s3-wet-waste-capacity", TargetKind.LEVEL, "吨/日", 500.0, Comparator.AT_LEAST, 486.6);
        assertTarget("s4-old-area-households", TargetKind.CUMULATIVE, "户", 2000.0, Comparator.ABOUT, 5500.0);
        assertThat(catalog.find("s1-jincang-wenhua-tower-completion")).isPresent();
        assertThat(catalog.find("s1-jingan-temple-plaza-completion")).isPresent();
        assertThat(catalog.find("s2-changping-road-bridge-completion").orElseThrow().getKind())
                .isEqualTo(TargetKind.MILESTONE);
    }

    /** Guards against typing a value that differs from the report's: the number must be in the quoted words. */
    @Test
    void shouldFindEachNumericTargetValueInItsSourcePhrase() {
        Set<String> valueNotWrittenInReport = Set.of(
                "s2-billion-yuan-buildings",    // 保持稳定: read as about the 2019 count
                "s3-waste-sorting-compliance",  // 全覆盖: 100%
                "s1-random-inspection-full-coverage", // 全覆盖: 100%
                "s3-illegal-buildings-zero-growth"); // 零增长: 0
        List<String> mismatched = new ArrayList<>();
        for (Target t : catalog.targets()) {
            if (t.getTargetValue() == null || t.getKind() == TargetKind.MILESTONE
                    || valueNotWrittenInReport.contains(t.getId())) {
                continue;
            }
            double value = t.getTargetValue();
            String written = value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
            if (!t.getSourcePhrase().matches(".*(?<![0-9.])" + java.util.regex.Pattern.quote(written) + "(?![0-9.]).*")) {
                mismatched.add(t.getId() + ": " + written + " not in '" + t.getSourcePhrase() + "'");
            }
        }
        assertThat(mismatched).isEmpty();
    }

    @Test
    void shouldInventNoPacePlanSoEveryTargetStartsOnTimeProportionalPace() {
        // the report states no curve: 时序进度 (linear over the period) until a department's own plan is approved
        assertThat(catalog.targets()).allSatisfy(t -> {
            assertThat(t.getPacePlan()).as(t.getId()).isEmpty();
            assertThat(t.getPlanApprovedBy()).as(t.getId()).isNull();
        });
    }

    @Test
    void shouldReferOnlyToDeclaredDepartments() {
        Set<String> declared = catalog.departments().stream().map(Department::id).collect(Collectors.toSet());
        assertThat(catalog.targets()).extracting(Target::getDepartmentId).allMatch(declared::contains);
        Department commerce = catalog.department("commerce").orElseThrow();
        assertThat(commerce.zh()).isEqualTo("区商务委");
        assertThat(catalog.find("s0-retail-sales").orElseThrow().getDepartmentZh()).isEqualTo("区商务委");
    }

    private static void assertTarget(String id, TargetKind kind, String unit, Double value, Comparator comparator,
                                     Double baseline) {
        Target t = catalog.find(id).orElseThrow(() -> new AssertionError("no target " + id));
        assertThat(t.getKind()).as(id).isEqualTo(kind);
        assertThat(t.getUnit()).as(id).isEqualTo(unit);
        assertThat(t.getTargetValue()).as(id).isEqualTo(value);
        assertThat(t.getComparator()).as(id).isEqualTo(comparator);
        assertThat(t.getBaseline2019()).as(id).isEqualTo(baseline);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = CatalogDataTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
