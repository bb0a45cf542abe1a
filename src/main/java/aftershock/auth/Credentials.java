package aftershock.auth;

import aftershock.client.Http;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The user every login mode signs in as: {@code aftershock.target.admin-username} and the secret
 * {@code admin-password} (ADMIN_PASSWORD or {@code admin-password-file}).
 */
record Credentials(String username, Secret password) {

    /** {@code template} with {@code {username}} and {@code {password}} filled in, JSON-escaped. */
    String fill(String template) {
        return template.replace("{username}", escaped(username)).replace("{password}", escaped(password.value()));
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
