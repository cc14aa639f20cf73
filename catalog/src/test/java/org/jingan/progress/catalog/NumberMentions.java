package org.jingan.progress.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a sentence of the report bears. A number is
 * <ul>
 *   <li>an Arabic numeral, with its decimals (2020, 1.41, the 5 of 5G): every one, names and dates included, so
 *       that leaving one out is a decision written down in the exclusions;</li>
 *   <li>a Chinese numeral directly before a unit or measure word (三个, 两条, 十万平方米), unless it is an ordinal
 *       (after 第), a distributive (after 每) or inside “…”, where the report writes slogans and names
 *       (“一网通办”, “四个意识”, “一张网”);</li>
 *   <li>a quantity in words: 全覆盖 (100 %) and 零增长 (0).</li>
 * </ul>
 * A sentence is number-bearing when it has at least one.
 */
final class NumberMentions {
    /** One number: where it is in the sentence and how it is written. */
    record Mention(int start, int end, String text) {
        boolean within(int from, int to) {
            return from <= start && end <= to;
        }
    }

    private static final Pattern ARABIC = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final String CHINESE_DIGITS = "一二两三四五六七八九十百千";
    /** Units and measure words; 项 not in 项目 (a project), where it is no unit. */
    private static final String UNITS = "%|万平方米|平方米|亿元|万元|元|吨|万户|户|万人|人|家|个|项(?!目)|条|台|张|处|幢|座|所";
    private static final Pattern CHINESE = Pattern.compile("(?<![第每" + CHINESE_DIGITS + "])[" + CHINESE_DIGITS
            + "]+(?=\\s*(?:" + UNITS + "))");
    private static final Pattern WORDED = Pattern.compile("全覆盖|零增长");
    private static final Pattern QUOTED = Pattern.compile("“[^”]*”");

    private NumberMentions() {
    }

    static List<Mention> in(String sentence) {
        List<Mention> mentions = new ArrayList<>();
        add(mentions, ARABIC.matcher(sentence));
        add(mentions, CHINESE.matcher(withoutQuotes(sentence)));
        add(mentions, WORDED.matcher(sentence));
        mentions.sort(Comparator.comparingInt(Mention::start));
        return mentions;
    }

    static boolean bearsANumber(String sentence) {
        return !in(sentence).isEmpty();
    }

    private static void add(List<Mention> mentions, Matcher m) {
        while (m.find()) {
            mentions.add(new Mention(m.start(), m.end(), m.group()));
        }
    }

    /** The sentence with every “…” blanked out, positions kept. */
    private static String withoutQuotes(String sentence) {
        Matcher m = QUOTED.matcher(sentence);
        StringBuilder out = new StringBuilder(sentence);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                out.setCharAt(i, '＿');
            }
        }
        return out.toString();
    }
}
