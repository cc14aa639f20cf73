package org.jingan.progress.bulletins.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.jingan.progress.bulletins.content.Bulletin;
import org.jingan.progress.bulletins.content.BulletinText;
import org.jingan.progress.bulletins.content.StatusRow;
import org.jingan.progress.bulletins.content.TargetLine;
import org.jingan.progress.bulletins.content.Texts;

/** The bulletin as a Word file (Apache POI), for the offices to edit: the same content as the PDF. */
public final class DocxBulletin {
    private final BurnUpChart charts;

    public DocxBulletin(CjkFont cjk) {
        this.charts = new BurnUpChart(cjk);
    }

    public byte[] render(Bulletin b) {
        BulletinText text = new BulletinText(b);
        Texts t = text.texts();
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Word w = new Word(doc);
            w.title(text.title());
            w.centered(text.subtitle());
            w.small(text.basis());
            w.small(text.freshness());
            w.heading(t.get("overview.heading"));
            w.bold(text.summary());
            w.plain(text.change());
            statusTable(w, t.get("overview.section"), b.sections(), b.total(), t);
            statusTable(w, t.get("overview.department"), b.departments(), null, t);
            if (text.notRecorded() != null) {
                w.small(text.notRecorded());
            }
            w.pageBreak();
            w.heading(t.get("lagging.heading"));
            if (b.lagging().isEmpty()) {
                w.plain(t.get("lagging.none"));
            }
            for (TargetLine line : b.lagging()) {
                w.bold(text.name(line));
                w.small(text.laggingHeader(line));
                List<String[]> figures = text.figures(line);
                XWPFTable table = doc.createTable(2, figures.size());
                table.setWidth("100%");
                for (int i = 0; i < figures.size(); i++) {
                    table.getRow(0).getCell(i).setText(figures.get(i)[0]);
                    table.getRow(1).getCell(i).setText(figures.get(i)[1]);
                }
                w.picture(charts.png(line, t, 620, 250), 450, 182);
            }
            w.heading(t.get("breaches.heading"));
            w.lines(b.breaches().isEmpty() ? List.of(t.get("breaches.none")) : b.breaches().stream().map(text::breach).toList());
            w.heading(t.get("stale.heading"));
            w.lines(b.stale().isEmpty() ? List.of(t.get("stale.none")) : b.stale().stream().map(text::stale).toList());
            if (!b.noReport().isEmpty()) {
                w.plain(text.noReport());
            }
            if (b.supervisionCases() != null) {
                w.heading(t.get("supervision.heading"));
                if (b.supervisionCases().isEmpty()) {
                    w.lines(List.of(t.get("supervision.none")));
                } else {
                    w.plain(text.casesSummary());
                    caseCounts(w, text);
                    w.bold(t.get("supervision.overdueHeading"));
                    w.lines(text.overdueCases());
                }
            }
            w.heading(t.get("completed.heading"));
            w.lines(b.completed().isEmpty() ? List.of(t.get("completed.none")) : b.completed().stream().map(text::completed).toList());
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void statusTable(Word w, String groupHeader, List<StatusRow> rows, StatusRow total, Texts t) {
        int columns = 2 + Bulletin.STATUS_COLUMNS.size();
        XWPFTable table = w.doc.createTable(1, columns);
        table.setWidth("100%");
        XWPFTableRow header = table.getRow(0);
        header.getCell(0).setText(groupHeader);
        header.getCell(1).setText(t.get("overview.targets"));
        for (int i = 0; i < Bulletin.STATUS_COLUMNS.size(); i++) {
            header.getCell(2 + i).setText(t.status(Bulletin.STATUS_COLUMNS.get(i)));
        }
        for (StatusRow row : rows) {
            addRow(table, row);
        }
        if (total != null) {
            addRow(table, total);
        }
        w.plain("");
    }

    /** Open and overdue cases per department. */
    private static void caseCounts(Word w, BulletinText text) {
        XWPFTable table = w.doc.createTable(1, 3);
        table.setWidth("60%");
        List<String> headers = text.caseCountHeaders();
        for (int i = 0; i < headers.size(); i++) {
            table.getRow(0).getCell(i).setText(headers.get(i));
        }
        for (String[] row : text.caseCounts()) {
            XWPFTableRow r = table.createRow();
            for (int i = 0; i < row.length; i++) {
                r.getCell(i).setText(row[i]);
            }
        }
        w.plain("");
    }

    private static void addRow(XWPFTable table, StatusRow row) {
        XWPFTableRow r = table.createRow();
        r.getCell(0).setText(row.name());
        r.getCell(1).setText(String.valueOf(row.targets()));
        for (int i = 0; i < Bulletin.STATUS_COLUMNS.size(); i++) {
            r.getCell(2 + i).setText(BulletinText.cell(row, Bulletin.STATUS_COLUMNS.get(i)));
        }
    }

    /** Paragraph helpers: East Asian text in 宋体 / SimSun, which every Chinese Word has. */
    static final class Word {
        final XWPFDocument doc;

        Word(XWPFDocument doc) {
            this.doc = doc;
        }

        XWPFRun run(XWPFParagraph p, String text, int size, boolean bold) {
            XWPFRun run = p.createRun();
            run.setText(text);
            run.setFontSize(size);
            run.setBold(bold);
            run.setFontFamily("SimSun", XWPFRun.FontCharRange.eastAsia);
            return run;
        }

        void title(String text) {
            XWPFParagraph p = doc.createParagraph();
            p.setAlignment(ParagraphAlignment.CENTER);
            run(p, text, 16, true);
        }

        void centered(String text) {
            XWPFParagraph p = doc.createParagraph();
            p.setAlignment(ParagraphAlignment.CENTER);
            run(p, text, 11, false);
        }

        void heading(String text) {
            XWPFParagraph p = doc.createParagraph();
            p.setSpacingBefore(200);
            run(p, text, 14, true);
        }

        void bold(String text) {
            run(doc.createParagraph(), text, 11, true);
        }

        void plain(String text) {
            run(doc.createParagraph(), text, 11, false);
        }

        void small(String text) {
            run(doc.createParagraph(), text, 8, false).setColor("555555");
        }

        void lines(List<String> lines) {
            lines.forEach(this::plain);
        }

        void pageBreak() {
            doc.createParagraph().createRun().addBreak(BreakType.PAGE);
        }

        void picture(byte[] png, int widthPt, int heightPt) {
            XWPFParagraph p = doc.createParagraph();
            p.setAlignment(ParagraphAlignment.CENTER);
            try {
                p.createRun().addPicture(new ByteArrayInputStream(png), Document.PICTURE_TYPE_PNG, "burn-up.png",
                        Units.toEMU(widthPt), Units.toEMU(heightPt));
            } catch (InvalidFormatException | IOException e) {
                throw new IllegalStateException("Cannot put the chart into the Word file: " + e.getMessage(), e);
            }
        }
    }
}
