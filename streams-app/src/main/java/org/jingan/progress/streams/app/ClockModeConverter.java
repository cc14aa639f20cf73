package org.jingan.progress.streams.app;

import java.util.Locale;

import org.jingan.progress.clock.ClockMode;

import picocli.CommandLine;

/** {@code wall} or {@code simulated}, in any case. */
final class ClockModeConverter implements CommandLine.ITypeConverter<ClockMode> {

    @Override
    public ClockMode convert(String value) {
        try {
            return ClockMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a clock: use wall or simulated");
        }
    }
}
