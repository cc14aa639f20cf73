package org.jingan.progress.bulletins.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jingan.progress.bulletins.content.Numbers;
import org.jingan.progress.bulletins.content.Texts;
import org.jingan.progress.bulletins.content.TargetLine;
import org.jingan.progress.bulletins.data.HistoryPoint;
import org.jingan.progress.bulletins.data.PlanPoint;

/**
 * A lagging target's burn-up, drawn by JFreeChart: what was reached day by day up to the month's end, the pace plan
 * over the year, the target as a line, and the forecast from the month's end to the deadline.
 */
public final class BurnUpChart {
    private static final Color ACTUAL = new Color(0x1f, 0x5f, 0xa8);
    private static final Color PLAN = new Color(0x8a, 0x8a, 0x8a);
    private static final Color FORECAST = new Color(0xc0, 0x50, 0x20);
    private static final Color TARGET = new Color(0x2e, 0x7d, 0x32);

    private final CjkFont font;

    public BurnUpChart(CjkFont font) {
        this.font = font;
    }

    /** The chart as a PNG of {@code width x height} points, drawn at twice that for print. */
    public byte[] png(TargetLine line, Texts texts, int width, int height) {
        JFreeChart chart = chart(line, texts);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeScaledChartAsPNG(out, chart, width, height, 2, 2);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JFreeChart chart(TargetLine line, Texts texts) {
        LocalDate end = line.now().date();
        TimeSeries actual = new TimeSeries(texts.get("chart.actual"));
        for (HistoryPoint p : line.target().until(end)) {
            actual.addOrUpdate(day(p.date()), p.actual());
        }
        TimeSeries plan = new TimeSeries(texts.get("chart.plan"));
        for (PlanPoint p : line.target().plan()) {
            plan.addOrUpdate(day(p.date()), p.expectedValue());
        }
        TimeSeries forecast = new TimeSeries(texts.get("chart.forecast"));
        LocalDate deadline = line.target().facts().deadline();
        if (line.now().forecastYearEnd() != null && deadline != null && deadline.isAfter(end)) {
            forecast.addOrUpdate(day(end), line.now().actual());
            forecast.addOrUpdate(day(deadline), line.now().forecastYearEnd());
        }
        TimeSeriesCollection data = new TimeSeriesCollection();
        data.addSeries(actual);
        data.addSeries(plan);
        data.addSeries(forecast);

        DateAxis time = new DateAxis();
        SimpleDateFormat format = new SimpleDateFormat("M/d");
        format.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        time.setDateFormatOverride(format);
        time.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        int year = end.getYear();
        time.setRange(date(LocalDate.of(year, 1, 1)), date(deadline != null && deadline.getYear() == year
                ? deadline.plusDays(1) : LocalDate.of(year, 12, 31)));
        NumberAxis values = new NumberAxis(Numbers.unit(line.unit(), texts.language()));
        values.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ACTUAL);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesPaint(1, PLAN);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        renderer.setSeriesPaint(2, FORECAST);
        renderer.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{2f, 3f}, 0f));
        XYPlot plot = new XYPlot(data, time, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        Double target = line.now().targetValue();
        if (target != null) {
            ValueMarker marker = new ValueMarker(target, TARGET, new BasicStroke(1.2f));
            marker.setLabel(texts.get("chart.target") + " " + org.jingan.progress.bulletins.content.Numbers.value(target));
            marker.setLabelFont(font.awt(11f, Font.PLAIN));
            marker.setLabelPaint(TARGET);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(marker);
            values.setUpperMargin(0.12);
            if (values.getUpperBound() < target) {
                values.setAutoRange(false);
                values.setRange(0, target * 1.12);
            }
        }
        Font small = font.awt(11f, Font.PLAIN);
        time.setTickLabelFont(small);
        values.setTickLabelFont(small);
        values.setLabelFont(small);
        JFreeChart chart = new JFreeChart(null, small, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(small);
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    private static Day day(LocalDate date) {
        return new Day(date(date), TimeZone.getTimeZone(ZoneOffset.UTC), java.util.Locale.ROOT);
    }

    private static Date date(LocalDate date) {
        return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
