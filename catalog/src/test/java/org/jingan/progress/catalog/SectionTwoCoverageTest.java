package org.jingan.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Exclusions.Exclusion;
import org.jingan.progress.catalog.NumberMentions.Mention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every number of section 二 is accounted for: it lies inside the source phrase of a target (found in its sentence)
 * or inside a fragment of the exclusions file, which says why it is no target. What counts as a number and as a
 * sentence: {@link NumberMentions}, {@link SectionTwo}.
 */
class SectionTwoCoverageTest {
    /** Changed on purpose only: a row added or removed in either file must be a decision, not an accident. */
    static final int EXCLUSIONS = 12;

    private static String report;
    private static List<String> sentences;
    private static List<String> phrases;
    private static List<Exclusion> exclusions;

    @BeforeAll
    static void load() throws IOException {
        report = CatalogDataTest.resource(CatalogDataTest.REPORT);
        sentences = SectionTwo.sentences(report);
        phrases = Catalog.loadDefault().targets().stream().map(Target::getSourcePhrase).distinct().toList();
        exclusions = Exclusions.loadDefault();
    }

    @Test
    void shouldFindEveryNumberOfSectionTwoInATargetOrAnExclusion() {
        List<String> unaccounted = new ArrayList<>();
        for (String sentence : sentences) {
            List<Span> spans = Stream.concat(spans(sentence, phrases).stream(),
                    spans(sentence, exclusions.stream().map(Exclusion::fragment).toList()).stream()).toList();
            NumberMentions.in(sentence).stream().filter(m -> !coveredBy(m, spans))
                    .forEach(m -> unaccounted.add("'" + m.text() + "' in: " + sentence));
        }
        assertThat(unaccounted).as("numbers of section 二 in no target's sourcePhrase and no exclusion: add a target"
                + " (or, if it commits to nothing measurable, an exclusion with its reason)").isEmpty();
    }

    @Test
    void shouldExcludeOnlyNumbersNoTargetCoversEachForAReason() {
        String section = SectionTwo.text(report);
        for (Exclusion exclusion : exclusions) {
            String fragment = exclusion.fragment();
            assertThat(section).as("exclusion fragment verbatim in section 二").contains(fragment);
            assertThat(exclusion.category()).as(fragment).isNotNull();
            assertThat(exclusion.reason()).as(fragment).isNotBlank();
            List<Mention> explained = new ArrayList<>();
            for (String sentence : sentences) {
                List<Span> mine = spans(sentence, List.of(fragment));
                List<Span> targets = spans(sentence, phrases);
                NumberMentions.in(sentence).stream()
                        .filter(m -> coveredBy(m, mine) && !coveredBy(m, targets)).forEach(explained::add);
            }
            assertThat(explained).as("numbers that the exclusion '%s' alone accounts for: none means it is stale"
                    + " (a target covers them) or cut across sentences", fragment).isNotEmpty();
        }
    }

    @Test
    void shouldCountEveryTargetAndExclusionDeliberately() {
        assertThat(Catalog.loadDefault().targets().size()).as("targets in the catalog").isEqualTo(CatalogDataTest.TARGETS);
        assertThat(exclusions.size()).as("exclusions").isEqualTo(EXCLUSIONS);
        assertThat(exclusions).extracting(Exclusion::fragment).doesNotHaveDuplicates();
    }

    @Test
    void shouldJoinSentencesCutByAPageBreak() {
        assertThat(sentences).first().isEqualTo(SectionTwo.HEADING);
        assertThat(sentences).anyMatch(s -> s.contains("提供管理咨询、法律服务、人力资源、会计审计"));
        assertThat(sentences).contains("实现社会消费品零售总额 800 亿元；", "（一）扩大辐射力影响力，着力提升城区服务能级",
                "全年帮助长期失业青年就业590人，帮扶引领创业800人，其中帮扶青年大学生创业480人。");
        assertThat(sentences.stream().filter(NumberMentions::bearsANumber)).hasSize(39);
    }

    @Test
    void shouldCountDigitsUnitNumeralsAndWordedQuantitiesButNotOrdinalsOrSlogans() {
        assertThat(NumberMentions.in("完成 21 万平方米屋面改造、新增3个社区长者食堂、北广场金融街 C1 地块"))
                .extracting(Mention::text).containsExactly("21", "3", "1");
        assertThat(NumberMentions.in("新建两个公共运动场，实现达标全覆盖，确保零增长"))
                .extracting(Mention::text).containsExactly("两", "全覆盖", "零增长");
        assertThat(NumberMentions.in("实现第一个百年奋斗目标，每一项工作，“一张网”，一批服务平台，151 项目")).extracting(Mention::text)
                .containsExactly("151");
    }

    private record Span(int from, int to) {
    }

    /** Where each of {@code texts} occurs in {@code sentence} (every occurrence). */
    private static List<Span> spans(String sentence, List<String> texts) {
        List<Span> spans = new ArrayList<>();
        for (String text : texts) {
            for (int at = sentence.indexOf(text); at >= 0; at = sentence.indexOf(text, at + 1)) {
                spans.add(new Span(at, at + text.length()));
            }
        }
        return spans;
    }

    private static boolean coveredBy(Mention mention, List<Span> spans) {
        return spans.stream().anyMatch(s -> mention.within(s.from(), s.to()));
    }
}
