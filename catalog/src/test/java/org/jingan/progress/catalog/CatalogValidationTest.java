package org.jingan.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jingan.progress.catalog.CatalogText.edit;
import static org.jingan.progress.catalog.CatalogText.lineOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken variants of the shipped catalog: each is refused with file, line, field and a fix. */
class CatalogValidationTest {
    private static String valid;

    @TempDir
    Path dir;

    @BeforeAll
    static void readShippedCatalog() throws IOException {
        valid = CatalogDataTest.resource(Catalog.DEFAULT_RESOURCE);
    }

    @Test
    void shouldLoadTheShippedFileFromAPath() throws IOException {
        Catalog catalog = Catalog.load(write(valid));
        assertThat(catalog.targets()).hasSameSizeAs(Catalog.loadDefault().targets());
        assertThat(catalog.lineOf("s0-retail-sales")).hasValue(lineOf(valid, "  - id: s0-retail-sales"));
    }

    @Test
    void shouldNameFileLineAndFieldOfAMissingField() throws IOException {
        String broken = edit(valid, "s0-retail-sales", "    unit: 亿元\n", "");
        Path file = write(broken);

        CatalogException e = refused(file);

        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(file.toString());
            assertThat(error.line()).isEqualTo(lineOf(broken, "  - id: s0-retail-sales"));
            assertThat(error.where()).isEqualTo("target 's0-retail-sales'");
            assertThat(error.field()).isEqualTo("unit");
            assertThat(error.problem()).isEqualTo("is missing");
            assertThat(error.fix()).contains("亿元");
        });
        assertThat(e.getMessage()).contains(file + ":" + lineOf(broken, "  - id: s0-retail-sales")
                + ": target 's0-retail-sales', field 'unit': is missing. Fix: ");
    }

    @Test
    void shouldRefuseAnUnknownKindAndSuggestTheRightSpelling() throws IOException {
        String broken = edit(valid, "s3-wet-waste-capacity", "    kind: LEVEL\n", "    kind: level\n");
        CatalogException e = refused(write(broken));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(lineOf(broken, "    kind: level"));
            assertThat(error.field()).isEqualTo("kind");
            assertThat(error.problem()).contains("'level' is not one of CUMULATIVE, LEVEL, CEILING, MILESTONE")
                    .contains("did you mean LEVEL?");
        });
    }

    @Test
    void shouldRefuseADuplicateIdNamingTheFirstUse() throws IOException {
        String broken = valid.replace("  - id: s0-fixed-asset-investment\n", "  - id: s0-retail-sales\n");
        CatalogException e = refused(write(broken));
        int first = lineOf(broken, "  - id: s0-retail-sales");
        int second = broken.substring(0, broken.indexOf("  - id: s0-retail-sales", broken.indexOf("  - id: s0-retail-sales") + 1))
                .split("\n", -1).length;
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(second);
            assertThat(error.field()).isEqualTo("id");
            assertThat(error.problem()).isEqualTo("is already used by the target on line " + first);
        });
    }

    @Test
    void shouldRefuseAPacePlanWhoseRatioFalls() throws IOException {
        String broken = edit(valid, "s0-retail-sales", "    deadline: 2020-12-31\n", """
                    deadline: 2020-12-31
                    pacePlan:
                      - {date: 2020-06-30, expectedRatio: 0.55}
                      - {date: 2020-09-30, expectedRatio: 0.35}
                      - {date: 2020-12-31, expectedRatio: 1.0}
                """);
        CatalogException e = refused(write(broken));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(lineOf(broken, "{date: 2020-09-30, expectedRatio: 0.35}"));
            assertThat(error.field()).isEqualTo("pacePlan[2].expectedRatio");
            assertThat(error.problem()).isEqualTo("0.35 is lower than the point before (0.55)");
        });
    }

    @Test
    void shouldRefuseAPacePlanOutsideTheYearOrNotEndingAtOneByTheDeadline() throws IOException {
        String outsideYear = edit(valid, "s0-retail-sales", "    deadline: 2020-12-31\n", """
                    deadline: 2020-12-31
                    pacePlan: [{date: 2021-01-31, expectedRatio: 1.0}]
                """);
        assertThat(refused(write(outsideYear)).errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("pacePlan[1].date");
            assertThat(error.problem()).isEqualTo("2021-01-31 is outside the catalog year 2020");
        });

        String neverReachesOne = edit(valid, "s0-retail-sales", "    deadline: 2020-12-31\n", """
                    deadline: 2020-12-31
                    pacePlan: [{date: 2020-12-31, expectedRatio: 0.9}]
                """);
        assertThat(refused(write(neverReachesOne)).errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(lineOf(neverReachesOne, "    pacePlan: [{date: 2020-12-31"));
            assertThat(error.field()).isEqualTo("pacePlan");
            assertThat(error.problem()).contains("the last point expects 0.9");
        });

        String afterDeadline = edit(valid, "s2-major-projects-started", "    deadline: 2020-12-31\n", """
                    deadline: 2020-09-30
                    pacePlan: [{date: 2020-06-30, expectedRatio: 0.1}, {date: 2020-12-31, expectedRatio: 1.0}]
                """);
        assertThat(refused(write(afterDeadline)).errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("pacePlan");
            assertThat(error.problem()).isEqualTo("the plan reaches 1.0 on 2020-12-31, after the deadline 2020-09-30");
        });

        // the shipped file names no plan (every target is on 时序进度 until its department's plan is approved)
        String unknownPlan = edit(valid, "s2-major-projects-started", "    deadline: 2020-12-31\n",
                "    deadline: 2020-12-31\n    pacePlan: constructon\n");
        assertThat(refused(write(unknownPlan)).errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("pacePlan");
            assertThat(error.problem()).isEqualTo("there is no pace plan named 'constructon'");
            assertThat(error.fix()).contains("use one of (none defined)");
        });
    }

    @Test
    void shouldRefuseAnUnknownParentAndAParentThatIsItself() throws IOException {
        String unknown = valid.replace("    parentTargetId: s4-start-ups-assisted\n",
                "    parentTargetId: s4-start-ups-asisted\n");
        assertThat(refused(write(unknown)).errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(lineOf(unknown, "    parentTargetId: s4-start-ups-asisted"));
            assertThat(error.where()).isEqualTo("target 's4-graduate-start-ups-assisted'");
            assertThat(error.field()).isEqualTo("parentTargetId");
            assertThat(error.problem()).isEqualTo("no target has the id 's4-start-ups-asisted'");
        });

        String itself = valid.replace("    parentTargetId: s4-start-ups-assisted\n",
                "    parentTargetId: s4-graduate-start-ups-assisted\n");
        assertThat(refused(write(itself)).errors()).singleElement()
                .satisfies(error -> assertThat(error.problem()).isEqualTo("a target cannot be part of itself"));
    }

    @Test
    void shouldRefuseAComparatorThatDoesNotFitTheKind() throws IOException {
        String broken = edit(valid, "s2-changping-road-bridge-completion", "    comparator: DONE\n",
                "    comparator: AT_LEAST\n");
        assertThat(refused(write(broken)).errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("comparator");
            assertThat(error.problem()).isEqualTo("AT_LEAST does not fit kind MILESTONE");
            assertThat(error.fix()).contains("DONE");
        });
        String ceiling = edit(valid, "s0-registered-unemployment", "    comparator: AT_MOST\n",
                "    comparator: AT_LEAST\n");
        assertThat(refused(write(ceiling)).errors()).singleElement()
                .satisfies(error -> assertThat(error.problem()).isEqualTo("AT_LEAST does not fit kind CEILING"));
    }

    @Test
    void shouldRefuseValuesThatAreNotPositiveNumbers() throws IOException {
        String text = edit(valid, "s0-retail-sales", "    targetValue: 800\n", "    targetValue: 800亿元\n");
        assertThat(refused(write(text)).errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("targetValue");
            assertThat(error.problem()).isEqualTo("expected a number, found text '800亿元'");
            assertThat(error.fix()).contains("without quotes or unit");
        });
        String zero = edit(valid, "s0-retail-sales", "    targetValue: 800\n", "    targetValue: 0\n");
        assertThat(refused(write(zero)).errors()).singleElement()
                .satisfies(error -> assertThat(error.problem()).isEqualTo("must be greater than 0, found 0"));
        String missing = edit(valid, "s0-retail-sales", "    targetValue: 800\n", "");
        assertThat(refused(write(missing)).errors()).singleElement()
                .satisfies(error -> assertThat(error.fix()).contains("targetValue: null"));
    }

    @Test
    void shouldAcceptAZeroCeilingButNoNegativeOne() throws IOException {
        String zero = edit(valid, "s0-registered-unemployment", "    targetValue: null", "    targetValue: 0");
        assertThat(Catalog.load(write(zero)).find("s0-registered-unemployment").orElseThrow().getTargetValue())
                .isEqualTo(0.0);

        String negative = edit(valid, "s0-registered-unemployment", "    targetValue: null", "    targetValue: -1");
        assertThat(refused(write(negative)).errors()).singleElement()
                .satisfies(error -> assertThat(error.problem()).isEqualTo("must be 0 or more, found -1"));
        String zeroFloor = edit(valid, "s0-retail-sales", "    targetValue: 800\n", "    targetValue: 0\n");
        assertThat(refused(write(zeroFloor)).errors()).singleElement()
                .satisfies(error -> assertThat(error.fix()).contains("only for a CEILING"));
    }

    @Test
    void shouldRefuseUnknownSectionDepartmentAndMisspeltFields() throws IOException {
        String broken = edit(valid, "s0-retail-sales", "    section: S0\n", "    section: S9\n");
        broken = edit(broken, "s0-retail-sales", "    department: commerce\n", "    department: comerce\n");
        broken = edit(broken, "s0-retail-sales", "    baseline2019: 748\n", "    Baseline2019: 748\n");
        CatalogException e = refused(write(broken));
        assertThat(e.errors()).extracting(CatalogError::field)
                .containsExactlyInAnyOrder("section", "department", "Baseline2019");
        assertThat(e.errors()).filteredOn(error -> error.field().equals("Baseline2019")).singleElement()
                .satisfies(error -> assertThat(error.fix()).startsWith("did you mean 'baseline2019'?"));
        assertThat(e.errors()).filteredOn(error -> error.field().equals("section")).singleElement()
                .satisfies(error -> assertThat(error.fix()).contains("S0, S1, S2"));
    }

    @Test
    void shouldReportEveryProblemAtOnce() throws IOException {
        String broken = edit(valid, "s0-retail-sales", "    unit: 亿元\n", "");
        broken = edit(broken, "s3-wet-waste-capacity", "    kind: LEVEL\n", "    kind: LEVELL\n");
        broken = broken.replace("    parentTargetId: s4-start-ups-assisted\n", "    parentTargetId: nope\n");
        broken = edit(broken, "s5-fitness-points-new", "    deadline: 2020-12-31\n", "    deadline: 2020-02-30\n");
        broken = edit(broken, "s6-14th-five-year-plan-outline", "    sourcePhrase: ", "    sourcePhrase: \"\"\n    note: ");

        CatalogException e = refused(write(broken));

        assertThat(e.errors()).extracting(error -> error.where() + "/" + error.field()).containsExactlyInAnyOrder(
                "target 's0-retail-sales'/unit",
                "target 's3-wet-waste-capacity'/kind",
                "target 's4-graduate-start-ups-assisted'/parentTargetId",
                "target 's5-fitness-points-new'/deadline",
                "target 's6-14th-five-year-plan-outline'/note",
                "target 's6-14th-five-year-plan-outline'/sourcePhrase");
        assertThat(e.getMessage()).startsWith("The catalog " + dir.resolve("catalog.yaml") + " has 6 problems");
    }

    @Test
    void shouldRefuseAFieldGivenTwice() throws IOException {
        String broken = edit(valid, "s0-retail-sales", "    unit: 亿元\n", "    unit: 亿元\n    unit: 万元\n");
        assertThat(refused(write(broken)).errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(lineOf(broken, "    unit: 万元"));
            assertThat(error.problem()).isEqualTo("is given twice (first on line " + lineOf(broken, "    unit: 亿元") + ")");
        });
    }

    @Test
    void shouldPointAtTheLineOfAYamlSyntaxError() throws IOException {
        String broken = edit(valid, "s0-retail-sales", "    unit: 亿元\n", "    unit: 亿元\n   bad: [\n");
        CatalogException e = refused(write(broken));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("(syntax)");
            assertThat(error.line()).isBetween(lineOf(broken, "   bad: ["), lineOf(broken, "   bad: [") + 2);
            assertThat(error.problem()).startsWith("not valid YAML");
        });
    }

    @Test
    void shouldAcceptAPendingValueAndAnExplicitPacePlan() {
        String yaml = """
                year: 2020
                sections: [{id: S0, zh: 主要预期目标, en: Main expected targets}]
                departments: [{id: finance, zh: 区财政局, en: District Finance Bureau}]
                targets:
                  - id: s0-a
                    nameZh: 甲
                    nameEn: A
                    section: S0
                    department: finance
                    kind: CUMULATIVE
                    unit: 亿元
                    targetValue: null
                    comparator: AT_LEAST
                    deadline: 2020-10-31
                    pacePlan: [{date: 2020-03-31, expectedRatio: 0}, {date: 2020-10-31, expectedRatio: 1}]
                    sourcePhrase: 甲乙
                """;
        Catalog catalog = Catalog.parse(yaml, "inline");
        assertThat(catalog.find("s0-a").orElseThrow().getTargetValue()).isNull();
        assertThat(catalog.find("s0-a").orElseThrow().getPacePlan()).hasSize(2);
        assertThat(catalog.lineOf("s0-a")).hasValue(5);
    }

    @Test
    void shouldRefuseAFileWithoutTargets() {
        assertThatThrownBy(() -> Catalog.parse("year: 2020\nsections: []\ndepartments: []\n", "empty.yaml"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("empty.yaml:1: document, field 'targets': is missing");
    }

    private CatalogException refused(Path file) {
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.load(file));
        assertThat(e).as("the broken catalog should be refused").isNotNull();
        assertThat(e.errors()).allSatisfy(error -> assertThat(error.file()).isEqualTo(file.toString()));
        return e;
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
