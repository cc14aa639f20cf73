package org.jingan.progress.intake.validation;

import java.math.BigDecimal;
import java.util.Optional;
import org.jingan.progress.avro.Target;

/**
 * How large a reported number may be: finite, and in size (a level may be negative) at most {@code maxMultiple}
 * times its target's value. A typo such as 1e300, or an amount in 元 for a target in 亿元, is refused instead of
 * completing the target at once. A target without a positive value (pending: the report gives no number yet) is
 * measured against its 2019 baseline when it has one, else against {@code maxWithoutReference}.
 *
 * @param maxMultiple         how many times its reference a value may be (INTAKE_MAX_VALUE_MULTIPLE, 100)
 * @param maxWithoutReference the largest size of a value on a target with neither a target value nor a baseline
 *                            (INTAKE_MAX_VALUE_WITHOUT_TARGET, 1e9)
 */
public record ValueBounds(double maxMultiple, double maxWithoutReference) {
    public static final double DEFAULT_MAX_MULTIPLE = 100;
    public static final double DEFAULT_MAX_WITHOUT_REFERENCE = 1e9;
    public static final ValueBounds DEFAULT = new ValueBounds(DEFAULT_MAX_MULTIPLE, DEFAULT_MAX_WITHOUT_REFERENCE);

    public ValueBounds {
        if (!(maxMultiple > 0) || Double.isInfinite(maxMultiple)) {
            throw new IllegalArgumentException("INTAKE_MAX_VALUE_MULTIPLE must be a number above 0, not " + maxMultiple);
        }
        if (!(maxWithoutReference > 0) || Double.isInfinite(maxWithoutReference)) {
            throw new IllegalArgumentException("INTAKE_MAX_VALUE_WITHOUT_TARGET must be a number above 0, not " + maxWithoutReference);
        }
    }

    /** The largest size a value on {@code t} may have. */
    public double limitFor(Target t) {
        Double reference = referenceOf(t);
        return reference == null ? maxWithoutReference : maxMultiple * reference;
    }

    /** The refusal of {@code value} (as sent: {@code sent}) on {@code t}, when it is not finite or too large. */
    Optional<FieldError> check(ReportRow row, double value, String sent, Target t) {
        double limit = limitFor(t);
        if (Double.isFinite(value) && Math.abs(value) <= limit) {
            return Optional.empty();
        }
        Double reference = referenceOf(t);
        String limitText = plain(limit) + " " + t.getUnit();
        String why;
        String whyZh;
        if (reference == null) {
            why = "a target without a target value takes values up to " + limitText;
            whyZh = "该目标尚无目标值，数值最多为 " + limitText;
        } else {
            String of = t.getTargetValue() != null && t.getTargetValue() > 0 ? "its target value" : "its 2019 value";
            String ofZh = t.getTargetValue() != null && t.getTargetValue() > 0 ? "目标值" : "2019 年实际值";
            why = "values up to %s times %s of %s %s, i.e. %s".formatted(plain(maxMultiple), of, plain(reference),
                    t.getUnit(), limitText);
            whyZh = "数值最多为%s %s %s 的 %s 倍，即 %s".formatted(ofZh, plain(reference), t.getUnit(), plain(maxMultiple),
                    limitText);
        }
        return Optional.of(FieldError.of(row, "value", sent, Violation.VALUE_OUT_OF_RANGE,
                "value %s is out of range for target '%s': it takes %s in size; check the unit and the decimal point"
                        .formatted(Printable.quote(sent, 40), t.getId(), why),
                "数值 %s 超出目标“%s”的合理范围：%s（按绝对值计）；请检查单位和小数点"
                        .formatted(Printable.quote(sent, 40), t.getId(), whyZh)));
    }

    private static Double referenceOf(Target t) {
        if (t.getTargetValue() != null && t.getTargetValue() > 0) {
            return t.getTargetValue();
        }
        if (t.getBaseline2019() != null && t.getBaseline2019() > 0) {
            return t.getBaseline2019();
        }
        return null;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
