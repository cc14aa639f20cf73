package org.jingan.progress.streams.rules;

/**
 * How much of a ceiling (AT_MOST) the actual uses.
 *
 * <p>A ceiling above zero is judged by shares: {@code shareUsed} = actual / ceiling, {@code shareLeft} = headroom /
 * ceiling. A zero ceiling (零增长: 确保新增违法建筑零增长) has no shares, as nothing is a share of zero: it is within
 * while the actual is 0 ({@code shareUsed} 0, nothing of nothing used) and breached by any amount over it
 * ({@code shareUsed} null: no finite share says how far; the headroom does, in the target's unit). Its
 * {@code shareLeft} is always null: there is no approach to warn about, the first unit over zero is the breach.
 *
 * @param shareUsed share of the ceiling used; null for a breached zero ceiling
 * @param shareLeft headroom as a share of the ceiling; null for a zero ceiling
 * @param headroom  ceiling - actual in the target's unit, negative when breached
 */
public record CeilingUse(Double shareUsed, Double shareLeft, double headroom) {

    public static CeilingUse of(double ceiling, double actual) {
        double headroom = ceiling - actual;
        if (ceiling > 0) {
            return new CeilingUse(actual / ceiling, headroom / ceiling, headroom);
        }
        return new CeilingUse(actual > ceiling ? null : 0.0, null, headroom);
    }

    public boolean breached() {
        return headroom < 0;
    }

    /** Less than {@code atRiskShare} of the ceiling left; never for a zero ceiling (it is breached or fine). */
    public boolean nearlyFull(double atRiskShare) {
        return shareLeft != null && shareLeft < atRiskShare;
    }
}
