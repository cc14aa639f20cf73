package org.jingan.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.UnitNames;
import org.junit.jupiter.api.Test;

/** Every unit of the shipped catalog has an English name, so no English page shows a Chinese unit. */
class UnitNamesTest {
    @Test
    void everyUnitOfTheShippedCatalogHasAnEnglishName() {
        Set<String> units = new TreeSet<>();
        Catalog.loadDefault().targets().forEach((Target t) -> units.add(t.getUnit()));

        assertThat(units).hasSize(15);
        assertThat(units).allSatisfy(unit -> {
            assertThat(UnitNames.known(unit)).as("English name of unit %s", unit).isTrue();
            assertThat(UnitNames.english(unit)).as("English name of unit %s", unit)
                    .isNotBlank().doesNotContainPattern("\\p{IsHan}");
        });
    }

    @Test
    void countingWordsAreSingularForOneAndScaledUnitsKeepTheirScale() {
        assertThat(UnitNames.english("项", 1.0)).isEqualTo("item");
        assertThat(UnitNames.english("项", 40.0)).isEqualTo("items");
        assertThat(UnitNames.english("人", 590.0)).isEqualTo("people");
        assertThat(UnitNames.english("亿元", 1.0)).isEqualTo("× 100 million yuan");
        assertThat(UnitNames.english("万平方米")).isEqualTo("× 10,000 m²");
        assertThat(UnitNames.english("%")).isEqualTo("%");
    }

    @Test
    void anUnknownUnitIsShownAsWrittenNeverBlank() {
        assertThat(UnitNames.known("公里")).isFalse();
        assertThat(UnitNames.english("公里")).isEqualTo("公里");
        assertThat(UnitNames.english("公里", 3.0)).isEqualTo("公里");
    }
}
