package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.jingan.progress.stack.demo.ReplaySpeed;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    @Test
    void shouldGiveEveryComponentOfTheStackNoAutoRegistration() {
        StackConfig config = new StackConfig(Path.of("unused"), false, null, null, null, Map.of(), 1,
                StackConfig.Ports.ANY, ReplaySpeed.MAX, false, 2020, StackConfig.Clock.WALL);

        assertThat(config.clientConfig("127.0.0.1:9092", "http://127.0.0.1:8085/apis/ccompat/v7"))
                .as("the stack registers every subject before anything writes")
                .containsEntry("auto.register.schemas", false)
                .containsEntry("schema.registry.url", "http://127.0.0.1:8085/apis/ccompat/v7");
    }
}
