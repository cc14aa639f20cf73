package org.jingan.progress.testkit;

import org.junit.jupiter.api.AfterAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract on the official images through Testcontainers; skipped (and counted so) without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ContainersClusterTest extends RealClusterContract {
    private static TestCluster containers;

    @Override
    TestCluster cluster() {
        synchronized (ContainersClusterTest.class) {
            if (containers == null) {
                TestCluster shared = TestCluster.get();
                containers = shared.kind().equals("containers") ? shared : TestCluster.start("containers");
            }
            return containers;
        }
    }

    @AfterAll
    static void stopOwnCluster() {
        if (containers != null && containers != TestCluster.get()) {
            containers.stop();
        }
    }
}
