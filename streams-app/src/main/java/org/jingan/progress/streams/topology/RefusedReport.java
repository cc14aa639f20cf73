package org.jingan.progress.streams.topology;

import org.jingan.progress.avro.ProgressEvent;

/**
 * A report the processor refuses after it has held it (its target never arrived, or arrived and does not accept it):
 * it goes to the dead-letter topic as the report itself, with the reason in the headers, since the record it came in
 * is long committed and no error handler sees it.
 */
record RefusedReport(ProgressEvent event) {
}
