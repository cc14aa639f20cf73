package org.jingan.progress.streams.app;

import org.jingan.progress.clock.ClockMode;

import picocli.CommandLine;

/** {@code wall} or {@code simulated}, in any case. */
final class ClockModeConverter implements CommandLine.ITypeConverter<ClockMode> {

    @Override
    public ClockMode convert(String value) {
        try {
            return ClockMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
