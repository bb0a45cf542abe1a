package aftershock.auth;

import aftershock.client.Http;
import aftershock.client.PreflightException;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.net.URI;
import java.util.Map;

/**
 * The user every login mode signs in as: {@code aftershock.target.admin-username} and the secret
 * {@code admin-password} (ADMIN_PASSWORD or {@code admin-password-file}).
 */
record Credentials(String username, Secret password) {

    /** {@code template} with {@code {username}} and {@code {password}} filled in, JSON-escaped. */
    String fill(String template) {
        return template.replace("{username}", escaped(username)).replace("{password}", escaped(password.value()));
    }

    /**
     * Sends the JSON login {@code body} (filled in) with {@code method} to {@code loginUri} and returns its OK answer;
     * a refusal or a failure is one line, naming {@code aftershock.target.auth.<mode>.path} as what to fix.
     */
    Http.Answer logIn(Http http, String method, URI loginUri, String body, String mode) {
        Http.Answer answer = http.exchange(method, loginUri, Map.of("Content-Type", "application/json",
                "Accept", "application/json"), fill(body));
        if (answer.status() == 401 || answer.status() == 403) {
            throw new PreflightException("login as '" + username + "' was refused by " + loginUri + " ("
                    + answer.status() + "): " + fix());
        }
        if (!answer.ok()) {
            throw new PreflightException("login at " + loginUri + " failed ("
                    + (answer.failure() != null ? answer.failure() : "status " + answer.status())
                    + "): check the service, or set aftershock.target.auth." + mode + ".path (and method) to its login endpoint");
        }
        return answer;
    }

    private static String escaped(String text) {
        try {
            String quoted = Http.JSON.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to set when a login is refused. */
    static String fix() {
        return "set ADMIN_USERNAME and ADMIN_PASSWORD (or aftershock.target.admin-password-file) to working credentials";
    }
}
