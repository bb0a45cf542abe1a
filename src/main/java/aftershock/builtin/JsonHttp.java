package aftershock.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/** The small HTTP toolkit of the built-in target: JSON replies, errors as exceptions, and a router. */
final class JsonHttp {

    private static final Logger logger = LoggerFactory.getLogger(JsonHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private JsonHttp() {
    }

    /** An answer: status, a body serialised as JSON, extra headers. */
    record Reply(int status, Object body, Map<String, String> headers) {
        static Reply json(int status, Object body) {
            return new Reply(status, body, Map.of());
        }

        Reply withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, body, all);
        }
    }

    /** Thrown by an endpoint to answer with an error status. */
    static final class Failure extends RuntimeException {
        final transient Reply reply;

        Failure(int status, String error, String description) {
            super(error, null, false, false);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error);
            if (description != null) {
                body.put("error_description", description);
            }
            this.reply = Reply.json(status, body);
        }

        Failure(Reply reply) {
            super(String.valueOf(reply.status()), null, false, false);
            this.reply = reply;
        }
    }

    /** One endpoint. */
    @FunctionalInterface
    interface Endpoint {
        Reply handle(HttpExchange exchange) throws IOException;
    }

    /** Routes by exact path (and one prefix for /api/sessions/{id}) and method; maps failures to replies. */
    static final class Router implements HttpHandler {
        private final Map<String, Map<String, Endpoint>> exact = new HashMap<>();
        private final Map<String, Map<String, Endpoint>> prefixes = new LinkedHashMap<>();

        Router on(String method, String path, Endpoint endpoint) {
            exact.computeIfAbsent(path, p -> new HashMap<>()).put(method, endpoint);
            return this;
        }

        Router onPrefix(String method, String prefix, Endpoint endpoint) {
            prefixes.computeIfAbsent(prefix, p -> new HashMap<>()).put(method, endpoint);
            return this;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (Failure f) {
                reply = f.reply;
            } catch (JedisException e) {
                reply = redisDown(e);
            } catch (RuntimeException e) {
                logger.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = Reply.json(500, Map.of("error", "internal_error", "error_description", String.valueOf(e)));
            }
            send(exchange, reply);
        }

        private Reply route(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            Map<String, Endpoint> byMethod = exact.get(path);
            if (byMethod == null) {
                byMethod = prefixes.entrySet().stream().filter(e -> path.startsWith(e.getKey()) && path.length() > e.getKey().length())
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (byMethod == null) {
                throw new Failure(404, "not_found", "no endpoint " + path);
            }
            Endpoint endpoint = byMethod.get(exchange.getRequestMethod());
            if (endpoint == null) {
                throw new Failure(Reply.json(405, Map.of("error", "method_not_allowed"))
                        .withHeader("Allow", String.join(", ", byMethod.keySet())));
            }
            return endpoint.handle(exchange);
        }
    }

    static Reply redisDown(Exception e) {
        return Reply.json(503, Map.of("error", "redis_unavailable", "error_description", String.valueOf(e.getMessage())))
                .withHeader("Retry-After", "1");
    }

    static void send(HttpExchange exchange, Reply reply) throws IOException {
        try (exchange) {
            drain(exchange.getRequestBody());
            byte[] bytes = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // A header that repeats (Set-Cookie) is given as its values joined by newlines.
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, List.of(v.split("\n"))));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        while (in.read(buffer) >= 0) {
            // discard what the endpoint did not read, so the connection can be kept alive
        }
    }

    static byte[] body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Failure(413, "payload_too_large", "bodies are limited to " + MAX_BODY_BYTES + " bytes");
        }
        return bytes;
    }

    /** The request body as a JSON object; 400 when it is not one. */
    static JsonNode jsonBody(HttpExchange exchange) throws IOException {
        byte[] bytes = body(exchange);
        try {
            JsonNode node = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new Failure(400, "invalid_request", "expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Failure(400, "invalid_request", "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** The request body as application/x-www-form-urlencoded fields. */
    static Map<String, String> formBody(HttpExchange exchange) throws IOException {
        String text = new String(body(exchange), StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** A text field of a JSON object, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
