package org.jingan.progress.monitor.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jingan.progress.kit.secrets.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' own credentials: a file of {@code name:role:hash} lines ({@link OperatorLine}; {@code #} starts a
 * comment), made with {@code monitor add-operator}. Read at start (a bad file stops the monitor) and again whenever
 * it changes, so adding or removing someone needs no restart; an edit that does not parse is logged and the last
 * good content stays in force.
 */
public final class OperatorsFile {
    private static final Logger log = LoggerFactory.getLogger(OperatorsFile.class);
    /** Checked for unknown names too, so a wrong name costs the same time as a wrong password. */
    private static final String DUMMY_HASH = PasswordHash.hash("no such operator".toCharArray());

    private final Path path;
    private final RecentlyVerified recentlyVerified = new RecentlyVerified();
    private volatile Content content;

    private record Content(FileTime modified, long size, Map<String, OperatorLine> byName) {
    }

    private OperatorsFile(Path path, Content content) {
        this.path = path;
        this.content = content;
    }

    /** Reads {@code path}; throws IllegalArgumentException naming the line when it cannot. */
    public static OperatorsFile load(Path path) {
        OperatorsFile file = new OperatorsFile(path, read(path));
        if (file.content.byName().isEmpty()) {
            log.warn("The operators file {} names nobody: no one can sign in with a password", path);
        }
        return file;
    }

    public Path path() {
        return path;
    }

    /** The operator with this name and password, if there is one; a wrong name or password gives empty. */
    public Optional<Operator> authenticate(String name, char[] password) {
        Content now = current();
        Optional<Operator> known = recentlyVerified.get(name, password);
        if (known.isPresent()) {
            return known;
        }
        OperatorLine line = now.byName().get(name);
        boolean matches = PasswordHash.matches(password, line == null ? DUMMY_HASH : line.hash());
        if (line == null || !matches) {
            return Optional.empty();
        }
        recentlyVerified.put(name, password, line.operator());
        return Optional.of(line.operator());
    }

    /** The line of {@code name} as the file has it now. */
    public Optional<OperatorLine> line(String name) {
        return Optional.ofNullable(current().byName().get(name));
    }

    /** Everyone in the file now, in file order. */
    public List<OperatorLine> lines() {
        return List.copyOf(current().byName().values());
    }

    /** The file as last read, read again first if it changed since. */
    private Content current() {
        Content known = content;
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (modified.equals(known.modified()) && size == known.size()) {
                return known;
            }
            Content changed = read(path);
            content = changed;
            recentlyVerified.clear(); // a removed operator or a changed password must not linger
            log.info("Operators file {} read again: {} operator(s)", path, changed.byName().size());
            return changed;
        } catch (IOException | RuntimeException e) {
            log.error("Operators file {} could not be read again ({}); the last good content stays in force", path,
                    e.getMessage());
            return known;
        }
    }

    private static Content read(Path path) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Map<String, OperatorLine> byName = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i).strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                try {
                    OperatorLine line = OperatorLine.parse(text);
                    if (byName.putIfAbsent(line.name(), line) != null) {
                        throw new IllegalArgumentException("'" + line.name() + "' is named twice");
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("operators file " + path + ", line " + (i + 1) + ": "
                            + e.getMessage());
                }
            }
            return new Content(modified, size, byName);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the operators file " + path + ": " + e, e);
        }
    }

    /**
     * Adds {@code line} to the file, or replaces the line of the same name; creates the file (mode 600, its new
     * directory 700) when missing. Comments and other lines are kept.
     */
    public static void put(Path path, OperatorLine line) {
        try {
            List<String> lines = new ArrayList<>();
            if (Files.exists(path)) {
                lines.addAll(Files.readAllLines(path, StandardCharsets.UTF_8));
            } else {
                lines.add("# The monitor's operators: name:role:hash (monitor add-operator writes these lines).");
            }
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith(line.name() + ":")) {
                    lines.set(i, line.format());
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(line.format());
            }
            OwnerOnlyFiles.write(path, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the operators file " + path, e);
        }
    }
}
