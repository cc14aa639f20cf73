package org.jingan.progress.testkit;

/** The contract on Kafka's in-process KRaft server and the Apicurio child process: runs everywhere. */
class EmbeddedClusterTest extends RealClusterContract {
    private static TestCluster embedded;

    @Override
    TestCluster cluster() {
        synchronized (EmbeddedClusterTest.class) {
            if (embedded == null) {
                TestCluster shared = TestCluster.get();
                embedded = shared.kind().equals("embedded") ? shared : TestCluster.start("embedded");
            }
            return embedded;
        }
    }
}
