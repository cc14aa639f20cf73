package org.jingan.progress.bulletins.content;

import java.util.Map;

/**
 * Counts by status of one group (a section, a department, or all) at the month's end and at the previous one.
 *
 * @param previous null when nothing was recorded at the previous month's end (January)
 */
public record StatusRow(String id, String name, int targets, Map<String, Integer> now, Map<String, Integer> previous) {

    public int count(String status) {
        return now.getOrDefault(status, 0);
    }

    /** The change since last month, 0 when there is no previous month. */
    public int change(String status) {
        return previous == null ? 0 : count(status) - previous.getOrDefault(status, 0);
    }
}
