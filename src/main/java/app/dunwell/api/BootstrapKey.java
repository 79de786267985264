package app.dunwell.api;

import app.dunwell.ingest.AuthConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Whether a request carries the bootstrap key ({@code dunwell.auth.bootstrap-key}) as its bearer token. */
final class BootstrapKey {
    private BootstrapKey() {
    }

    static boolean presentedIn(String authorization, AuthConfig auth) {
        String given = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        return auth.bootstrapKey().map(key -> MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))).orElse(false);
    }
}
