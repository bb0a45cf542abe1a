package aftershock.builtin;

import redis.clients.jedis.UnifiedJedis;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** Cookie sessions in Redis ("web-session:&lt;id&gt;" = subject and CSRF token), shared by every replica. */
final class WebSessions {

    static final String COOKIE = "SESSION";
    static final String CSRF_COOKIE = "XSRF-TOKEN";
    static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session: who, and the CSRF token its state-changing requests must send. */
    record Session(String id, String subject, String csrf) {
    }

    private final UnifiedJedis redis;

    WebSessions(UnifiedJedis redis) {
        this.redis = redis;
    }

    Session open(String subject) {
        Session session = new Session(random(), subject, random());
        redis.setex(key(session.id()), LIFETIME.toSeconds(), session.subject() + " " + session.csrf());
        return session;
    }

    Optional<Session> find(String id) {
        String value = redis.get(key(id));
        if (value == null || !value.contains(" ")) {
            return Optional.empty();
        }
        int space = value.lastIndexOf(' ');
        return Optional.of(new Session(id, value.substring(0, space), value.substring(space + 1)));
    }

    private static String key(String id) {
        return "web-session:" + id;
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
