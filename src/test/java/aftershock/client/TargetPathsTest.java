package aftershock.client;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class TargetPathsTest {

    @Test
    void aPathWithALeadingSlashStaysUnderTheBaseUrlsPath() {
        // Given a service behind a gateway, with and without a trailing slash
        URI gateway = URI.create("https://host/api/v1");
        URI gatewaySlash = URI.create("https://host/api/v1/");

        // When /health is resolved against it
        // Then the base path is kept
        assertThat(TargetPaths.under(gateway, "/health")).isEqualTo(URI.create("https://host/api/v1/health"));
        assertThat(TargetPaths.under(gatewaySlash, "/health")).isEqualTo(URI.create("https://host/api/v1/health"));
        assertThat(TargetPaths.under(gateway, "health")).isEqualTo(URI.create("https://host/api/v1/health"));
    }

    @Test
    void aBaseUrlWithoutPathPutsThePathAtTheRoot() {
        assertThat(TargetPaths.under(URI.create("http://127.0.0.1:8080"), "/api/auth/login"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/api/auth/login"));
        assertThat(TargetPaths.under(URI.create("http://127.0.0.1:8080/"), "/api/auth/login"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/api/auth/login"));
    }

    @Test
    void aFullUrlIsTakenAsItIs() {
        assertThat(TargetPaths.under(URI.create("https://host/api/v1"), "https://idp.example/realms/x/token"))
                .isEqualTo(URI.create("https://idp.example/realms/x/token"));
    }

    @Test
    void gatlingJoinsTheNormalisedPathToTheBaseWithoutTrailingSlashUnderTheBasePath() {
        // Given Gatling appends a relative path to the base URL as text
        String base = TargetPaths.gatlingBase(URI.create("https://host/api/v1/"));

        // When a path with and without a leading slash is normalised
        // Then the joined text is the same URL the preflight calls
        assertThat(base + TargetPaths.normalised("/health")).isEqualTo("https://host/api/v1/health");
        assertThat(base + TargetPaths.normalised("health")).isEqualTo("https://host/api/v1/health");
        assertThat(TargetPaths.normalised("http://other/x")).isEqualTo("http://other/x");
    }
}
