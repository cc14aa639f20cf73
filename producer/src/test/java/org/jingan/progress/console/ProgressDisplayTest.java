package org.jingan.progress.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.junit.jupiter.api.RepeatedTest;

class ProgressDisplayTest {

    @RepeatedTest(5)
    void shouldWriteTheLastStateOnceAndOnlyAfterTheFirstFrameEvenWhenClosedAtOnce() {
        List<String> lines = new ArrayList<>();
        ProgressDisplay display = ProgressDisplay.asLogLines(lines::add, Duration.ofHours(1));

        try (ProgressBar bar = display.start(new ProgressBarBuilder().setTaskName("demo").setInitialMax(10))) {
            bar.stepTo(10);
        }

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("demo   0% [");
        assertThat(lines.get(1)).startsWith("demo 100% [").contains("] 10/10");
    }
}
