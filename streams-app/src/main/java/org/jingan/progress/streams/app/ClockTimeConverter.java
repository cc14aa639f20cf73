package org.jingan.progress.streams.app;

import java.time.Instant;

import org.jingan.progress.clock.DistrictClock;

import picocli.CommandLine;

/** A date (its start in Asia/Shanghai) or a time, as {@link DistrictClock#parseTime} reads it. */
final class ClockTimeConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return DistrictClock.parseTime(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
