package org.jingan.progress.bulletins;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingan.progress.bulletins.content.Bulletin;
import org.jingan.progress.bulletins.content.BulletinBuilder;
import org.jingan.progress.bulletins.content.Language;
import org.jingan.progress.bulletins.data.MonthData;
import org.jingan.progress.bulletins.data.QueryApiException;
import org.jingan.progress.bulletins.data.StoreReader;
import org.jingan.progress.bulletins.data.SupervisionCases;
import org.jingan.progress.bulletins.render.CjkFont;
import org.jingan.progress.bulletins.render.DocxBulletin;
import org.jingan.progress.bulletins.render.PdfBulletin;
import org.jingan.progress.bulletins.review.ReviewTemplates;
import org.jingan.progress.bulletins.review.ReviewWriters;
import org.jingan.progress.bulletins.review.YearEndReview;

/** Writes the documents: a month's bulletin (PDF and DOCX, Chinese and English) and the year-end review draft. */
public final class BulletinGenerator {
    /** What one generation made: the files by name, and the data they were written from. */
    public record Documents(Map<String, byte[]> files, MonthData data) {
    }

    private final StoreReader reader;
    private final BulletinBuilder builder;
    private final CjkFont font;

    public BulletinGenerator(String queryUrl, SupervisionCases supervision) {
        this.reader = new StoreReader(queryUrl);
        this.builder = new BulletinBuilder(supervision);
        this.font = CjkFont.locate(); // fails now, clearly, rather than at the first month's end
    }

    /** The month's bulletin in the given languages, both formats: {@code bulletin-zh.pdf}, {@code bulletin-zh.docx}, ... */
    public Documents month(YearMonth month, List<Language> languages) {
        MonthData data = reader.read();
        BulletinBuilder.requireEnded(month, data.clockDate());
        if (data.targets().isEmpty()) {
            throw new QueryApiException("The query API at " + reader.baseUrl() + " lists no targets yet (is the"
                    + " streams app still reading the catalog?)", null);
        }
        if (data.targets().stream().noneMatch(t -> t.at(month.atEndOfMonth()).isPresent())) {
            throw new NothingRecordedException(month);
        }
        data.requireClosed(month.atEndOfMonth());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Language language : languages) {
            Bulletin bulletin = builder.build(data, month, language);
            files.put("bulletin-" + language.code() + ".pdf", new PdfBulletin(font).render(bulletin));
            files.put("bulletin-" + language.code() + ".docx", new DocxBulletin(font).render(bulletin));
        }
        return new Documents(files, data);
    }

    /** The review draft of {@code year}: {@code review-zh.md} and {@code review-zh.docx}. */
    public Documents review(int year, Language language, ReviewTemplates templates) {
        MonthData data = reader.read();
        data.requireClosed(YearEndReview.asOf(year, data.clockDate()));
        YearEndReview.Review review = new YearEndReview(templates).write(data, year, language);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("review-" + language.code() + ".md", ReviewWriters.markdown(review).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("review-" + language.code() + ".docx", ReviewWriters.docx(review));
        return new Documents(files, data);
    }

    /** The manifest kept with a month's documents. */
    public static Map<String, Object> manifest(YearMonth month, Documents documents, String trigger) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("month", month.toString());
        manifest.put("monthEnd", month.atEndOfMonth().toString());
        manifest.put("clockAtGeneration", documents.data().clockNow().toString());
        manifest.put("clockMode", documents.data().clockMode());
        manifest.put("trigger", trigger);
        manifest.put("freshness", documents.data().freshness());
        manifest.put("files", new ArrayList<>(documents.files().keySet()));
        return manifest;
    }
}
