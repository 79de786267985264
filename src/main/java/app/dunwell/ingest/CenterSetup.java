package app.dunwell.ingest;

import app.dunwell.state.Center;
import app.dunwell.state.SecretsAtRest;
import app.dunwell.state.JsonColumns;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.ruleset.ActiveRuleset;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Creates a center with its own webhook secret (Standard Webhooks {@code whsec_…}). */
@ApplicationScoped
public class CenterSetup {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper;
    private final ActiveRuleset rulesets;
    private final SecretsAtRest secrets;

    public CenterSetup(ObjectMapper mapper, ActiveRuleset rulesets, SecretsAtRest secrets) {
        this.mapper = mapper;
        this.rulesets = rulesets;
        this.secrets = secrets;
    }

    public enum Mode { SHADOW, APPROVAL, AUTO }

    public record NewCenter(String id, String name, ZoneId timezone, List<LocalDate> holidays, ObjectNode settings, Mode mode) {
    }

    /** A stored center as shown to its people; the webhook secret is shown once, at creation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CenterView(String id, String name, String timezone, List<LocalDate> holidays, JsonNode settings, Mode mode,
                             boolean sendingPaused, String webhookSecret) {
        public CenterView withoutSecret() {
            return new CenterView(id, name, timezone, holidays, settings, mode, sendingPaused, null);
        }

        CenterView withSecret(String secret) {
            return new CenterView(id, name, timezone, holidays, settings, mode, sendingPaused, secret);
        }
    }

    /** What may change of a center; a field left out stays as it is. {@code settings} replaces the center's overrides. */
    public record CenterChange(String name, ZoneId timezone, List<LocalDate> holidays, ObjectNode settings, Mode mode) {
    }

    /** Thrown when a center with that id exists. */
    public static class CenterExistsException extends RuntimeException {
        public CenterExistsException(String id) {
            super("center " + id + " exists");
        }
    }

    @Transactional
    public CenterView create(NewCenter request) {
        if (request.id() == null || !request.id().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidRequestException("id", "is required: letters, digits, '.', '_' or '-', at most 64");
        }
        checkDescription(request.name(), request.holidays());
        rulesets.current().ifPresent(r -> r.settings(request.settings()));
        if (Center.findById(request.id()) != null) {
            throw new CenterExistsException(request.id());
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Center center = new Center();
        center.id = request.id();
        center.name = request.name();
        center.timezone = request.timezone() == null ? "UTC" : request.timezone().getId();
        center.holidays = JsonColumns.write(mapper, request.holidays() == null ? List.of() : request.holidays());
        center.settings = request.settings() == null ? "{}" : request.settings().toString();
        center.mode = (request.mode() == null ? Mode.SHADOW : request.mode()).name();
        String webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(secret);
        center.webhookSecret = secrets.seal(webhookSecret);
        center.createdAt = Instant.now();
        center.persist();
        return view(center).withSecret(webhookSecret);
    }

    @Transactional
    public Optional<CenterView> find(String id) {
        return Center.<Center>findByIdOptional(id).map(this::view);
    }

    @Transactional
    public Optional<CenterView> change(String id, CenterChange change) {
        checkDescription(change.name(), change.holidays());
        Optional<Center> found = Center.findByIdOptional(id);
        found.ifPresent(center -> {
            if (change.settings() != null) {
                rulesets.current().ifPresent(r -> r.settings(change.settings()));
                center.settings = change.settings().toString();
            }
            if (change.name() != null) {
                center.name = change.name();
            }
            if (change.timezone() != null) {
                center.timezone = change.timezone().getId();
            }
            if (change.holidays() != null) {
                center.holidays = JsonColumns.write(mapper, change.holidays());
            }
            if (change.mode() != null) {
                center.mode = change.mode().name();
            }
        });
        return found.map(this::view);
    }

    private static void checkDescription(String name, List<LocalDate> holidays) {
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw new InvalidRequestException("name", "must be 1 to 200 characters");
        }
        if (holidays != null) {
            if (holidays.size() > 1000) {
                throw new InvalidRequestException("holidays", "at most 1000 days");
            }
            for (int i = 0; i < holidays.size(); i++) {
                if (holidays.get(i) == null) {
                    throw new InvalidRequestException("holidays[" + i + "]", "must be a date");
                }
                app.dunwell.decision.When.check(holidays.get(i), "holidays[" + i + "]");
            }
        }
    }

    private CenterView view(Center c) {
        return new CenterView(c.id, c.name, c.timezone, JsonColumns.read(mapper, c.holidays, new TypeReference<List<LocalDate>>() {
        }), JsonColumns.tree(mapper, c.settings, "{}"), Mode.valueOf(c.mode), c.sendingPaused, null);
    }

}
