package org.jingan.progress.bulletins.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jingan.progress.bulletins.content.Language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The year-end review's sentence templates, per language, kind and comparator or outcome, from an editable YAML
 * file ({@code bulletins/review-templates.yaml} on the class path, or a copy given by the user).
 */
public final class ReviewTemplates {
    private static final String DEFAULT = "/bulletins/review-templates.yaml";

    private final JsonNode root;
    private final String origin;

    private ReviewTemplates(JsonNode root, String origin) {
        this.root = root;
        this.origin = origin;
    }

    public static ReviewTemplates defaults() {
        try (InputStream in = ReviewTemplates.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + DEFAULT);
            }
            return new ReviewTemplates(new ObjectMapper(new YAMLFactory()).readTree(in), DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReviewTemplates load(Path file) {
        try {
            return new ReviewTemplates(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the review templates " + file + ": " + e.getMessage(), e);
        }
    }

    /** The template at {@code path} (e.g. CUMULATIVE, AT_LEAST) in {@code language}. */
    public String text(Language language, String... path) {
        JsonNode node = root.path(language.code());
        for (String key : path) {
            node = node.path(key);
        }
        if (!node.isTextual()) {
            throw new IllegalStateException("The review templates (" + origin + ") have no text at "
                    + language.code() + "." + String.join(".", path));
        }
        return node.asText();
    }

    /** A milestone's template: the first whose ending the name has (or that has none), with the stem. */
    public String[] milestone(Language language, boolean done, String name) {
        JsonNode list = root.path(language.code()).path("MILESTONE").path(done ? "done" : "notDone");
        for (JsonNode entry : list) {
            String ending = entry.path("ending").asText("");
            if (name.endsWith(ending)) {
                return new String[]{entry.path("text").asText(), name.substring(0, name.length() - ending.length())};
            }
        }
        throw new IllegalStateException("The review templates (" + origin + ") have no MILESTONE."
                + (done ? "done" : "notDone") + " entry without an ending for " + language.code());
    }

    /** {@code template} with its {placeholders} filled. */
    public static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue());
        }
        return text;
    }

}
