package aftershock.simulations;

import aftershock.auth.OidcEndpoints;
import aftershock.auth.TokenVerifier;
import aftershock.client.Http;
import aftershock.catalog.Kind;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static aftershock.catalog.SimulationKind.LOAD;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.P95_MILLIS;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * Seed 003, scenario 3: closed model, 10 -> 200 concurrent users, each logging in, making 5 authenticated
 * requests and refreshing its token; 200 users held for 3 minutes. Every issued access token is verified with
 * Nimbus against the issuer's JWKS: a corrupted or wrongly signed token fails its request.
 * PASS when login P95 < 200 ms, token verification P95 < 50 ms and errors < 5 %.
 * {@code auth = oidc} uses a standard OAuth2/OIDC token endpoint (password and refresh_token grants) instead.
 */
@Kind(LOAD)
public class JwtStress extends JudgedSimulation {

    public JwtStress() {
        super("login, authenticated requests and token refresh under growing concurrency");
    }

    @Override
    protected void plan() {
        Settings settings = settings("jwt-stress");
        boolean oidc = flavour(settings.string("auth"));
        int startUsers = settings.positiveInt("start-users");
        int users = settings.positiveInt("users");
        Duration ramp = settings.scaledUsersRamp("ramp", startUsers, users);
        Duration hold = settings.scaled("hold");
        int authenticatedRequests = settings.positiveInt("authenticated-requests");
        Duration thinkTime = settings.duration("think-time");
        Settings oidcSettings = settings.section("oidc");
        String username = settings("target").string("admin-username");
        String password = settings("target").string("admin-password");

        URI base = target().baseUrls().get(0);
        OidcEndpoints provider = oidc
                ? OidcEndpoints.resolve(new Http(Duration.ofSeconds(5)), base, oidcSettings.string("token-endpoint"),
                        oidcSettings.string("jwks-uri"), oidcSettings.string("issuer"))
                : new OidcEndpoints(base.resolve(paths().login()), base.resolve(paths().jwks()), oidcSettings.string("issuer"));
        TokenVerifier verifier = TokenVerifier.fromJwksUri(provider.jwksUri(), provider.issuer(), oidcSettings.string("audience"));

        ChainBuilder login = load.request("login", issuesVerifiedTokens(verifier, oidc
                ? http("login").post(provider.tokenEndpoint().toString())
                        .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                        .formParam("client_id", oidcSettings.string("client-id")).formParam("client_secret", oidcSettings.string("client-secret"))
                        .formParam("scope", oidcSettings.string("scope"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                : http("login").post(paths().login())
                        .body(StringBody(Http.JSON.createObjectNode().put("username", username).put("password", password).toString()))));

        ChainBuilder verifyToken = load.request("verify token", http("verify token")
                .get(oidc ? oidcSettings.string("authenticated-call") : paths().jwtStatus())
                .header("Authorization", "Bearer #{token}"));

        ChainBuilder refresh = load.request("refresh", issuesVerifiedTokens(verifier, oidc
                ? http("refresh").post(provider.tokenEndpoint().toString())
                        .formParam("grant_type", "refresh_token").formParam("refresh_token", "#{refresh}")
                        .formParam("client_id", oidcSettings.string("client-id")).formParam("client_secret", oidcSettings.string("client-secret"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                : http("refresh").post(paths().refresh()).body(StringBody("{\"refresh_token\":\"#{refresh}\"}"))));

        ScenarioBuilder tokenUsers = scenario("jwt stress")
                .exec(login)
                .doIf("#{token.exists()}").then(
                        repeat(authenticatedRequests).on(pause(thinkTime).exec(verifyToken))
                                .pause(thinkTime)
                                .doIf("#{refresh.exists()}").then(exec(refresh)));

        Threshold verification = Threshold.below(P95_MILLIS, settings.duration("thresholds.verification-p95"))
                .forRequest("verify token");
        verdict.note(verification, "times the authenticated call made with the access token ("
                + (oidc ? oidcSettings.string("authenticated-call") : paths().jwtStatus())
                + "): the round trip in which the service verifies the token; our own JWKS check of each issued"
                + " token is part of login and refresh");
        List<Threshold> thresholds = List.of(
                Threshold.below(P95_MILLIS, settings.duration("thresholds.login-p95")).forRequest("login"),
                verification,
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.login-error-rate-percent")).forRequest("login"),
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.refresh-error-rate-percent")).forRequest("refresh"),
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.error-rate-percent")));

        setUpJudged(load.warmedUp(tokenUsers,
                        rampConcurrentUsers(startUsers).to(users).during(ramp),
                        constantConcurrentUsers(users).during(hold)),
                thresholds);
    }

    /** The token response must carry an access token that verifies against the JWKS; both tokens are kept. */
    private static HttpRequestActionBuilder issuesVerifiedTokens(TokenVerifier verifier, HttpRequestActionBuilder request) {
        return request.check(
                status().is(200),
                jsonPath("$.access_token").transform(verifier::isValid).is(true),
                jsonPath("$.access_token").saveAs("token"),
                jsonPath("$.refresh_token").optional().saveAs("refresh"));
    }

    private static boolean flavour(String auth) {
        return switch (auth) {
            case "builtin" -> false;
            case "oidc" -> true;
            default -> throw new ConfigurationException("aftershock.jwt-stress.auth is '" + auth
                    + "': use builtin (the target's login) or oidc (a standard token endpoint)");
        };
    }
}
