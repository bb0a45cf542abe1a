package aftershock.auth;

/**
 * Signs in to the target in one of the {@link AuthMode}s. The first sign-in is the preflight: wrong credentials or a
 * wrong endpoint are refused there as one {@link aftershock.client.PreflightException} line, before any load.
 *
 * <pre>
 *   Login login = Logins.from(settings.section("target"), http, baseUrl, paths);
 *   SignedIn user = login.signIn();   // throws PreflightException: "... refused ...: set ADMIN_PASSWORD ..."
 * </pre>
 */
public interface Login {

    /** Signs in once; throws {@link aftershock.client.PreflightException} with the one line that says what failed. */
    SignedIn signIn();

    /** The mode, for the console. */
    AuthMode mode();
}
