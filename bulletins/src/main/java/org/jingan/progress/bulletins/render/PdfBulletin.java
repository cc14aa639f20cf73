package org.jingan.progress.bulletins.render;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.jingan.progress.bulletins.content.Bulletin;
import org.jingan.progress.bulletins.content.BulletinText;
import org.jingan.progress.bulletins.content.StatusRow;
import org.jingan.progress.bulletins.content.TargetLine;
import org.jingan.progress.bulletins.content.Texts;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The bulletin as a PDF (OpenPDF): A4, the CJK font embedded as a subset, the overview on the first page, then the
 * lagging targets two to a page with their burn-up charts, then breaches, stale reports, supervision cases and
 * what was completed.
 */
public final class PdfBulletin {
    private static final Color HEAD = new Color(0xee, 0xf2, 0xf7);
    private static final Color GREY = new Color(0x55, 0x55, 0x55);
    private static final Color RED = new Color(0xb0, 0x20, 0x20);

    private final CjkFont cjk;
    private final BurnUpChart charts;

    public PdfBulletin(CjkFont cjk) {
        this.cjk = cjk;
        this.charts = new BurnUpChart(cjk);
    }

    public byte[] render(Bulletin bulletin) {
        BulletinText text = new BulletinText(bulletin);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 42, 42, 40, 48);
        try {
            BaseFont base = BaseFont.createFont(cjk.pdfName(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            Fonts f = new Fonts(base);
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new Footer(f, text));
            doc.addTitle(text.title());
            doc.addCreator("progress pipeline: bulletins");
            doc.open();
            overview(doc, bulletin, text, f);
            doc.newPage();
            lagging(doc, bulletin, text, f);
            doc.newPage();
            rest(doc, bulletin, text, f);
            doc.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("Cannot write the bulletin's PDF: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private record Fonts(BaseFont base, Font title, Font heading, Font body, Font bold, Font small, Font cell, Font cellBold) {
        Fonts(BaseFont base) {
            this(base, new Font(base, 16, Font.BOLD), new Font(base, 12.5f, Font.BOLD), new Font(base, 10),
                    new Font(base, 10.5f, Font.BOLD), new Font(base, 8, Font.NORMAL, GREY), new Font(base, 7.5f),
                    new Font(base, 7.5f, Font.BOLD));
        }
    }

    private void overview(Document doc, Bulletin b, BulletinText text, Fonts f) throws DocumentException {
        Paragraph title = new Paragraph(text.title(), f.title());
        title.setAlignment(Element.ALIGN_CENTER);
        doc.add(title);
        Paragraph subtitle = new Paragraph(text.subtitle(), f.body());
        subtitle.setAlignment(Element.ALIGN_CENTER);
        subtitle.setSpacingAfter(6);
        doc.add(subtitle);
        doc.add(new Paragraph(text.basis(), f.small()));
        Paragraph freshness = new Paragraph(text.freshness(), f.small());
        freshness.setSpacingAfter(8);
        doc.add(freshness);
        heading(doc, text.texts().get("overview.heading"), f);
        doc.add(new Paragraph(text.summary(), f.bold()));
        Paragraph change = new Paragraph(text.change(), f.body());
        change.setSpacingAfter(6);
        doc.add(change);
        doc.add(statusTable(text.texts().get("overview.section"), List.of(b.total()), b.sections(), text.texts(), f));
        doc.add(statusTable(text.texts().get("overview.department"), List.of(), b.departments(), text.texts(), f));
        if (text.notRecorded() != null) {
            doc.add(new Paragraph(text.notRecorded(), f.small()));
        }
    }

    private static PdfPTable statusTable(String groupHeader, List<StatusRow> totals, List<StatusRow> rows, Texts t, Fonts f)
            throws DocumentException {
        int columns = 2 + Bulletin.STATUS_COLUMNS.size();
        PdfPTable table = new PdfPTable(columns);
        float[] widths = new float[columns];
        widths[0] = 30;
        widths[1] = 6;
        for (int i = 2; i < columns; i++) {
            widths[i] = 7.1f;
        }
        table.setWidths(widths);
        table.setWidthPercentage(100);
        table.setSpacingAfter(8);
        table.setHeaderRows(1);
        table.addCell(cell(groupHeader, f.cellBold(), HEAD, Element.ALIGN_LEFT));
        table.addCell(cell(t.get("overview.targets"), f.cellBold(), HEAD, Element.ALIGN_CENTER));
        for (String status : Bulletin.STATUS_COLUMNS) {
            table.addCell(cell(t.status(status), f.cellBold(), HEAD, Element.ALIGN_CENTER));
        }
        for (StatusRow row : rows) {
            addRow(table, row, f.cell(), null);
        }
        for (StatusRow row : totals) {
            addRow(table, row, f.cellBold(), HEAD);
        }
        return table;
    }

    private static void addRow(PdfPTable table, StatusRow row, Font font, Color background) {
        table.addCell(cell(row.name(), font, background, Element.ALIGN_LEFT));
        table.addCell(cell(String.valueOf(row.targets()), font, background, Element.ALIGN_CENTER));
        for (String status : Bulletin.STATUS_COLUMNS) {
            table.addCell(cell(BulletinText.cell(row, status), font, background, Element.ALIGN_CENTER));
        }
    }

    private static PdfPCell cell(String text, Font font, Color background, int align) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(align);
        cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
        cell.setPaddingTop(1.5f);
        cell.setPaddingBottom(3f);
        cell.setBorderColor(new Color(0xbb, 0xbb, 0xbb));
        if (background != null) {
            cell.setBackgroundColor(background);
        }
        return cell;
    }

    private void lagging(Document doc, Bulletin b, BulletinText text, Fonts f) throws DocumentException, IOException {
        heading(doc, text.texts().get("lagging.heading"), f);
        if (b.lagging().isEmpty()) {
            doc.add(new Paragraph(text.texts().get("lagging.none"), f.body()));
            return;
        }
        for (TargetLine line : b.lagging()) {
            PdfPTable block = new PdfPTable(1);
            block.setWidthPercentage(100);
            block.setKeepTogether(true);
            block.setSpacingAfter(10);
            PdfPCell inner = new PdfPCell();
            inner.setBorder(Rectangle.NO_BORDER);
            Paragraph name = new Paragraph(text.name(line), new Font(f.base(), 11.5f, Font.BOLD,
                    "BEHIND".equals(line.now().status()) || "OVERDUE".equals(line.now().status()) ? RED : Color.BLACK));
            inner.addElement(name);
            inner.addElement(new Paragraph(text.laggingHeader(line), f.small()));
            PdfPTable figures = new PdfPTable(new float[]{1f, 1f, 0.8f, 1.35f, 1.75f, 1f});
            figures.setWidthPercentage(100);
            figures.setSpacingBefore(4);
            List<String[]> rows = text.figures(line);
            rows.forEach(r -> figures.addCell(cell(r[0], f.cellBold(), HEAD, Element.ALIGN_CENTER)));
            rows.forEach(r -> figures.addCell(cell(r[1], new Font(f.base(), 8.5f), null, Element.ALIGN_CENTER)));
            inner.addElement(figures);
            Image chart = Image.getInstance(charts.png(line, text.texts(), 620, 250));
            chart.scaleToFit(500, 205);
            chart.setAlignment(Element.ALIGN_CENTER);
            inner.addElement(chart);
            block.addCell(inner);
            doc.add(block);
        }
    }

    private static void rest(Document doc, Bulletin b, BulletinText text, Fonts f) throws DocumentException {
        Texts t = text.texts();
        heading(doc, t.get("breaches.heading"), f);
        list(doc, b.breaches().isEmpty() ? List.of(t.get("breaches.none")) : b.breaches().stream().map(text::breach).toList(), f);
        heading(doc, t.get("stale.heading"), f);
        list(doc, b.stale().isEmpty() ? List.of(t.get("stale.none")) : b.stale().stream().map(text::stale).toList(), f);
        if (!b.noReport().isEmpty()) {
            list(doc, List.of(text.noReport()), f);
        }
        if (b.supervisionCases() != null) {
            heading(doc, t.get("supervision.heading"), f);
            if (b.supervisionCases().isEmpty()) {
                list(doc, List.of(t.get("supervision.none")), f);
            } else {
                doc.add(new Paragraph(text.casesSummary(), f.body()));
                doc.add(caseCounts(text, f));
                doc.add(new Paragraph(t.get("supervision.overdueHeading"), f.bold()));
                list(doc, text.overdueCases(), f);
            }
        }
        heading(doc, t.get("completed.heading"), f);
        list(doc, b.completed().isEmpty() ? List.of(t.get("completed.none")) : b.completed().stream().map(text::completed).toList(), f);
    }

    /** Open and overdue cases per department. */
    private static PdfPTable caseCounts(BulletinText text, Fonts f) throws DocumentException {
        PdfPTable table = new PdfPTable(3);
        table.setWidths(new float[] {30, 8, 8});
        table.setWidthPercentage(60);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.setSpacingBefore(4);
        table.setSpacingAfter(6);
        table.setHeaderRows(1);
        List<String> headers = text.caseCountHeaders();
        for (int i = 0; i < headers.size(); i++) {
            table.addCell(cell(headers.get(i), f.cellBold(), HEAD, i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_CENTER));
        }
        for (String[] row : text.caseCounts()) {
            for (int i = 0; i < row.length; i++) {
                table.addCell(cell(row[i], f.cell(), null, i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_CENTER));
            }
        }
        return table;
    }

    private static void heading(Document doc, String text, Fonts f) throws DocumentException {
        Paragraph heading = new Paragraph(text, f.heading());
        heading.setSpacingBefore(8);
        heading.setSpacingAfter(4);
        doc.add(heading);
    }

    private static void list(Document doc, List<String> lines, Fonts f) throws DocumentException {
        for (String line : lines) {
            Paragraph p = new Paragraph(line, f.body());
            p.setIndentationLeft(12);
            p.setSpacingAfter(2);
            doc.add(p);
        }
    }

    /** The title and page number at the foot of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private final Fonts fonts;
        private final BulletinText text;

        Footer(Fonts fonts, BulletinText text) {
            this.fonts = fonts;
            this.text = text;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            Phrase footer = new Phrase(text.title() + "    " + text.texts().get("bulletin.page", writer.getPageNumber()), fonts.small());
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER, footer,
                    (document.left() + document.right()) / 2, document.bottom() - 22, 0);
        }
    }
}
