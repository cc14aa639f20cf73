package org.jingan.progress.bulletins;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where an app that keeps the bulletins (the monitor) reads the stores and keeps the documents.
 *
 * @param queryUrl   the streams app's public port, whose query API is read
 * @param storeDir   the bulletin store's directory
 * @param checkEvery how often the district clock is looked at for a month's end
 */
public record BulletinSettings(String queryUrl, Path storeDir, Duration checkEvery) {
    public BulletinSettings(String queryUrl, Path storeDir) {
        this(queryUrl, storeDir, Duration.ofSeconds(5));
    }
}
