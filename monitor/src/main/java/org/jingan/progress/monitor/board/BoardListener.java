package org.jingan.progress.monitor.board;

import org.jingan.progress.avro.Alert;

/** Told about every change of the board, e.g. to push it to open consoles. */
public interface BoardListener {
    /** A live notice changed the board. */
    void changed(AlertBoard.Change change, Alert alert);

    /** Many entries changed at once (history replayed, partitions moved, a decision made). */
    void reloaded();
}
