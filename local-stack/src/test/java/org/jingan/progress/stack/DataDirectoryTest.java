package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jingan.progress.cluster.KafkaLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @Test
    void freshDeletesTheKafkaAndMonitorLoginsWithTheRestOfTheStacksData(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("kafka"));
        KafkaLogin.loadOrCreate(dir.resolve("credentials").resolve("admin.properties"), "admin");
        MonitorLogins.loadOrCreate(dir.resolve("credentials"));

        DataDirectory.prepare(dir, true);

        assertThat(dir).isEmptyDirectory();
    }
}
