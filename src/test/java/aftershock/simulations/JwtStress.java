package aftershock.simulations;

import aftershock.auth.AuthMode;
import aftershock.auth.Logins;
import aftershock.auth.OidcLogin;
import aftershock.auth.Secret;
import aftershock.auth.TokenVerifier;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * It signs in the way {@code aftershock.target.auth.mode} says: {@code bearer} (the target's JSON login and refresh)
 * or {@code oidc} (a standard token endpoint: password and refresh_token grants, or client_credentials).
 */
@Kind(LOAD)
public class JwtStress extends JudgedSimulation {

    public JwtStress() {
        super("login, authenticated requests and token refresh under growing concurrency");
    }

    @Override
    protected void plan() {
        Settings settings = settings("jwt-stress");
        Settings auth = settings("target").section("auth");
        AuthMode mode = AuthMode.parse(auth.string("mode"));
        int startUsers = settings.positiveInt("start-users");
        int users = settings.positiveInt("users");
        Duration ramp = settings.scaledUsersRamp("ramp", startUsers, users);
        Duration hold = settings.scaled("hold");
        int authenticatedRequests = settings.positiveInt("authenticated-requests");
        Duration thinkTime = settings.duration("think-time");
        String authenticatedCall = TargetPaths.normalised(settings.string("authenticated-call"));
        Settings bearer = auth.section("bearer");

        URI base = target().baseUrls().get(0);
        HttpRequestActionBuilder signIn;
        HttpRequestActionBuilder renew;
        TokenVerifier verifier;
        switch (mode) {
            case BEARER -> {
                verifier = TokenVerifier.fromJwksUri(TargetPaths.under(base, paths().jwks()), settings.string("issuer"), "");
                signIn = http("login").httpRequest(bearer.string("method"), TargetPaths.normalised(bearer.string("path")))
                        .body(StringBody(loginBody(bearer.string("body"))));
                renew = http("refresh").post(paths().refresh()).body(StringBody("{\"refresh_token\":\"#{refresh}\"}"));
            }
            case OIDC -> {
                OidcLogin provider = (OidcLogin) Logins.from(settings("target"), new Http(Duration.ofSeconds(5)), base);
                verifier = provider.verifier().orElseThrow(() -> new ConfigurationException("JwtStress verifies every"
                        + " token, and the issuer publishes no jwks_uri: set aftershock.target.auth.oidc.jwks-uri"));
                signIn = tokenRequest(http("login").post(provider.endpoints().tokenEndpoint().toString()),
                        provider.signInForm(), provider);
                renew = tokenRequest(http("refresh").post(provider.endpoints().tokenEndpoint().toString()),
                        provider.refreshForm("#{refresh}"), provider);
            }
            default -> throw new ConfigurationException("JwtStress measures token logins, and aftershock.target.auth.mode"
                    + " is " + mode.text() + ": set it to bearer or oidc");
        }

        ChainBuilder login = load.request("login", issuesVerifiedTokens(verifier, signIn, bearer));
        ChainBuilder verifyToken = load.request("verify token", http("verify token").get(authenticatedCall)
                .header("Authorization", "Bearer #{token}"));
        ChainBuilder refresh = load.request("refresh", issuesVerifiedTokens(verifier, renew, bearer));

        ScenarioBuilder tokenUsers = scenario("jwt stress")
                .exec(login)
                .doIf("#{token.exists()}").then(
                        repeat(authenticatedRequests).on(pause(thinkTime).exec(verifyToken))
                                .pause(thinkTime)
                                .doIf("#{refresh.exists()}").then(exec(refresh)));

        Threshold verification = Threshold.below(P95_MILLIS, settings.duration("thresholds.verification-p95"))
                .forRequest("verify token");
        verdict.note(verification, "times the authenticated call made with the access token ("
                + authenticatedCall
                + "): the round trip in which the service verifies the token; our own JWKS check of each issued"
                + " token is part of login and refresh");
        Threshold errors = Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.error-rate-percent"));
        List<Threshold> thresholds = new ArrayList<>(List.of(
                Threshold.below(P95_MILLIS, settings.duration("thresholds.login-p95")).forRequest("login"),
                verification,
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.login-error-rate-percent")).forRequest("login"),
                errors));
        // The preflight's sign-in shows whether the issuer hands out refresh tokens (client_credentials never does).
        if (load.refreshTokenIssued()) {
            thresholds.add(3, Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.refresh-error-rate-percent"))
                    .forRequest("refresh"));
        } else {
            verdict.note(errors, "no refresh: the preflight's sign-in got no refresh token, so no user refreshes and"
                    + " refresh is not judged");
        }

        setUpJudged(load.warmedUp(tokenUsers,
                        rampConcurrentUsers(startUsers).to(users).during(ramp),
                        constantConcurrentUsers(users).during(hold)),
                thresholds);
    }

    /** The token response must carry an access token that verifies against the JWKS; both tokens are kept. */
    private static HttpRequestActionBuilder issuesVerifiedTokens(TokenVerifier verifier, HttpRequestActionBuilder request,
                                                                 Settings bearer) {
        String access = fromPointer(bearer.string("access-token-pointer"));
        String refreshPointer = bearer.string("refresh-token-pointer");
        String refresh = refreshPointer.isEmpty() ? "$.refresh_token" : fromPointer(refreshPointer);
        return request.check(
                status().is(200),
                jsonPath(access).transform(verifier::isValid).is(true),
                jsonPath(access).saveAs("token"),
                jsonPath(refresh).optional().saveAs("refresh"));
    }

    /** A form-encoded token request (RFC 6749), with the client's Basic authorization when it has a secret. */
    private static HttpRequestActionBuilder tokenRequest(HttpRequestActionBuilder request, Map<String, String> form,
                                                         OidcLogin provider) {
        HttpRequestActionBuilder withForm = request.header("Content-Type", "application/x-www-form-urlencoded");
        for (Map.Entry<String, String> field : form.entrySet()) {
            withForm = withForm.formParam(field.getKey(), field.getValue());
        }
        Optional<String> client = provider.clientAuthorization();
        return client.isPresent() ? withForm.header("Authorization", client.get()) : withForm;
    }

    /** The bearer login body with the user filled in, JSON-escaped. */
    private String loginBody(String template) {
        Settings target = settings("target");
        return template.replace("{username}", json(target.string("admin-username")))
                .replace("{password}", json(Secret.read(target, "admin-password").value()));
    }

    private static String json(String text) {
        String quoted = Http.JSON.getNodeFactory().textNode(text).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    /** A JSON pointer (/a/b) as the JsonPath Gatling checks with ($.a.b). */
    private static String fromPointer(String pointer) {
        return "$" + pointer.replace("/", ".");
    }
}
