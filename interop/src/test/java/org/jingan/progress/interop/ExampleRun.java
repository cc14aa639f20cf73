package org.jingan.progress.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One run of an example script (a child process): its exit code, its JSON output lines and what it wrote to stderr.
 * A run is stopped after two minutes, so a client that hangs fails the test instead of holding the build.
 */
record ExampleRun(int exitCode, List<JsonNode> lines, String stdout, String stderr) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The repository's examples folder (tests run in the module's directory). */
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    static ExampleRun of(Path directory, Map<String, String> environment, List<String> command) {
        try {
            Path out = Files.createTempFile("example", ".out");
            Path err = Files.createTempFile("example", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within 2 minutes; stderr: " + Files.readString(err));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(JSON.readTree(line));
                }
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            return new ExampleRun(process.exitValue(), lines, stdout, stderr);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code command}'s run if it starts and exits 0 (a probe for an interpreter and its modules), else empty. */
    static java.util.Optional<ExampleRun> probe(Path directory, Map<String, String> environment, List<String> command) {
        try {
            ExampleRun run = of(directory, environment, command);
            return run.exitCode() == 0 ? java.util.Optional.of(run) : java.util.Optional.empty();
        } catch (java.io.UncheckedIOException e) {
            return java.util.Optional.empty(); // no such program
        }
    }

    /** Whether {@code command} runs and exits 0 (a probe for an interpreter and its modules). */
    static boolean works(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The line a {@code read} printed for {@code topic} (its counts). */
    JsonNode topic(String topic) {
        return lines.stream().filter(l -> l.path("topic").asText().equals(topic) && l.has("decoded")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + topic + " in: " + stdout + stderr));
    }

    /** The line a {@code read --target} printed for the key on {@code topic}: its latest value. */
    JsonNode latest(String topic) {
        return lines.stream().filter(l -> l.path("topic").asText().equals(topic) && l.has("key")).findFirst()
                .orElseThrow(() -> new AssertionError("no value for the target on " + topic + " in: " + stdout + stderr))
                .path("value");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
