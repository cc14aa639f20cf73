package org.jingan.progress.intake.validation;

import java.util.List;

/** One row of a spreadsheet as text: its number as Excel shows it (the header is row 1) and its cells. */
public record SheetLine(int number, List<String> cells) {
    boolean blank() {
        return cells.stream().allMatch(String::isBlank);
    }
}
