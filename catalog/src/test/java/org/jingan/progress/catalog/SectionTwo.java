package org.jingan.progress.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 二 (2020 年主要工作) of the report, cut into sentences: on 。；！？ (and their ASCII forms) and at the end of
 * each paragraph. The report was extracted from a PDF, so a page break can cut a sentence in two lines ("人" / "力资源");
 * a line that ends without a sentence mark and is no heading is joined with the next.
 */
final class SectionTwo {
    static final String HEADING = "二、2020 年主要工作";

    /** A heading: （一）… or 二、… at the start of a line. */
    private static final Pattern HEADING_LINE = Pattern.compile("^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)");
    private static final Pattern NEXT_PART = Pattern.compile("\n\\s*[三四五六七八九十]、");
    private static final String SENTENCE_ENDS = "。；！？!?;";
    /** What may end a paragraph besides a sentence mark: a colon introducing what follows. */
    private static final String PARAGRAPH_ENDS = SENTENCE_ENDS + "：:";
    private static final Pattern SENTENCE = Pattern.compile("[^" + SENTENCE_ENDS + "]+[" + SENTENCE_ENDS + "]?");

    private SectionTwo() {
    }

    /** The text of section 二 as the report has it, line breaks included. */
    static String text(String report) {
        int start = report.indexOf(HEADING);
        if (start < 0) {
            throw new IllegalArgumentException("the report has no section '" + HEADING + "'");
        }
        Matcher next = NEXT_PART.matcher(report);
        return next.find(start) ? report.substring(start, next.start()) : report.substring(start);
    }

    /** The sentences of section 二, in order, trimmed. */
    static List<String> sentences(String report) {
        List<String> sentences = new ArrayList<>();
        for (String paragraph : paragraphs(text(report))) {
            Matcher m = SENTENCE.matcher(paragraph);
            while (m.find()) {
                String sentence = m.group().strip();
                if (!sentence.isEmpty()) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
    }

    static List<String> paragraphs(String section) {
        List<String> paragraphs = new ArrayList<>();
        for (String raw : section.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int last = paragraphs.size() - 1;
            if (last >= 0 && continues(paragraphs.get(last), line)) {
                paragraphs.set(last, paragraphs.get(last) + line);
            } else {
                paragraphs.add(line);
            }
        }
        return paragraphs;
    }

    /** Whether {@code line} goes on the paragraph before it: cut by a page break in mid-sentence. */
    private static boolean continues(String paragraph, String line) {
        char end = paragraph.charAt(paragraph.length() - 1);
        return PARAGRAPH_ENDS.indexOf(end) < 0 && !isHeading(paragraph) && !isHeading(line);
    }

    private static boolean isHeading(String line) {
        return HEADING_LINE.matcher(line).find();
    }
}
