package org.jingan.progress.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A {@link PipelineProcess} child JVM, with the moments its milestone lines arrived (System.nanoTime). */
final class ChildPipeline implements AutoCloseable {
    private final Process process;
    private final long launchedNanos;
    private final Map<String, Long> milestones = new ConcurrentHashMap<>();
    private final Path log;

    private ChildPipeline(Process process, long launchedNanos, Path log) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.log = log;
        Thread reader = new Thread(this::readMilestones, "child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ChildPipeline launch(List<String> args, Path log, String jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PipelineProcess.class.getName()));
        command.addAll(args);
        command.addAll(List.of("--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        try {
            long launched = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ChildPipeline(p, launched, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the pipeline child JVM: " + e.getMessage(), e);
        }
    }

    private void readMilestones() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                milestones.putIfAbsent(line.split(" ")[0], now);
            }
        } catch (IOException e) {
            // the child was killed
        }
    }

    /** Seconds from launch to the milestone line, waiting for it at most {@code timeout}. */
    double secondsUntil(String milestone, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!milestones.containsKey(milestone)) {
            if (!process.isAlive() || milestones.containsKey("FAILED")) {
                throw new IllegalStateException("The pipeline child JVM ended before " + milestone + " (exit "
                        + (process.isAlive() ? "-" : process.exitValue()) + "); see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The pipeline child JVM did not report " + milestone + " within "
                        + timeout.toSeconds() + " s; see " + log);
            }
            GroupProgress.sleep(5);
        }
        return (milestones.get(milestone) - launchedNanos) / 1e9;
    }

    double secondsSinceLaunch() {
        return (System.nanoTime() - launchedNanos) / 1e9;
    }

    boolean alive() {
        return process.isAlive() && !milestones.containsKey("FAILED");
    }

    /** kill -9: SIGKILL to the JVM, no shutdown hook, no Streams close, state left as it was. */
    void killHard() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The pipeline child JVM " + process.pid() + " did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            killHard();
        }
    }
}
