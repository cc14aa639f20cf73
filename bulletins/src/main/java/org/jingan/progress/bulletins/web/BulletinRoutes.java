package org.jingan.progress.bulletins.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingan.progress.bulletins.BulletinGenerator;
import org.jingan.progress.bulletins.content.Language;
import org.jingan.progress.bulletins.review.ReviewTemplates;
import org.jingan.progress.bulletins.store.BulletinStore;
import org.jingan.progress.bulletins.store.KeptBulletin;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.security.RouteRole;

/**
 * The bulletins over HTTP, in the app of the people who may read them (the monitor):
 *
 * <pre>
 * GET /api/bulletins                          the kept bulletins, newest first, with their files' URLs   (viewer)
 * GET /api/bulletins/{month}/{file}           a kept document, e.g. 2020-04/bulletin-zh.pdf               (viewer)
 * GET /api/on-demand/bulletins/{month}?lang=zh&amp;format=pdf|docx   a month's bulletin written now, not kept  (operator)
 * GET /api/on-demand/reviews/{year}?lang=zh&amp;format=md|docx        the year-end review draft, written now    (operator)
 * </pre>
 * Writing a document only reads the stores (GETs of the query API): it changes no state, so GET it is; it costs a
 * few seconds of work, so only operators may ask for one.
 */
public final class BulletinRoutes {
    private final BulletinStore store;
    private final BulletinGenerator generator;

    public BulletinRoutes(BulletinStore store, BulletinGenerator generator) {
        this.store = store;
        this.generator = generator;
    }

    public void register(Javalin app, RouteRole viewer, RouteRole operator) {
        app.get("/api/bulletins", this::list, viewer);
        app.get("/api/bulletins/{month}/{file}", this::download, viewer);
        app.get("/api/on-demand/bulletins/{month}", this::bulletinNow, operator);
        app.get("/api/on-demand/reviews/{year}", this::reviewNow, operator);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (KeptBulletin kept : store.list()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("month", kept.month().toString());
            item.put("trigger", kept.trigger());
            item.put("clockAtGeneration", kept.clockAtGeneration());
            item.put("files", kept.files().stream().map(f -> Map.of("name", f,
                    "url", "api/bulletins/" + kept.month() + "/" + f)).toList());
            items.add(item);
        }
        ctx.json(Map.of("count", items.size(), "items", items));
    }

    private void download(Context ctx) {
        YearMonth month = month(ctx.pathParam("month"));
        String name = ctx.pathParam("file");
        Path file = store.file(month, name).orElseThrow(() -> new NotFoundResponse(
                "No kept document '" + name + "' for " + month + ": list them at /api/bulletins"));
        try {
            send(ctx, "bulletin-" + month + "-" + name.replace("bulletin-", ""), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void bulletinNow(Context ctx) {
        YearMonth month = month(ctx.pathParam("month"));
        Language language = language(ctx);
        String format = format(ctx, "pdf", "docx");
        BulletinGenerator.Documents documents = generator.month(month, List.of(language));
        send(ctx, "bulletin-" + month + "-" + language.code() + "." + format,
                documents.files().get("bulletin-" + language.code() + "." + format));
    }

    private void reviewNow(Context ctx) {
        int year;
        try {
            year = Integer.parseInt(ctx.pathParam("year"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("A year is four digits, e.g. 2020");
        }
        Language language = language(ctx);
        String format = format(ctx, "md", "docx");
        BulletinGenerator.Documents documents = generator.review(year, language, ReviewTemplates.defaults());
        send(ctx, year + "-review-" + language.code() + "." + format,
                documents.files().get("review-" + language.code() + "." + format));
    }

    private static void send(Context ctx, String filename, byte[] bytes) {
        ctx.contentType(contentType(filename));
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.result(bytes);
    }

    static String contentType(String name) {
        if (name.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (name.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        return name.endsWith(".md") ? "text/markdown; charset=utf-8" : "application/octet-stream";
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("A month is written 2020-04, got '" + text + "'");
        }
    }

    private static Language language(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (lang != null && !lang.isBlank() && !lang.equalsIgnoreCase("zh") && !lang.equalsIgnoreCase("en")) {
            throw new BadRequestResponse("lang is zh or en, got '" + lang + "'");
        }
        return Language.parse(lang);
    }

    private static String format(Context ctx, String... allowed) {
        String format = ctx.queryParam("format") == null ? allowed[0] : ctx.queryParam("format");
        if (!List.of(allowed).contains(format)) {
            throw new BadRequestResponse("format is one of " + String.join(", ", allowed) + ", got '" + format + "'");
        }
        return format;
    }
}
