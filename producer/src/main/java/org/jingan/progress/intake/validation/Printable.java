package org.jingan.progress.intake.validation;

/**
 * Text quoted back to a sender or into a log line (a parser's message, a header, a field value) with every character
 * that a terminal, a log reader or a JSON viewer would not show as itself written as <code>&#92;uXXXX</code>: a NUL
 * or an ESC sent by a client must not reach a screen or split a log line.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} with control, text-direction and line-separator characters escaped; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ControlCharacters.isControl(c) || c == '\uFFFD' || Character.isSurrogate(c) && !validPair(text, i)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append("\\u%04X".formatted((int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@link #escape} cut to at most {@code max} characters, for quoting what a client sent. */
    public static String quote(String text, int max) {
        String escaped = escape(text);
        return escaped == null || escaped.length() <= max ? escaped : escaped.substring(0, max) + "…";
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
