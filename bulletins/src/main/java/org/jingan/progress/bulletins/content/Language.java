package org.jingan.progress.bulletins.content;

import java.util.Locale;

/** The document's language: Chinese by default, English on request. */
public enum Language {
    ZH, EN;

    public static Language parse(String text) {
        return text == null || text.isBlank() ? ZH : valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
