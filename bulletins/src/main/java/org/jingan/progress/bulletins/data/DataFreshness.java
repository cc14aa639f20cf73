package org.jingan.progress.bulletins.data;

/**
 * How fresh the numbers of a document are, as the query API said.
 *
 * @param answers      answers read
 * @param answeredBy   the instances that answered
 * @param stale        true when some part came from a standby or a copy still catching up
 * @param maxOffsetLag records the laggiest copy was behind its changelog (null: unknown)
 * @param maxTimeLagMs how long ago the laggiest copy was last seen caught up
 */
public record DataFreshness(int answers, String answeredBy, boolean stale, Long maxOffsetLag, long maxTimeLagMs) {
}
