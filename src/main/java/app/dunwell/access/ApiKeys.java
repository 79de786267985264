package app.dunwell.access;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.state.JsonColumns;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Issues, lists, revokes and recognises the API keys of centers. A key is shown once, when issued. */
@ApplicationScoped
public class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "dwk_";

    /** The lookup every request with a key makes. */
    private static final String CALLER_OF_KEY = "select id, center_id, name, roles from api_key where key_hash = ? and revoked_at is null";

    private final ObjectMapper mapper;
    private final DataSource dataSource;

    public ApiKeys(ObjectMapper mapper, DataSource dataSource) {
        this.mapper = mapper;
        this.dataSource = dataSource;
    }

    /** A key as listed: everything but the key. */
    public record KeyInfo(UUID id, String centerId, String name, Set<Role> roles, String keyPrefix, Instant createdAt,
                          Instant revokedAt) {
    }

    /** A key just issued: the only time {@code key} is shown. */
    public record IssuedKey(UUID id, String centerId, String name, Set<Role> roles, String key, Instant createdAt) {
    }

    /** Throws a problem naming the field when a key cannot have this name or these roles. */
    public static void check(String name, Set<Role> roles) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidRequestException("name", "is required (what or who the key is for), at most 100 characters");
        }
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidRequestException("roles", "is required: one or more of integration, analyst, approver, admin "
                    + "(a center's key), or policy-author (an installation key)");
        }
    }

    @Transactional
    public IssuedKey issue(String centerId, String name, Set<Role> roles) {
        check(name, roles);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidRequestException("name", "is required (what or who the key is for), at most 100 characters");
        }
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidRequestException("roles", "is required: one or more of integration, analyst, approver, admin "
                    + "(a center's key), or policy-author (an installation key)");
        }
        if ((centerId == null) != roles.equals(Set.of(Role.POLICY_AUTHOR))) {
            throw new InvalidRequestException("roles", centerId == null
                    ? "an installation key (no centerId) has the one role policy-author"
                    : "policy-author is an installation role: leave centerId out, and give the key no center role");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey stored = new ApiKey();
        stored.id = UUID.randomUUID();
        stored.centerId = centerId;
        stored.name = name.trim();
        stored.roles = JsonColumns.write(mapper, EnumSet.copyOf(roles));
        stored.keyHash = hash(key);
        stored.keyPrefix = key.substring(0, PREFIX.length() + 6);
        stored.createdAt = Instant.now();
        stored.persist();
        return new IssuedKey(stored.id, centerId, stored.name, EnumSet.copyOf(roles), key, stored.createdAt);
    }

    /** The keys of a center, or with {@code null} the installation's keys. */
    @Transactional
    public List<KeyInfo> of(String centerId) {
        var keys = centerId == null ? ApiKey.<ApiKey>find("centerId is null order by createdAt")
                : ApiKey.<ApiKey>find("centerId = ?1 order by createdAt", centerId);
        return keys.list().stream().map(this::info).toList();
    }

    /** Revokes a key of {@code centerId} (of any center when null); false when there is no such key. */
    @Transactional
    public boolean revoke(UUID id, String centerId) {
        ApiKey key = ApiKey.findById(id);
        if (key == null || (centerId != null && !centerId.equals(key.centerId))) {
            return false;
        }
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
        }
        return true;
    }

    /**
     * The caller a key stands for, when it is a key of a center and not revoked. Every request with a key asks, so this is
     * one indexed query on a pooled connection, outside any transaction and without an entity (through Hibernate and a
     * transaction the lookup cost as much CPU as the decision it let in). Nothing is remembered: a key revoked on any
     * instance is refused from the next request on.
     */
    public Optional<Caller> callerOf(String key) {
        if (!key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lookup = connection.prepareStatement(CALLER_OF_KEY)) {
            lookup.setString(1, hash(key));
            try (ResultSet row = lookup.executeQuery()) {
                return row.next()
                        ? Optional.of(new Caller(row.getString(2), roles(row.getString(4)), row.getObject(1, UUID.class), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the key could not be looked up: " + e.getSQLState(), e);
        }
    }

    /** The caller a stored key stands for, by the key's id, while it is not revoked (a signed-in UI session keeps only the id). */
    @Transactional
    public Optional<Caller> callerOfId(UUID id) {
        return ApiKey.<ApiKey>find("id = ?1 and revokedAt is null", id).firstResultOptional()
                .map(k -> new Caller(k.centerId, roles(k), k.id, k.name));
    }

    private KeyInfo info(ApiKey k) {
        return new KeyInfo(k.id, k.centerId, k.name, roles(k), k.keyPrefix, k.createdAt, k.revokedAt);
    }

    private Set<Role> roles(ApiKey k) {
        return roles(k.roles);
    }

    private Set<Role> roles(String json) {
        return EnumSet.copyOf(JsonColumns.read(mapper, json, new TypeReference<List<Role>>() {
        }));
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
