package org.jingan.progress.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a child command so that it cannot outlive this JVM.
 *
 * <p>Java has no portable "die with parent" option for child processes, and a kill -9 of this JVM runs no
 * shutdown hook. So the child is started by a small bash loop that polls this JVM's pid and ends the child when
 * this JVM is gone; a normal {@link Process#destroy()} (SIGTERM to bash) ends the child too.
 */
public final class OrphanGuard {
    private OrphanGuard() {
    }

    public static List<String> watched(List<String> command) {
        long parent = ProcessHandle.current().pid();
        String script = "\"$@\" & child=$!\n"
                + "trap 'kill -TERM $child 2>/dev/null; wait $child; exit 143' TERM INT\n"
                + "while kill -0 " + parent + " 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done\n"
                + "kill -TERM $child 2>/dev/null; wait $child\n";
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", script, "orphan-guard"));
        wrapped.addAll(command);
        return wrapped;
    }
}
