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

import java.math.BigDecimal;
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
    private final app.dunwell.events.EventUrls eventUrls;

    public CenterSetup(ObjectMapper mapper, ActiveRuleset rulesets, SecretsAtRest secrets, app.dunwell.events.EventUrls eventUrls) {
        this.eventUrls = eventUrls;
        this.mapper = mapper;
        this.rulesets = rulesets;
        this.secrets = secrets;
    }

    public enum Mode { SHADOW, APPROVAL, AUTO }

    public record NewCenter(String id, String name, ZoneId timezone, List<LocalDate> holidays, ObjectNode settings, Mode mode) {
    }

    /**
     * A stored center as shown to its people. Its secrets are shown once: the webhook secret at creation, the events
     * secret when {@code eventsUrl} is first set or the secret is rotated.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CenterView(String id, String name, String timezone, List<LocalDate> holidays, JsonNode settings, Mode mode,
                             boolean sendingPaused, String eventsUrl, long eventsFailed, JsonNode approval, JsonNode pilot,
                             String webhookSecret, String eventsSecret) {
        public CenterView withoutSecret() {
            return new CenterView(id, name, timezone, holidays, settings, mode, sendingPaused, eventsUrl, eventsFailed, approval, pilot, null, null);
        }

        CenterView withSecret(String secret) {
            return new CenterView(id, name, timezone, holidays, settings, mode, sendingPaused, eventsUrl, eventsFailed, approval, pilot, secret, null);
        }

        public CenterView withEventsSecret(String secret) {
            return new CenterView(id, name, timezone, holidays, settings, mode, sendingPaused, eventsUrl, eventsFailed, approval, pilot, null, secret);
        }
    }

    /** Which effects wait for a person in AUTO mode too, and above which balance every effect of an invoice does. */
    public record Approval(List<String> effects, BigDecimal balanceAbove) {
    }

    /** The families the center's mode applies to: these, or a stable share of them; the others are handled as SHADOW. */
    public record Pilot(List<String> families, Integer percent) {
    }

    /**
     * What may change of a center; a field left out stays as it is. {@code settings} replaces the center's overrides;
     * {@code eventsUrl} "" stops sending events; {@code approval} and {@code pilot} replace what was set ({@code {}} clears).
     */
    public record CenterChange(String name, ZoneId timezone, List<LocalDate> holidays, ObjectNode settings, Mode mode, String eventsUrl,
                               Approval approval, Pilot pilot) {
    }

    /** The effect names {@code approval.effects} may list. */
    public static final List<String> APPROVABLE = List.of("SEND_REMINDER", "ASSESS_LATE_FEE", "WAIVE_LATE_FEE", "OFFER_PAYMENT_PLAN",
            "ADD_COMMENT", "PAUSE_AUTOMATION", "STATUS_CHANGE", "STATUS_TO_FIRST", "STATUS_TO_SECOND", "STATUS_TO_FINAL",
            "STATUS_TO_COLLECTIONS", "STATUS_TO_CANCELLED");

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
        center.approval = "{}";
        center.pilot = "{}";
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
        if (change.eventsUrl() != null && !change.eventsUrl().isEmpty()) {
            eventUrls.check(change.eventsUrl(), "eventsUrl");
        }
        checkApproval(change.approval());
        checkPilot(change.pilot());
        Optional<Center> found = Center.findByIdOptional(id);
        String[] newEventsSecret = new String[1];
        found.ifPresent(center -> {
            if (change.eventsUrl() != null) {
                boolean first = center.eventsUrl == null && !change.eventsUrl().isEmpty();
                center.eventsUrl = change.eventsUrl().isEmpty() ? null : change.eventsUrl();
                if (first && center.eventsSecret == null) {
                    newEventsSecret[0] = newSecret();
                    center.eventsSecret = secrets.seal(newEventsSecret[0]);
                }
            }
            if (change.approval() != null) {
                center.approval = JsonColumns.write(mapper, change.approval());
            }
            if (change.pilot() != null) {
                center.pilot = JsonColumns.write(mapper, change.pilot());
            }
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
        return found.map(this::view).map(v -> newEventsSecret[0] == null ? v : v.withEventsSecret(newEventsSecret[0]));
    }

    /** A new events secret for the center, shown this once; events are signed with it from now on. */
    @Transactional
    public Optional<CenterView> rotateEventsSecret(String id) {
        Optional<Center> found = Center.findByIdOptional(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().eventsUrl == null) {
            throw new InvalidRequestException("eventsUrl", "is not set: set it first (PATCH /api/v1/centers/{id}), which answers a secret");
        }
        String secret = newSecret();
        found.get().eventsSecret = secrets.seal(secret);
        return Optional.of(view(found.get()).withEventsSecret(secret));
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "whsec_" + Base64.getEncoder().encodeToString(secret);
    }

    private static void checkApproval(Approval approval) {
        if (approval == null) {
            return;
        }
        List<String> effects = approval.effects() == null ? List.of() : approval.effects();
        if (effects.size() > APPROVABLE.size()) {
            throw new InvalidRequestException("approval.effects", "names at most " + APPROVABLE.size() + " effects");
        }
        for (int i = 0; i < effects.size(); i++) {
            if (!APPROVABLE.contains(effects.get(i))) {
                throw new InvalidRequestException("approval.effects[" + i + "]", "is not one of " + APPROVABLE);
            }
        }
        app.dunwell.decision.Money.check(approval.balanceAbove(), "approval.balanceAbove");
    }

    private static void checkPilot(Pilot pilot) {
        if (pilot == null) {
            return;
        }
        List<String> families = pilot.families() == null ? List.of() : pilot.families();
        if (families.size() > 10_000) {
            throw new InvalidRequestException("pilot.families", "at most 10,000 families");
        }
        for (int i = 0; i < families.size(); i++) {
            if (families.get(i) == null || families.get(i).isBlank() || families.get(i).length() > 200) {
                throw new InvalidRequestException("pilot.families[" + i + "]", "must be a family id (1 to 200 characters)");
            }
        }
        if (pilot.percent() != null && (pilot.percent() < 0 || pilot.percent() > 100)) {
            throw new InvalidRequestException("pilot.percent", "must be between 0 and 100");
        }
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
        }), JsonColumns.tree(mapper, c.settings, "{}"), Mode.valueOf(c.mode), c.sendingPaused, c.eventsUrl,
                ((Number) Center.getEntityManager().createNativeQuery("select count(*) from event where center_id = ?1 and delivery_state = 'FAILED'")
                        .setParameter(1, c.id).getSingleResult()).longValue(),
                JsonColumns.tree(mapper, c.approval, "{}"), JsonColumns.tree(mapper, c.pilot, "{}"), null, null);
    }

}
