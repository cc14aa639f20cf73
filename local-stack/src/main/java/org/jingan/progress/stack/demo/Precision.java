package org.jingan.progress.stack.demo;

import java.util.Set;

/**
 * How finely a unit is reported: whole things (台, 个, 户 ...) in whole numbers, money and rates to one decimal,
 * areas in 万平方米 to two. Amounts are handled as whole multiples of the step so increments add up exactly.
 */
record Precision(int decimals) {
    private static final Set<String> WHOLE = Set.of("台", "个", "家", "条", "户", "张", "人", "幢", "处", "项", "所", "座", "次");

    static Precision of(String unit) {
        if (WHOLE.contains(unit)) {
            return new Precision(0);
        }
        if (unit.contains("元") || unit.equals("%") || unit.contains("/")) {
            return new Precision(1);
        }
        return new Precision(2);
    }

    private double scale() {
        return Math.pow(10, decimals);
    }

    /** The value in steps, rounded to the nearest. */
    long units(double value) {
        return Math.round(value * scale());
    }

    /** The fewest steps that reach {@code value}. */
    long unitsAtLeast(double value) {
        return (long) Math.ceil(value * scale() - 1e-9);
    }

    double value(long units) {
        return units / scale();
    }

    boolean whole() {
        return decimals == 0;
    }
}
