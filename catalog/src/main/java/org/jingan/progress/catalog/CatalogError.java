package org.jingan.progress.catalog;

/**
 * One problem found in a catalog file.
 *
 * @param file    the file (or classpath resource) the catalog was read from
 * @param line    1-based line of the offending field, or of its row when the field is missing
 * @param where   which row: {@code target 's0-retail-sales'}, {@code department #3}, {@code document}
 * @param field   the field at fault, e.g. {@code kind}
 * @param problem what is wrong
 * @param fix     how to fix it
 */
public record CatalogError(String file, int line, String where, String field, String problem, String fix) {

    /** {@code file:line: where, field 'f': problem. Fix: fix.} */
    @Override
    public String toString() {
        return file + ":" + line + ": " + where + ", field '" + field + "': " + problem + ". Fix: " + fix;
    }
}
