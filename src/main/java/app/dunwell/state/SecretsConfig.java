package app.dunwell.state;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** The key that seals the secrets Dunwell keeps (centers' webhook and events secrets). */
@ConfigMapping(prefix = "dunwell.secrets")
public interface SecretsConfig {
    /**
     * AES-256 key, the base64 of 32 random bytes ({@code openssl rand -base64 32}), from a Kubernetes Secret in
     * production. Without it, the embedded database keeps a key of its own beside its data; a configured database
     * does not start without one.
     */
    Optional<String> key();

    /** Keys used before {@link #key()}: secrets sealed with them are still read, and sealed again with the key. */
    Optional<List<String>> previousKeys();
}
