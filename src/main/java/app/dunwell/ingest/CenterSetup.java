package app.dunwell.ingest;

import app.dunwell.storage.JsonColumns;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.ruleset.ActiveRuleset;
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

/** Creates a center with its own webhook secret (Standard Webhooks {@code whsec_…}). */
@ApplicationScoped
public class CenterSetup {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper;
    private final ActiveRuleset rulesets;

    public CenterSetup(ObjectMapper mapper, ActiveRuleset rulesets) {
        this.mapper = mapper;
        this.rulesets = rulesets;
    }

    public enum Mode { SHADOW, APPROVAL, AUTO }

    public record NewCenter(String id, String name, ZoneId timezone, List<LocalDate> holidays, ObjectNode settings, Mode mode) {
    }

    public record CreatedCenter(String id, String name, String timezone, Mode mode, String webhookSecret) {
    }

    /** Thrown when a center with that id exists. */
    public static class CenterExistsException extends RuntimeException {
        public CenterExistsException(String id) {
            super("center " + id + " exists");
        }
    }

    @Transactional
    public CreatedCenter create(NewCenter request) {
        if (request.id() == null || !request.id().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidRequestException("id", "is required: letters, digits, '.', '_' or '-', at most 64");
        }
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
        center.webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(secret);
        center.createdAt = Instant.now();
        center.persist();
        return new CreatedCenter(center.id, center.name, center.timezone, Mode.valueOf(center.mode), center.webhookSecret);
    }

}
