package app.dunwell.ui;

import app.dunwell.access.ApiKeys;
import app.dunwell.access.AuthConfig;
import app.dunwell.access.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed-in sessions of the web UI, kept in the database ({@code ui_session}) by the SHA-256 of their id: the cookie holds
 * 256 random bits, the table only their hash. A session stands for the key it was opened with: on every request the key
 * is looked up again (a revoked key signs its sessions out), and a bootstrap session holds only while the bootstrap key
 * is the one it was opened with.
 */
@ApplicationScoped
public class UiSessions {
    public static final String COOKIE = "dunwell_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final ApiKeys keys;
    private final AuthConfig auth;
    private final UiConfig config;
    private final CsrfTokens csrf;

    public UiSessions(EntityManager em, ApiKeys keys, AuthConfig auth, UiConfig config, CsrfTokens csrf) {
        this.em = em;
        this.keys = keys;
        this.auth = auth;
        this.config = config;
        this.csrf = csrf;
    }

    /** Opens a session for a caller that signed in with a valid key; answers the id for the cookie. Expired sessions go. */
    public String open(Caller caller, String centerId) {
        String id = randomId();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from ui_session where expires_at < ?1").setParameter(1, now).executeUpdate();
            em.createNativeQuery("insert into ui_session (id_hash, key_id, bootstrap, key_check, center_id, created_at, expires_at) "
                            + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, hash(id)).setParameter(2, caller.keyId()).setParameter(3, caller.isBootstrap())
                    .setParameter(4, caller.isBootstrap() ? bootstrapCheck(id).orElseThrow() : null)
                    .setParameter(5, centerId).setParameter(6, now).setParameter(7, now.plus(config.sessionLength())).executeUpdate();
        });
        return id;
    }

    /** The session of this cookie, while it has not expired and its key still holds. */
    public Optional<SignedIn> find(String id) {
        if (id == null || id.isBlank() || id.length() > 100) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select key_id, bootstrap, key_check, center_id "
                + "from ui_session where id_hash = ?1 and expires_at > ?2").setParameter(1, hash(id)).setParameter(2, Instant.now()).getResultList());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        Optional<Caller> caller = Boolean.TRUE.equals(r[1])
                ? bootstrapCheck(id).filter(check -> MessageDigest.isEqual(check.getBytes(StandardCharsets.UTF_8),
                        ((String) r[2]).getBytes(StandardCharsets.UTF_8))).map(check -> Caller.BOOTSTRAP)
                : keys.callerOfId((UUID) r[0]);
        return caller.map(c -> new SignedIn(id, c, (String) r[3], csrf.tokenFor(id)));
    }

    /** The session of a page request; without one the browser is sent to the sign-in page. */
    public SignedIn require(String id) {
        return find(id).orElseThrow(SignInRequired::new);
    }

    /** The session of a form post, which must carry the session's token. */
    public SignedIn requireForm(String id, String token) {
        SignedIn session = require(id);
        csrf.check(id, token);
        return session;
    }

    /** Ends a session (signing out). */
    public void close(String id) {
        if (id != null && !id.isBlank()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from ui_session where id_hash = ?1")
                    .setParameter(1, hash(id)).executeUpdate());
        }
    }

    static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 of the session id under the bootstrap key configured now; empty when none is. */
    private Optional<String> bootstrapCheck(String id) {
        return auth.bootstrapKey().filter(key -> !key.isBlank()).map(key -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A page asked for without a session (or with one that ended): answered with the sign-in page. */
    public static final class SignInRequired extends RuntimeException {
        public SignInRequired() {
            super("sign in first", null, false, false);
        }
    }
}
