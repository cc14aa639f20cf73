package org.jingan.progress.stack.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the demo replay got, in a small file in the data directory. It is written after the receiver acknowledged
 * the steps it counts, and replaced atomically, so a restart resumes at the first step not yet acknowledged (the
 * streams app drops the resend of an acknowledged-but-unrecorded report by its event id).
 */
public final class ReplayPositionStore {
    private static final Logger log = LoggerFactory.getLogger(ReplayPositionStore.class);
    private final Path file;
    private DemoScript fingerprinted;
    private String fingerprint;

    public ReplayPositionStore(Path file) {
        this.file = file;
    }

    /** The store in {@code dataDir}/demo. */
    public static ReplayPositionStore in(Path dataDir) {
        return new ReplayPositionStore(dataDir.resolve("demo").resolve("replay-position.properties"));
    }

    public Path file() {
        return file;
    }

    /** The seed of the replay recorded here, if any. */
    public java.util.Optional<Long> storedSeed() {
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Long.parseLong(read().getProperty("seed", "0")));
    }

    /**
     * The step to resume at for {@code script}: 0 when nothing was replayed yet.
     *
     * @throws ReplayMismatchException when the file belongs to a replay with another seed
     */
    public int resumePosition(DemoScript script) {
        if (!Files.exists(file)) {
            return 0;
        }
        Properties p = read();
        long seed = Long.parseLong(p.getProperty("seed", "0"));
        if (seed != script.seed()) {
            throw new ReplayMismatchException("The data directory holds a demo replayed with seed " + seed
                    + ", not " + script.seed() + ": start with --seed " + seed + " to continue it, or --fresh to start over.");
        }
        if (!fingerprintOf(script).equals(p.getProperty("fingerprint"))) {
            log.warn("The demo script changed since the last replay (catalog edited?): resuming at the same position;"
                    + " use --fresh for a clean year");
        }
        int position = Integer.parseInt(p.getProperty("position", "0"));
        return Math.max(0, Math.min(position, script.size()));
    }

    /** Records that the first {@code position} steps of {@code script} were acknowledged. */
    public void save(DemoScript script, int position, Instant lastEventTime) {
        Properties p = new Properties();
        p.setProperty("seed", Long.toString(script.seed()));
        p.setProperty("fingerprint", fingerprintOf(script));
        p.setProperty("position", Integer.toString(position));
        p.setProperty("total", Integer.toString(script.size()));
        if (lastEventTime != null) {
            p.setProperty("lastEventTime", lastEventTime.toString());
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                p.store(out, "demo replay position: steps acknowledged by the receiver");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the demo replay position in " + file, e);
        }
    }

    /** Computed once per script: the position is saved after every batch. */
    private synchronized String fingerprintOf(DemoScript script) {
        if (script != fingerprinted) {
            fingerprint = script.fingerprint();
            fingerprinted = script;
        }
        return fingerprint;
    }

    private Properties read() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return p;
        } catch (IOException | IllegalArgumentException e) {
            throw new ReplayMismatchException("The demo replay position " + file + " is unreadable (" + e.getMessage()
                    + "): delete it to replay the year again (reports already counted are not counted twice).");
        }
    }

    /** The stored position does not belong to this script. */
    public static final class ReplayMismatchException extends IllegalStateException {
        public ReplayMismatchException(String message) {
            super(message);
        }
    }
}
