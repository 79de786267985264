package app.dunwell.state;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Seals the secrets kept in the database with AES-256-GCM, so that a dump of the database does not let anyone sign
 * webhooks or events: {@code v1:} and the base64 of a 12-byte nonce, the ciphertext and its tag. The key comes from
 * configuration ({@code dunwell.secrets.key}); the embedded database keeps one of its own in its data directory.
 */
@ApplicationScoped
public class SecretsAtRest {
    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class);
    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previous = new ArrayList<>();

    public SecretsAtRest(SecretsConfig config, DatabaseConfig database) {
        this.key = aes(config.key().filter(k -> !k.isBlank()).orElseGet(() -> embeddedKey(database)), "dunwell.secrets.key");
        config.previousKeys().ifPresent(keys -> keys.forEach(k -> previous.add(aes(k, "dunwell.secrets.previous-keys"))));
    }

    /** The sealed form of a secret, to be stored. */
    public String seal(String secret) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    /** The secret a stored value holds; a value stored before sealing existed (plain) is returned as it is. */
    public String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        GeneralSecurityException last = null;
        List<SecretKeySpec> candidates = new ArrayList<>();
        candidates.add(key);
        candidates.addAll(previous);
        for (SecretKeySpec candidate : candidates) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(128, in, 0, 12));
                return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new IllegalStateException("a stored secret cannot be opened with the configured key (dunwell.secrets.key)", last);
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Whether a stored value is sealed with the current key (not plain, not sealed with a previous key). */
    public boolean sealedWithCurrentKey(String stored) {
        if (!isSealed(stored)) {
            return false;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            cipher.doFinal(in, 12, in.length - 12);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static SecretKeySpec aes(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64 (make one with: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (base64 of 32 random bytes: openssl rand -base64 32), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** The embedded database's own key, kept (and made once) in its data directory; a configured database needs one given. */
    private static String embeddedKey(DatabaseConfig database) {
        if (!database.runsEmbedded()) {
            throw new IllegalStateException("dunwell.secrets.key (DUNWELL_SECRETS_KEY) is required with a configured database: "
                    + "the base64 of 32 random bytes (openssl rand -base64 32), kept in a secret store");
        }
        Path file = Path.of(database.dataDir()).resolve("secrets.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            String encoded = Base64.getEncoder().encodeToString(fresh);
            Files.writeString(file, encoded + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps its default permissions.
            }
            LOG.infof("Made a key for the secrets of the embedded database: %s", file.toAbsolutePath());
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded database's secrets key in " + file, e);
        }
    }
}
