package org.jingan.progress.bulletins.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingan.progress.bulletins.content.Language;
import org.jingan.progress.bulletins.content.Numbers;
import org.jingan.progress.bulletins.data.HistoryPoint;
import org.jingan.progress.bulletins.data.MonthData;
import org.jingan.progress.bulletins.data.TargetFacts;
import org.jingan.progress.bulletins.data.TargetRecord;

/**
 * The year-end review draft: per section of the report, one sentence per target in the register of section 一
 * ("全年实现社会消费品零售总额810亿元，完成目标的101.3%，比上年增长8.3%。"), from the history recorded at the end of
 * the year (or, while the year runs, at the end of the last day that ended).
 */
public final class YearEndReview {

    /** A section's heading and its targets' sentences. */
    public record Section(String id, String heading, List<Sentence> sentences) {
    }

    /** One target's sentence. */
    public record Sentence(String targetId, String text) {
    }

    /** The review: its title, the date its numbers are from, a line saying so, the sections. */
    public record Review(String title, LocalDate asOf, String basis, List<Section> sections) {
    }

    private final ReviewTemplates templates;

    public YearEndReview(ReviewTemplates templates) {
        this.templates = templates;
    }

    public Review write(MonthData data, int year, Language language) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        LocalDate asOf = asOf(year, data.clockDate());
        if (asOf.getYear() != year) {
            throw new IllegalArgumentException("The year " + year + " has no ended day by the district clock (" + data.clockDate() + ")");
        }
        org.jingan.progress.bulletins.content.Texts texts = org.jingan.progress.bulletins.content.Texts.of(language);
        String basis = texts.get("review.basis", date(asOf, language), date(data.clockDate(), language),
                asOf.isBefore(yearEnd) ? texts.get("review.notOver") : texts.get("review.over"));
        Map<String, List<Sentence>> bySection = new LinkedHashMap<>();
        Map<String, String> headings = new HashMap<>();
        data.targets().stream().sorted(Comparator.comparing((TargetRecord t) -> t.facts().sectionId()))
                .forEach(t -> {
                    TargetFacts f = t.facts();
                    headings.putIfAbsent(f.sectionId(), f.sectionHeading(language == Language.ZH));
                    bySection.computeIfAbsent(f.sectionId(), k -> new ArrayList<>())
                            .add(new Sentence(f.id(), sentence(t, t.at(asOf).orElse(null), language)));
                });
        List<Section> sections = new ArrayList<>();
        bySection.forEach((id, sentences) -> sections.add(new Section(id, headings.get(id), List.copyOf(sentences))));
        return new Review(texts.get("review.title", String.valueOf(year)), asOf, basis, List.copyOf(sections));
    }

    /** The day a review of {@code year} is written from: 31 December, or while the year runs the last day ended. */
    public static LocalDate asOf(int year, LocalDate clockDate) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        LocalDate lastEnded = clockDate.minusDays(1);
        return lastEnded.isBefore(yearEnd) ? lastEnded : yearEnd;
    }

    /** One target's sentence from its standing at the review's date. */
    public String sentence(TargetRecord target, HistoryPoint at, Language language) {
        TargetFacts f = target.facts();
        String name = language == Language.ZH ? f.nameZh() : f.nameEn();
        Map<String, String> values = new HashMap<>();
        values.put("name", name);
        String end = templates.text(language, "end");
        if (at == null) {
            return ReviewTemplates.fill(templates.text(language, "notRecorded"), values) + end;
        }
        values.put("actual", amount(at.actual(), f.unit(), language));
        values.put("target", amount(at.targetValue(), f.unit(), language));
        values.put("completion", Numbers.percent(at.completionRatio()));
        values.put("over", at.targetValue() == null ? "—" : amount(at.actual() - at.targetValue(), f.unit(), language));
        if (f.isMilestone()) {
            String[] chosen = templates.milestone(language, "COMPLETED".equals(at.status()), name);
            values.put("stem", chosen[1]);
            return ReviewTemplates.fill(chosen[0], values) + end;
        }
        if ("NO_REPORT_YET".equals(at.status()) || ("NOT_STARTED".equals(at.status()) && at.actual() == 0)) {
            return ReviewTemplates.fill(templates.text(language, "noReport"), values) + end;
        }
        if (at.targetValue() == null) {
            return ReviewTemplates.fill(templates.text(language, "pending"), values) + end;
        }
        if (f.isCeiling()) {
            String outcome = at.actual() > at.targetValue() ? "breached" : "within";
            return ReviewTemplates.fill(templates.text(language, "CEILING", outcome), values) + end;
        }
        String text = ReviewTemplates.fill(templates.text(language, f.kind(), f.comparator()), values);
        if (f.baseline2019() != null && f.baseline2019() > 0 && !"%".equals(f.unit())) {
            double growth = (at.actual() - f.baseline2019()) / f.baseline2019();
            values.put("growth", Numbers.percent(Math.abs(growth)));
            text += ReviewTemplates.fill(templates.text(language, growth >= 0 ? "growth" : "decline"), values);
        }
        return text + end;
    }

    /** Chinese writes the unit close to the number ("748亿元"), English with a space. */
    static String amount(Double value, String unit, Language language) {
        String amount = Numbers.amount(value, unit, language);
        return language == Language.ZH ? amount.replace(" ", "") : amount;
    }

    private static String date(LocalDate date, Language language) {
        return language == Language.ZH ? date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日" : date.toString();
    }
}
