package org.jingan.progress.bulletins.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A TrueType font with Chinese glyphs, embedded (as a subset) in every PDF and used for the charts. Found, in this
 * order: the {@code bulletins.cjkFont} system property or {@code BULLETIN_CJK_FONT} variable (a .ttf or .ttc
 * file), the fonts Debian's {@code fonts-wqy-microhei} / {@code fonts-wqy-zenhei} install, then whatever
 * {@code fc-list :lang=zh} knows in TrueType form. None found is an error saying what to install: a bulletin
 * without its Chinese text is never written.
 */
public final class CjkFont {
    private static final List<String> KNOWN = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    private static volatile CjkFont found;

    static {
        // charts are drawn off screen: no display is needed, or looked for, on a server
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final Path file;
    private final Font awt;

    private CjkFont(Path file) {
        this.file = file;
        try {
            this.awt = Font.createFonts(file.toFile())[0];
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("The CJK font " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (awt.canDisplayUpTo("静安区进展通报") != -1) {
            throw new IllegalStateException("The font " + file + " has no Chinese glyphs: set BULLETIN_CJK_FONT to a CJK TrueType font");
        }
    }

    /** The CJK font of this machine (looked up once). */
    public static CjkFont locate() {
        CjkFont font = found;
        if (font == null) {
            font = new CjkFont(find().orElseThrow(() -> new IllegalStateException(
                    "No Chinese TrueType font found for the bulletins: install one (Debian: apt-get install "
                            + "fonts-wqy-microhei) or name a .ttf/.ttc file with BULLETIN_CJK_FONT or -Dbulletins.cjkFont")));
            found = font;
        }
        return font;
    }

    static Optional<Path> find() {
        String chosen = System.getProperty("bulletins.cjkFont", System.getenv("BULLETIN_CJK_FONT"));
        if (chosen != null && !chosen.isBlank()) {
            Path path = Path.of(chosen);
            if (!Files.isReadable(path)) {
                throw new IllegalStateException("The CJK font named by BULLETIN_CJK_FONT / bulletins.cjkFont does not exist: " + path);
            }
            return Optional.of(path);
        }
        for (String known : KNOWN) {
            if (Files.isReadable(Path.of(known))) {
                return Optional.of(Path.of(known));
            }
        }
        return fontconfig();
    }

    private static Optional<Path> fontconfig() {
        try {
            Process fcList = new ProcessBuilder("fc-list", ":lang=zh", "file").redirectErrorStream(true).start();
            String out = new String(fcList.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            fcList.waitFor(10, TimeUnit.SECONDS);
            List<Path> candidates = new ArrayList<>();
            for (String line : out.split("\n")) {
                String path = line.replaceAll(":\\s*$", "").strip();
                String lower = path.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".ttf") || lower.endsWith(".ttc")) {
                    candidates.add(Path.of(path));
                }
            }
            return candidates.stream().sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty(); // no fontconfig: the caller says what to install
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public Path file() {
        return file;
    }

    /** The name OpenPDF opens it by: a collection's first font is {@code file.ttc,0}. */
    public String pdfName() {
        return file.toString().toLowerCase(Locale.ROOT).endsWith(".ttc") ? file + ",0" : file.toString();
    }

    public Font awt(float size, int style) {
        return awt.deriveFont(style, size);
    }

    public byte[] bytes() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
