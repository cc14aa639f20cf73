package org.jingan.progress.streams.dashboard;

/**
 * What a page shows, so what it is sent: everything (the overview), one target ({@code ?target=ID}) or one
 * department ({@code ?department=ID}). Pages with equal filters share every event's serialized form.
 */
public record FeedFilter(String targetId, String departmentId) {
    public static final FeedFilter EVERYTHING = new FeedFilter(null, null);

    /** From the stream's query parameters (blank ones ignored); both at once is refused. */
    public static FeedFilter of(String target, String department) {
        boolean byTarget = target != null && !target.isBlank();
        boolean byDepartment = department != null && !department.isBlank();
        if (byTarget && byDepartment) {
            throw new IllegalArgumentException("Follow one target or one department, not both.");
        }
        return byTarget ? new FeedFilter(target.trim(), null)
                : byDepartment ? new FeedFilter(null, department.trim()) : EVERYTHING;
    }

    /** Whether a change of {@code target} (of {@code department}) is shown by such a page. */
    public boolean shows(String target, String department) {
        return (targetId == null || targetId.equals(target)) && (departmentId == null || departmentId.equals(department));
    }
}
