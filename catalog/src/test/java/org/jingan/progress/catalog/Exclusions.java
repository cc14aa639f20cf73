package org.jingan.progress.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The numbers of section 二 deliberately left out of the catalog ({@value #RESOURCE}), each with why. */
final class Exclusions {
    static final String RESOURCE = "catalog/exclusions-2020.yaml";

    /** Why a number is no target. */
    enum Category {
        DATE, NAME, ADDRESS, UNMEASURABLE;

        @JsonCreator
        static Category of(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /** The report's words around the left-out number, verbatim, and why it is left out. */
    record Exclusion(String fragment, Category category, String reason) {
    }

    private record ExclusionFile(List<Exclusion> exclusions) {
    }

    private Exclusions() {
    }

    /** The shipped file; unknown or misspelt keys fail the read. */
    static List<Exclusion> loadDefault() {
        try (InputStream in = Exclusions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return List.copyOf(new ObjectMapper(new YAMLFactory()).readValue(in, ExclusionFile.class).exclusions());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
