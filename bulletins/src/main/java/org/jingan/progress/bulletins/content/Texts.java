package org.jingan.progress.bulletins.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The words of the documents in one language, from {@code bulletins/texts_<lang>.properties} (UTF-8, editable). */
public final class Texts {
    private final Properties words = new Properties();
    private final Language language;

    private Texts(Language language) {
        this.language = language;
        String name = "/bulletins/texts_" + language.code() + ".properties";
        try (InputStream in = Texts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + name);
            }
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Texts of(Language language) {
        return new Texts(language);
    }

    public Language language() {
        return language;
    }

    public String get(String key, Object... args) {
        String text = words.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("No text '" + key + "' in texts_" + language.code() + ".properties");
        }
        return args.length == 0 ? text : new MessageFormat(text.replace("'", "''"), Locale.ROOT).format(args);
    }

    public String status(String status) {
        return get("status." + status);
    }
}
