package org.jingan.progress.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** A catalog file was refused; the message lists every problem found, each with file, line, field and fix. */
public class CatalogException extends RuntimeException {
    private final List<CatalogError> errors;

    public CatalogException(String file, List<CatalogError> errors) {
        super(message(file, errors));
        this.errors = List.copyOf(errors);
    }

    public List<CatalogError> errors() {
        return errors;
    }

    private static String message(String file, List<CatalogError> errors) {
        return "The catalog " + file + " has " + errors.size() + (errors.size() == 1 ? " problem" : " problems")
                + ", nothing was loaded:\n" + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
