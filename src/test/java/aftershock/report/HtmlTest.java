package aftershock.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapesTheCharactersThatEndTextOrAQuotedAttribute() {
        String escaped = Html.text("<a href=\"x\" title='y'>Tom & Jerry</a>");

        assertThat(escaped).isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
    }

    @Test
    void leavesOtherTextAsItIsSoTheInlineSvgStaysValidXml() {
        String text = "Grüße, 東京 — P95 ≤ 500 ms 🚀";

        assertThat(Html.text(text)).isEqualTo(text);
    }

    @Test
    void escapesAnAmpersandOnceAndPrintsNullAsNothing() {
        assertThat(Html.text("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.text(null)).isEmpty();
        assertThat(Html.text("")).isEmpty();
    }
}
