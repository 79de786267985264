package app.dunwell.api;

import app.dunwell.ingest.AuthConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The bootstrap key ({@code dunwell.auth.bootstrap-key}) as a request's bearer token: until per-center keys exist, it guards the stateful endpoints. */
final class BootstrapKey {
    private BootstrapKey() {
    }

    /** A request without the bootstrap key; answered 401. */
    static final class MissingKeyException extends RuntimeException {
        MissingKeyException() {
            super("send Authorization: Bearer <key>");
        }
    }

    static boolean presentedIn(String authorization, AuthConfig auth) {
        String given = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        return auth.bootstrapKey().map(key -> MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))).orElse(false);
    }

    static void require(String authorization, AuthConfig auth) {
        if (!presentedIn(authorization, auth)) {
            throw new MissingKeyException();
        }
    }
}
