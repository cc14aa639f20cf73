package org.jingan.progress.bulletins.review;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/** The review draft as Markdown and as a Word file: a title, the basis, per section a heading and one sentence a line. */
public final class ReviewWriters {
    private ReviewWriters() {
    }

    public static String markdown(YearEndReview.Review review) {
        StringBuilder md = new StringBuilder("# ").append(review.title()).append("\n\n> ").append(review.basis()).append("\n");
        for (YearEndReview.Section section : review.sections()) {
            md.append("\n## ").append(section.heading()).append("\n\n");
            section.sentences().forEach(s -> md.append(s.text()).append("\n"));
        }
        return md.toString();
    }

    public static byte[] docx(YearEndReview.Review review) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, review.title(), 16, true);
            run(doc.createParagraph(), review.basis(), 9, false).setColor("555555");
            for (YearEndReview.Section section : review.sections()) {
                XWPFParagraph heading = doc.createParagraph();
                heading.setSpacingBefore(200);
                run(heading, section.heading(), 13, true);
                for (YearEndReview.Sentence sentence : section.sentences()) {
                    XWPFParagraph p = doc.createParagraph();
                    p.setIndentationFirstLine(480);
                    run(p, sentence.text(), 11, false);
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XWPFRun run(XWPFParagraph p, String text, int size, boolean bold) {
        XWPFRun run = p.createRun();
        run.setText(text);
        run.setFontSize(size);
        run.setBold(bold);
        run.setFontFamily("SimSun", XWPFRun.FontCharRange.eastAsia);
        return run;
    }
}
