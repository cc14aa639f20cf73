package org.jingan.progress.stack.demo;

/** The story the demo tells about one target over the year. */
public enum DemoScenario {
    /** Reaches the target well before the deadline and goes on past it. */
    FINISHES_EARLY,
    /** Follows its pace plan and meets the target in December. */
    ON_PACE,
    /** Falls clearly behind its pace plan by mid-year, catches up in the fourth quarter and meets the target. */
    FALLS_BEHIND_AND_RECOVERS,
    /** Stays behind and misses the target (a milestone that slips out of the year). */
    STAYS_BEHIND,
    /** A ceiling that is exceeded and stays exceeded. */
    BREACHES_CEILING
}
