package org.jingan.progress.registry;

/** Confluent wire format: magic byte 0, the writer schema's registry id as a 4-byte big-endian int, then Avro binary. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }
}
