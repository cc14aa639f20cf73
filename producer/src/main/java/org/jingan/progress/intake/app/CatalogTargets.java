package org.jingan.progress.intake.app;

import java.nio.file.Path;
import java.util.List;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;

/** The catalog's targets: from a file when one is named, else the catalog shipped with the catalog module. */
public final class CatalogTargets {
    private CatalogTargets() {
    }

    public static List<Target> load(Path catalogFile) {
        return (catalogFile == null ? Catalog.loadDefault() : Catalog.load(catalogFile)).targets();
    }
}
