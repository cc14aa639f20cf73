package org.jingan.progress.bulletins.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.bulletins.content.Language;
import org.jingan.progress.bulletins.data.HistoryPoint;
import org.jingan.progress.bulletins.data.TargetFacts;
import org.jingan.progress.bulletins.data.TargetRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One sentence per kind and comparator or outcome, from the shipped templates and from an edited copy. */
class ReviewSentencesTest {
    private static final LocalDate END = LocalDate.of(2020, 12, 31);
    private final YearEndReview review = new YearEndReview(ReviewTemplates.defaults());

    @Test
    void shouldWriteAnAmountWithItsCompletionAndTheGrowthOnTheBaseline() {
        TargetRecord retail = target("s0-retail-sales", "社会消费品零售总额", "CUMULATIVE", "AT_LEAST", "亿元", 748.0);
        assertThat(review.sentence(retail, point(810, 800, "COMPLETED"), Language.ZH))
                .isEqualTo("全年实现社会消费品零售总额810亿元，完成目标的101.3%，比上年增长8.3%。");
        assertThat(review.sentence(retail, point(700, 800, "BEHIND"), Language.ZH))
                .isEqualTo("全年实现社会消费品零售总额700亿元，完成目标的87.5%，比上年下降6.4%。");
        assertThat(review.sentence(retail, point(810, 800, "COMPLETED"), Language.EN))
                .isEqualTo("社会消费品零售总额 reached 810 × 100 million yuan over the year, 101.3% of the target, up 8.3% on the previous year.");
    }

    @Test
    void shouldSayWhatALevelReachedWithoutAGrowthOfAPercentage() {
        TargetRecord growth = target("s0-district-revenue-growth", "区级一般公共预算收入同比增长", "LEVEL", "AT_LEAST", "%", 0.32);
        assertThat(review.sentence(growth, point(1.2, 1, "COMPLETED"), Language.ZH))
                .isEqualTo("区级一般公共预算收入同比增长达到1.2%，目标为1%。");
    }

    @Test
    void shouldKeepACeilingWithinOrNameTheBreach() {
        TargetRecord unemployment = target("s0-registered-unemployment", "登记失业人数", "CEILING", "AT_MOST", "人", null);
        assertThat(review.sentence(unemployment, point(9000, 9100, "ON_TRACK"), Language.ZH)).isEqualTo("登记失业人数控制在9100人以内。");
        assertThat(review.sentence(unemployment, point(9649, 9100, "BREACHED"), Language.ZH))
                .isEqualTo("登记失业人数为9649人，超出控制目标549人。");
    }

    @Test
    void shouldChooseTheMilestonesVerbByItsNamesEnding() {
        TargetRecord bridge = target("s2-changping-road-bridge-completion", "昌平路桥竣工", "MILESTONE", "DONE", "项", null);
        TargetRecord start = target("s2-anyuan-road-bridge-start", "安远路桥开工", "MILESTONE", "DONE", "项", null);
        TargetRecord plan = target("s5-preschool-3yr-plan", "出台新一轮学前教育三年行动计划", "MILESTONE", "DONE", "项", null);
        assertThat(review.sentence(bridge, point(1, 1, "COMPLETED"), Language.ZH)).isEqualTo("昌平路桥实现竣工。");
        assertThat(review.sentence(bridge, point(0, 1, "BEHIND"), Language.ZH)).isEqualTo("昌平路桥尚未竣工。");
        assertThat(review.sentence(start, point(1, 1, "COMPLETED"), Language.ZH)).isEqualTo("安远路桥实现开工。");
        assertThat(review.sentence(plan, point(0, 1, "OVERDUE"), Language.ZH)).isEqualTo("出台新一轮学前教育三年行动计划，尚未完成。");
    }

    @Test
    void shouldSayWhenNothingWasReportedOrTheTargetHasNoValueYet() {
        TargetRecord nursing = target("s4-nursing-beds", "老年护理床位建设目标任务", "CUMULATIVE", "AT_LEAST", "张", null);
        assertThat(review.sentence(nursing, new HistoryPoint(END, null, 30, 1, null, null, null, "PENDING_TARGET"), Language.ZH))
                .isEqualTo("老年护理床位建设目标任务的目标值尚未下达，实现30张。");
        assertThat(review.sentence(nursing, new HistoryPoint(END, 100.0, 0, 1, 100.0, 0.0, null, "NO_REPORT_YET"), Language.ZH))
                .isEqualTo("老年护理床位建设目标任务尚无上报数据。");
    }

    @Test
    void shouldWriteFromAnEditedTemplatesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("templates.yaml");
        Files.writeString(file, new String(ReviewTemplates.class.getResourceAsStream("/bulletins/review-templates.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("全年实现{name}{actual}，完成目标的{completion}\"\n    ABOUT",
                "全年{name}达{actual}，为目标的{completion}\"\n    ABOUT"));
        TargetRecord retail = target("s0-retail-sales", "社会消费品零售总额", "CUMULATIVE", "AT_LEAST", "亿元", null);
        assertThat(new YearEndReview(ReviewTemplates.load(file)).sentence(retail, point(810, 800, "COMPLETED"), Language.ZH))
                .isEqualTo("全年社会消费品零售总额达810亿元，为目标的101.3%。");
    }

    private static TargetRecord target(String id, String nameZh, String kind, String comparator, String unit, Double baseline) {
        return new TargetRecord(new TargetFacts(id, nameZh, nameZh, "S0", "主要预期目标", "Main", "d", "部门", "Dept", kind,
                comparator, unit, baseline, END, null), List.of(), List.of(), END.plusDays(1));
    }

    private static HistoryPoint point(double actual, double target, String status) {
        return new HistoryPoint(END, target, actual, 1.0, target, actual / target, null, status);
    }
}
