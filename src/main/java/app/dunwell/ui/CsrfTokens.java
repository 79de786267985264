package app.dunwell.ui;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The token every form carries, bound to the cookie it came with: a hash of the session id (or, before sign-in, of the
 * login cookie) under a label of its own, so it differs from the hash the database keeps and needs no storage. A form
 * without it, or with another session's, is refused with 403.
 */
@ApplicationScoped
public class CsrfTokens {
    public static final String FIELD = "csrf";

    public String tokenFor(String cookieValue) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("dunwell-ui-csrf:" + cookieValue).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Goes on only when {@code given} is the token of {@code cookieValue}. */
    public void check(String cookieValue, String given) {
        if (cookieValue == null || given == null
                || !MessageDigest.isEqual(tokenFor(cookieValue).getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused();
        }
    }

    /** A form that did not come from a page of this session. */
    public static final class Refused extends RuntimeException {
        public Refused() {
            super("the form did not carry this session's security token; reload the page and try again", null, false, false);
        }
    }
}
