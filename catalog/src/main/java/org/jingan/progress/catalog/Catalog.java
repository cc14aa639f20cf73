package org.jingan.progress.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.jingan.progress.avro.Target;

/**
 * The report's targets as loaded from a catalog file, validated: every target is complete, ids are unique and every
 * reference (section, department, parent, pace plan) resolves. Immutable.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.loadDefault();
 * Target retail = catalog.find("s0-retail-sales").orElseThrow();
 * }</pre>
 */
public final class Catalog {
    /** The catalog shipped with this module, on the classpath. */
    public static final String DEFAULT_RESOURCE = "catalog/jingan-2020.yaml";

    private final String origin;
    private final int year;
    private final List<Section> sections;
    private final List<Department> departments;
    private final List<Target> targets;
    private final Map<String, Target> byId = new LinkedHashMap<>();
    private final Map<String, Integer> lines;

    Catalog(String origin, int year, List<Section> sections, List<Department> departments, List<Target> targets,
            Map<String, Integer> lines) {
        this.origin = origin;
        this.year = year;
        this.sections = List.copyOf(sections);
        this.departments = List.copyOf(departments);
        this.targets = List.copyOf(targets);
        this.targets.forEach(t -> byId.put(t.getId(), t));
        this.lines = Map.copyOf(lines);
    }

    /** Loads and validates a catalog file; throws {@link CatalogException} naming every bad field with its line. */
    public static Catalog load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CatalogReader.read(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the catalog file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads the catalog shipped in this module ({@value #DEFAULT_RESOURCE} on the classpath). */
    public static Catalog loadDefault() {
        InputStream in = Catalog.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("The catalog resource " + DEFAULT_RESOURCE
                    + " is not on the classpath: is the catalog jar on it?");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CatalogReader.read(reader, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + DEFAULT_RESOURCE + " from the classpath", e);
        }
    }

    /** Parses catalog YAML held in memory; {@code origin} names it in error messages. */
    public static Catalog parse(String yaml, String origin) {
        return CatalogReader.read(new StringReader(yaml), origin);
    }

    /** Where the catalog was read from (a path or {@code classpath:...}). */
    public String origin() {
        return origin;
    }

    /** The reporting year, e.g. 2020. */
    public int year() {
        return year;
    }

    /** All targets in file order, each with revision 1 (the publisher sets the published revision). */
    public List<Target> targets() {
        return targets;
    }

    public Optional<Target> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The line of the file where the target's row starts. */
    public OptionalInt lineOf(String id) {
        Integer line = lines.get(id);
        return line == null ? OptionalInt.empty() : OptionalInt.of(line);
    }

    public List<Department> departments() {
        return departments;
    }

    public Optional<Department> department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public List<Section> sections() {
        return sections;
    }

    /** The targets that are part of {@code parentId} (e.g. graduate start-ups within all start-ups). */
    public List<Target> partsOf(String parentId) {
        return targets.stream().filter(t -> parentId.equals(t.getParentTargetId())).toList();
    }

    @Override
    public String toString() {
        return "Catalog[" + origin + ", " + targets.size() + " targets]";
    }
}
