package app.dunwell.access;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Recognises the caller from the {@code Authorization: Bearer <key>} header. Webhooks are authenticated by signature instead. */
@ApplicationScoped
public class Access {
    private final AuthConfig config;
    private final ApiKeys keys;

    public Access(AuthConfig config, ApiKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    /** No key, or a key that is unknown or revoked: answered 401. */
    public static final class Unauthenticated extends RuntimeException {
        public Unauthenticated(String message) {
            super(message);
        }
    }

    /** The caller; a request without a valid key is refused. */
    public Caller caller(String authorization) {
        return optionalCaller(authorization).orElseThrow(() -> new Unauthenticated("send Authorization: Bearer <key>"));
    }

    /** The caller of the decision endpoint: no key is allowed when decisions are open, a key that is sent must be valid. */
    public Optional<Caller> decisionCaller(String authorization) {
        Optional<Caller> caller = optionalCaller(authorization);
        if (caller.isEmpty() && !config.openDecisions()) {
            throw new Unauthenticated("send Authorization: Bearer <key>");
        }
        return caller;
    }

    private Optional<Caller> optionalCaller(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthenticated("the Authorization header must be: Bearer <key>");
        }
        String given = authorization.substring(7).trim();
        if (isBootstrap(given)) {
            return Optional.of(Caller.BOOTSTRAP);
        }
        return Optional.of(keys.callerOf(given).orElseThrow(() -> new Unauthenticated("the key is unknown or revoked")));
    }

    private boolean isBootstrap(String given) {
        return config.bootstrapKey().filter(key -> !key.isBlank())
                .map(key -> MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
