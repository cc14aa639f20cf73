package org.jingan.progress.intake.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.CatalogFollower;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog the intake validates against: the targets topic, followed live so that a revision (a target moved to
 * another department, a value set) applies to the next report without a restart; or a fixed list (a file, a test's
 * targets), which never changes. Until the topic was read once to its end the intake does not listen.
 */
public final class IntakeCatalog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntakeCatalog.class);
    /** The longest a start waits for the first full read of the topic. */
    public static final Duration FIRST_READ_WAIT = Duration.ofMinutes(2);

    private final TargetDirectory directory;
    private final CatalogFollower follower;
    private final String origin;

    private IntakeCatalog(TargetDirectory directory, CatalogFollower follower, String origin) {
        this.directory = directory;
        this.follower = follower;
        this.origin = origin;
    }

    /** A catalog that never changes. */
    public static IntakeCatalog fixed(List<Target> targets, String origin) {
        return new IntakeCatalog(TargetDirectory.of(targets), null, origin);
    }

    /** Starts following {@code topic} (read_committed, no group, from the beginning). */
    public static IntakeCatalog follow(String topic, Map<String, Object> connection, Map<String, ?> registryConfig) {
        TargetDirectory directory = TargetDirectory.empty();
        var config = new java.util.HashMap<String, Object>(connection);
        config.putAll(registryConfig);
        config.putIfAbsent("client.id", "progress-intake-catalog");
        CatalogFollower follower = new CatalogFollower(topic, config, new CatalogFollower.Listener() {
            @Override
            public void put(Target target) {
                Target before = directory.find(target.getId()).orElse(null);
                directory.put(target);
                if (before != null && before.getRevision() != target.getRevision()) {
                    log.info("catalog revision applied: {} revision {} ({}), department {}", target.getId(),
                            target.getRevision(), target.getRevisionNote(), target.getDepartmentId());
                }
            }

            @Override
            public void remove(String targetId) {
                directory.remove(targetId);
            }
        });
        follower.start();
        return new IntakeCatalog(directory, follower, "topic '" + topic + "'");
    }

    /**
     * Waits until the topic was read to its end once; throws when it cannot be read (no READ right) or takes longer
     * than {@code timeout}: without the catalog no report can be checked.
     */
    public void awaitFirstRead(Duration timeout) {
        if (follower == null) {
            return;
        }
        boolean done = follower.awaitCaughtUp(timeout);
        if (follower.failure() != null) {
            throw new IllegalStateException("cannot read the catalog from " + origin + ": " + follower.failure().getMessage(),
                    follower.failure());
        }
        if (!done) {
            throw new IllegalStateException("the catalog was not read from " + origin + " within " + timeout
                    + ": is the broker reachable?");
        }
        log.info("catalog read from {}: {} targets, following it for revisions", origin, directory.size());
    }

    /** Ready: it holds targets and, when it follows the topic, read it once and still reads it. */
    public boolean ready() {
        return directory.size() > 0 && (follower == null || (follower.caughtUp() && follower.healthy()));
    }

    public TargetDirectory directory() {
        return directory;
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }

    @Override
    public String toString() {
        return "catalog from " + origin + " (" + directory.size() + " targets" + (follower == null ? ", fixed" : ", live")
                + ")";
    }
}
