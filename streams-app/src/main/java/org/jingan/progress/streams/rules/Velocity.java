package org.jingan.progress.streams.rules;

/**
 * Recent progress, exponentially weighted: decayed sums of the progress made ({@code amount}, target units), of the
 * progress the pace plan asked for over the same intervals ({@code planned}, share of the target) and of the elapsed
 * days, all as of {@code anchorTime} (the latest event time observed). Recent reports weigh more: a contribution
 * made {@code h} half-lives before the anchor counts 2^-h.
 *
 * <p>amount / days is the recent velocity per day; amount / planned is how many units the target gains per unit of
 * planned share at the recent pace, which the forecast uses so that back-loaded plans are not read as a miss.
 *
 * @param anchorTime time the sums are decayed to, or null before the first observation
 * @param firstTime  start of the observed span (1 January for amounts that add up from 0, else the first report)
 */
public record Velocity(Long anchorTime, Long firstTime, double amount, double planned, double days) {

    public static final Velocity NONE = new Velocity(null, null, 0, 0, 0);

    /** Observation starts at {@code t} with nothing accumulated yet. */
    public static Velocity startingAt(long t) {
        return new Velocity(t, t, 0, 0, 0);
    }

    public boolean started() {
        return anchorTime != null;
    }

    /**
     * {@code delta} units of progress as of event time {@code t}. A report later than the anchor moves it (decaying
     * what came before); an earlier (late) one is added with the weight of its age. A negative delta retracts.
     */
    public Velocity observe(long t, double delta, PacePlan plan, long halfLifeMillis) {
        if (anchorTime == null) {
            return new Velocity(t, t, delta, 0, 0);
        }
        if (t >= anchorTime) {
            long dt = t - anchorTime;
            double decay = weight(dt, halfLifeMillis);
            double plannedDelta = plan.expectedRatio(t) - plan.expectedRatio(anchorTime);
            return new Velocity(t, firstTime, amount * decay + delta, planned * decay + plannedDelta,
                    days * decay + Calendar.days(dt));
        }
        return new Velocity(anchorTime, Math.min(firstTime, t), amount + delta * weight(anchorTime - t, halfLifeMillis),
                planned, days);
    }

    /**
     * This velocity as of a later time {@code now}: the time since the anchor passed without progress (what came
     * before decays, the plan's share over the silence is added). Unchanged before the first observation or when
     * {@code now} is not after the anchor.
     */
    public Velocity until(long now, PacePlan plan, long halfLifeMillis) {
        return anchorTime == null || now <= anchorTime ? this : observe(now, 0, plan, halfLifeMillis);
    }

    /** Units per day at the recent pace, or null before any time has elapsed. */
    public Double perDay() {
        return days > 1e-9 ? amount / days : null;
    }

    /** Length of the observed span in millis. */
    public long spanMillis() {
        return anchorTime == null ? 0 : anchorTime - firstTime;
    }

    static double weight(long ageMillis, long halfLifeMillis) {
        return Math.pow(0.5, ageMillis / (double) halfLifeMillis);
    }
}
