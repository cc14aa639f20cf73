package org.jingan.progress.catalog;

/** A district department that owns targets and reports on them, e.g. {@code commerce} / 区商务委. */
public record Department(String id, String zh, String en) {
}
