package org.jingan.progress.catalog;

/** A section of the report's 2020 work plan: {@code S0} for the headline targets, {@code S1}..{@code S6} for the six areas. */
public record Section(String id, String zh, String en) {
}
