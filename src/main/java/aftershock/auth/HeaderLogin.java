package aftershock.auth;

import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.client.TargetPaths;
import aftershock.config.Settings;

import java.net.URI;
import java.util.Map;

/**
 * Mode {@code header}: a static header such as an API key ({@code aftershock.target.auth.header}: name, and the secret
 * value from API_KEY or {@code value-file}). Preflight opens {@code aftershock.target.auth.check-path} with it.
 */
final class HeaderLogin implements Login {

    private final Http http;
    private final String name;
    private final Secret value;
    private final URI check;

    HeaderLogin(Http http, URI baseUrl, Settings header, String checkPath) {
        this.http = http;
        this.name = header.string("name").trim();
        this.value = Secret.read(header, "value");
        this.check = checkPath.isBlank() ? null : TargetPaths.under(baseUrl, checkPath);
    }

    @Override
    public SignedIn signIn() {
        if (name.isEmpty()) {
            throw new PreflightException("aftershock.target.auth.header.name is empty: name the header the key goes in,"
                    + " for example X-API-Key");
        }
        if (value.isEmpty()) {
            throw new PreflightException("mode header has no value for " + name + ": set the environment variable"
                    + " API_KEY, or name a file holding it with aftershock.target.auth.header.value-file");
        }
        if (check == null) {
            throw new PreflightException("mode header needs aftershock.target.auth.check-path: a GET that the key opens"
                    + " and that is refused without it, so a wrong key is refused before any load");
        }
        Http.Answer answer = http.exchange("GET", check, Map.of(name, value.value(), "Accept", "application/json"), null);
        if (answer.status() == 401 || answer.status() == 403) {
            throw new PreflightException(check + " refused the " + name + " header (" + answer.status()
                    + "): set API_KEY (or aftershock.target.auth.header.value-file) to a working key");
        }
        if (!answer.ok()) {
            throw new PreflightException("the check " + check + " failed with the " + name + " header ("
                    + (answer.failure() != null ? answer.failure() : "status " + answer.status())
                    + "): set aftershock.target.auth.check-path to a GET that the key opens");
        }
        return new SignedIn(Map.of(name, value.value()), Map.of(), "", "");
    }

    @Override
    public AuthMode mode() {
        return AuthMode.HEADER;
    }
}
