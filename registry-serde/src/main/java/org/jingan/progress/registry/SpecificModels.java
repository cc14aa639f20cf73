package org.jingan.progress.registry;

import org.apache.avro.specific.SpecificData;

/** The Avro data model the specific serializers and deserializers use for a generated class. */
final class SpecificModels {

    private SpecificModels() {
    }

    /**
     * The class's own model (its logical-type conversions, e.g. timestamp-millis to Instant) with Avro's generated
     * encoders and decoders switched on: classes whose schema allows it ({@code hasCustomCoders()}) then read and
     * write through straight-line generated code instead of the schema-walking generic path, several times faster
     * and with the same bytes. Others fall back to the generic path. A copy, so the class's shared model is left as
     * it is.
     */
    static SpecificData of(Class<?> type) {
        SpecificData base = SpecificData.getForClass(type);
        SpecificData model = new SpecificData(type.getClassLoader());
        base.getConversions().forEach(model::addLogicalTypeConversion);
        model.setCustomCoders(true);
        return model;
    }
}
