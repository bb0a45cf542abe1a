package aftershock.gatling;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTest {

    @Test
    void fillsTheIdTheRandomNumberAndTheFeederColumnsAndLeavesJsonBracesAlone() {
        // Given a JSON body with every kind of placeholder
        Template body = Template.of("{\"order\":\"{id}\",\"sku\":\"{csv:sku}\",\"quantity\":{random},\"tags\":{}}");

        // When one request's values fill it
        String filled = body.fill(new Template.Values("7f3c", 42, Map.of("sku", "A-1")));

        // Then each placeholder is replaced and the body's own braces stay
        assertThat(filled).isEqualTo("{\"order\":\"7f3c\",\"sku\":\"A-1\",\"quantity\":42,\"tags\":{}}");
        assertThat(body.columns()).containsExactly("sku");
    }

    @Test
    void aValueWithDollarsOrBackslashesIsFilledInAsItIs() {
        Template path = Template.of("/api/search/{csv:q}");

        assertThat(path.fill(new Template.Values("x", 1, Map.of("q", "a$1\\b")))).isEqualTo("/api/search/a$1\\b");
    }

    @Test
    void textWithoutPlaceholdersIsItsOwnFilling() {
        Template path = Template.of("/health");

        assertThat(path.fill(new Template.Values("x", 1, Map.of()))).isEqualTo("/health");
        assertThat(path.columns()).isEmpty();
        assertThat(Template.of("").isEmpty()).isTrue();
    }
}
