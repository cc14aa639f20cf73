package org.jingan.progress.bulletins.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The font is found on this machine, or its absence named clearly: no bulletin without its Chinese text. */
class CjkFontTest {

    @Test
    void shouldFindAChineseTrueTypeFontOnThisMachine() {
        CjkFont font = CjkFont.locate();
        assertThat(font.awt(12f, java.awt.Font.PLAIN).canDisplayUpTo("静安区月度进展通报")).isEqualTo(-1);
        assertThat(font.file().toString()).matches("(?i).*\\.tt[fc]");
    }

    @Test
    void shouldNameAMissingChosenFontClearly() {
        String before = System.getProperty("bulletins.cjkFont");
        System.setProperty("bulletins.cjkFont", "/nonexistent/font.ttf");
        try {
            assertThatThrownBy(CjkFont::find).hasMessageContaining("/nonexistent/font.ttf")
                    .hasMessageContaining("BULLETIN_CJK_FONT");
        } finally {
            if (before == null) {
                System.clearProperty("bulletins.cjkFont");
            } else {
                System.setProperty("bulletins.cjkFont", before);
            }
        }
    }
}
