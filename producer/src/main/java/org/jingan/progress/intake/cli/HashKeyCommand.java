package org.jingan.progress.intake.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jingan.progress.intake.auth.ApiKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** intake hash-key: makes a department key and the line for the credentials file. */
@Command(name = "hash-key", mixinStandardHelpOptions = true,
        description = {"Generate a new department API key and its stored hash, or hash a key read from stdin (--stdin).",
                "Give the key to the department; put only the hash line in the credentials file. To rotate, add the new "
                        + "hash after the old one (dept = sha256:old, sha256:new), hand out the new key, then remove the "
                        + "old hash. The intake picks up the edited file without a restart."})
final class HashKeyCommand implements Callable<Integer> {
    @Option(names = "--department", description = "Department id, to print a ready credentials line.")
    String department;

    @Option(names = "--stdin", description = "Hash the key read from the first line of stdin instead of generating one.")
    boolean stdin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        String key;
        if (stdin) {
            key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (key == null || key.isBlank()) {
                spec.commandLine().getErr().println("usage error: no key on stdin");
                return ExitCodes.USAGE;
            }
            key = key.strip();
        } else {
            key = ApiKeys.generate();
            out.println("key:  " + key + "   (give this to the department; it is not stored anywhere)");
        }
        String hash = ApiKeys.hash(key);
        out.println("hash: " + hash);
        if (department != null) {
            out.println("credentials file line:");
            out.println(department + " = " + hash);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
