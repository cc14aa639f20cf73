package org.jingan.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

/** Edits of catalog YAML text for tests. */
final class CatalogText {
    private CatalogText() {
    }

    /** Replaces {@code from} by {@code to} inside the row of target {@code id} only. */
    static String edit(String yaml, String id, String from, String to) {
        int start = yaml.indexOf("  - id: " + id + "\n");
        assertThat(start).as("row " + id).isNotNegative();
        int end = yaml.indexOf("\n  - id: ", start + 1);
        end = end < 0 ? yaml.length() : end;
        String row = yaml.substring(start, end);
        assertThat(row).as("row " + id + " contains " + from).contains(from);
        return yaml.substring(0, start) + row.replace(from, to) + yaml.substring(end);
    }

    /** The 1-based line on which {@code snippet} first occurs. */
    static int lineOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        assertThat(at).as("snippet " + snippet).isNotNegative();
        return text.substring(0, at).split("\n", -1).length;
    }
}
