package app.dunwell.access;

import app.dunwell.decision.InvalidRequestException;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a center's key with its roles; the bootstrap key, which acts as an admin of every center; or an
 * installation key ({@code policy-author}), which acts for no center at all. The center of a center key comes from the
 * key; a request naming another center is refused.
 */
public record Caller(String centerId, Set<Role> roles, UUID keyId, String keyName) {
    public static final Caller BOOTSTRAP = new Caller(null, Set.of(Role.ADMIN), null, "bootstrap");

    /** Who did something, as audits and approvals record it: the key's name and the start of its id. */
    public String who() {
        return keyId == null ? "bootstrap" : keyName + " (key " + keyId.toString().substring(0, 8) + ")";
    }

    /** The operator's key from configuration: an admin of every center. */
    public boolean isBootstrap() {
        return centerId == null && keyId == null;
    }

    /** A key of the installation rather than of a center: the bootstrap key or a policy author's key. */
    public boolean isInstallation() {
        return centerId == null;
    }

    /**
     * A center's admin has every center role; the bootstrap key every role. {@link Role#POLICY_AUTHOR} belongs to
     * installation keys only: no center's key, admin or not, may submit rule files.
     */
    public boolean has(Role role) {
        if (role == Role.POLICY_AUTHOR) {
            return isInstallation() && (isBootstrap() || roles.contains(role));
        }
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    /** Goes on only if the caller has one of these roles (an admin has them all). */
    public Caller require(Role... anyOf) {
        if (Arrays.stream(anyOf).noneMatch(this::has)) {
            throw new Forbidden("this key's roles " + roles + " do not allow this; it needs one of " + Arrays.toString(anyOf));
        }
        return this;
    }

    /** Goes on only for the bootstrap key: what concerns every center, or no center yet. */
    public Caller requireBootstrap() {
        if (!isBootstrap()) {
            throw new Forbidden("only the bootstrap key may do this; a center's key acts for its own center only");
        }
        return this;
    }

    /**
     * The center a request acts on. A center key acts on its own center: {@code requested} may be left out, and
     * naming another center is refused. The bootstrap key must name the center in {@code field}.
     */
    public String centerOf(String requested, String field) {
        return scopeOf(requested, field).orElseThrow(() ->
                new InvalidRequestException(field, "is required with the bootstrap key (it acts for every center)"));
    }

    /** Like {@link #centerOf}, except that the bootstrap key may leave the center out to mean every center. */
    public Optional<String> scopeOf(String requested, String field) {
        boolean named = requested != null && !requested.isBlank();
        if (isBootstrap()) {
            return named ? Optional.of(requested) : Optional.empty();
        }
        if (isInstallation()) {
            throw new Forbidden("this key belongs to the installation (" + roles + ") and acts for no center");
        }
        if (named && !requested.equals(centerId)) {
            throw new Forbidden(field + " names another center; this key acts for center " + centerId + " only");
        }
        return Optional.of(centerId);
    }

    /** Whether something of {@code center} is this caller's to see (answered as not found otherwise). */
    public boolean sees(String center) {
        return isBootstrap() || (centerId != null && centerId.equals(center));
    }

    /** A key that is valid but may not do what was asked: answered 403. */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
