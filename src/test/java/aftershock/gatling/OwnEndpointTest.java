package aftershock.gatling;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.testing.GatlingDsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnEndpointTest {

    private static final Function<String, List<Map<String, Object>>> NO_CSV = file -> {
        throw new AssertionError("no feeder should be read, asked for " + file);
    };

    private static Settings settings(String... keyValues) {
        Properties props = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty("aftershock.endpoints." + keyValues[i], keyValues[i + 1]);
        }
        return Settings.load(props);
    }

    @Test
    void readsEveryFieldAndFillsTheSameIdInPathAndBody() {
        // Given a POST of one's own with a header and an expected 201
        Settings settings = settings("place-order.method", "post", "place-order.path", "api/orders/{id}",
                "place-order.body", "{\"id\":\"{id}\",\"n\":{random}}", "place-order.headers.X-Tenant", "acme-{id}",
                "place-order.status", "201");

        // When it is read and one request's values are drawn
        OwnEndpoint order = OwnEndpoint.all(settings, Requests.BUILT_IN, NO_CSV).get("place-order");
        Template.Values values = order.nextValues();

        // Then every field is as written, the path under the base path, and one id fills path, body and header
        assertThat(order.method()).isEqualTo("POST");
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.path().fill(values)).isEqualTo("/api/orders/" + values.id());
        assertThat(order.body().fill(values)).isEqualTo("{\"id\":\"" + values.id() + "\",\"n\":" + values.random() + "}");
        assertThat(order.headers()).containsOnlyKeys("X-Tenant");
        assertThat(order.headers().get("X-Tenant").fill(values)).isEqualTo("acme-" + values.id());
        assertThat(values.random()).isBetween(0L, 999_999_999L);
    }

    @Test
    void aGetWithOnlyAPathTakesTheDefaultsAndEachRequestGetsAFreshId() {
        OwnEndpoint list = OwnEndpoint.all(settings("list-orders.path", "/api/orders"), Requests.BUILT_IN, NO_CSV)
                .get("list-orders");

        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().isEmpty()).isTrue();
        assertThat(list.headers()).isEmpty();
        assertThat(list.nextValues().id()).isNotEqualTo(list.nextValues().id());
    }

    @Test
    void theFeedersRowsAreReadFromARealCsvFileAndGoRoundInACircle(@TempDir Path dir) throws Exception {
        // Given a CSV file of two SKUs, read by Gatling's own csv feeder
        GatlingDsl.configure();
        Path skus = Files.writeString(dir.resolve("skus.csv"), "sku,price\nA-1,10\nB-2,20\n");
        Settings settings = settings("cart.method", "PUT", "cart.path", "/api/carts/{id}", "cart.status", "201",
                "cart.body", "{\"sku\":\"{csv:sku}\"}", "cart.feeder", skus.toString());

        // When three requests draw their values
        OwnEndpoint cart = OwnEndpoint.all(settings, Requests.BUILT_IN, OwnEndpoint.GATLING_CSV).get("cart");
        List<String> bodies = List.of(cart.body().fill(cart.nextValues()), cart.body().fill(cart.nextValues()),
                cart.body().fill(cart.nextValues()));

        // Then they take the rows in turn, and start again
        assertThat(bodies).containsExactly("{\"sku\":\"A-1\"}", "{\"sku\":\"B-2\"}", "{\"sku\":\"A-1\"}");
    }

    @Test
    void aColumnTheFeederLacksIsRefusedNamingTheColumnsItHas() {
        Settings settings = settings("cart.path", "/api/carts/{csv:skew}", "cart.feeder", "skus.csv");

        assertThatThrownBy(() -> OwnEndpoint.all(settings, Requests.BUILT_IN, file -> List.of(Map.of("sku", "A-1"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("cart uses {csv:skew}, but aftershock.endpoints.cart.feeder 'skus.csv' has the columns sku:"
                        + " use one of them, or add the column to the file");
    }

    @Test
    void aCsvColumnWithoutAFeederIsRefused() {
        assertThatThrownBy(() -> OwnEndpoint.all(settings("cart.path", "/api/carts/{csv:sku}"), Requests.BUILT_IN, NO_CSV))
                .hasMessage("aftershock.endpoints.cart.feeder is not set, but cart uses {csv:sku}: name a CSV file with a"
                        + " header line, like feeder = \"skus.csv\"");
    }

    @Test
    void aFeederThatCannotBeReadIsOneLineWithTheFix(@TempDir Path dir) {
        GatlingDsl.configure();
        String missing = dir.resolve("missing.csv").toString();
        Settings settings = settings("cart.path", "/api/carts/{csv:sku}", "cart.feeder", missing);

        assertThatThrownBy(() -> OwnEndpoint.all(settings, Requests.BUILT_IN, OwnEndpoint.GATLING_CSV))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("aftershock.endpoints.cart.feeder '" + missing + "' could not be read (Could not"
                        + " locate feeder file: Resource " + missing + " not found)")
                .hasMessageEndingWith("): name a CSV file with a header line, on the classpath (src/test/resources) or as a path");
    }

    @Test
    void aMissingPathAWrongMethodAStatusOutOfRangeAndAnUnknownFieldAreEachRefused() {
        assertThatThrownBy(() -> OwnEndpoint.all(settings("cart.method", "PUT"), Requests.BUILT_IN, NO_CSV))
                .hasMessage("aftershock.endpoints.cart.path is not set: give the path of cart, like /api/orders/{id}"
                        + " (under the BASE_URL's path), or a full URL");
        assertThatThrownBy(() -> OwnEndpoint.all(settings("cart.path", "/c", "cart.method", "FETCH"), Requests.BUILT_IN, NO_CSV))
                .hasMessage("aftershock.endpoints.cart.method is 'FETCH': use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
        assertThatThrownBy(() -> OwnEndpoint.all(settings("cart.path", "/c", "cart.status", "2010"), Requests.BUILT_IN, NO_CSV))
                .hasMessage("aftershock.endpoints.cart.status is 2010: give the HTTP status that counts as OK, from 100"
                        + " to 599 (200 when not set)");
        assertThatThrownBy(() -> OwnEndpoint.all(settings("cart.path", "/c", "cart.stauts", "201"), Requests.BUILT_IN, NO_CSV))
                .hasMessage("aftershock.endpoints.cart.stauts is not a setting of an endpoint: use method, path, body,"
                        + " headers, status, feeder");
    }

    @Test
    void anEndpointMayNotTakeABuiltInName() {
        assertThatThrownBy(() -> OwnEndpoint.all(settings("health.path", "/healthz"), Requests.BUILT_IN, NO_CSV))
                .hasMessage("aftershock.endpoints.health takes the name of a built-in endpoint: give your endpoint another"
                        + " name (the built-in ones are jwt-status, agents, api-keys, health)");
    }
}
