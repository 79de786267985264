package app.dunwell.policy;

import app.dunwell.decision.FieldError;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges a center's overrides over the ruleset's default settings, key by key for nested objects
 * (a list or a value replaces), and checks the result. A key may also be written dotted
 * ({@code "overdue.first": 10}). Errors name the field under the given prefix.
 */
public final class SettingsResolver {
    /** Names a center may use for a settings group, mapped to the name in the settings file. */
    private static final Map<String, String> ALIASES = Map.of("overdueDays", "overdue");

    private final ObjectMapper mapper;
    private final ObjectNode defaults;

    public SettingsResolver(ObjectMapper mapper, ObjectNode defaults) {
        this.mapper = mapper;
        this.defaults = defaults.deepCopy();
    }

    /** The defaults alone; throws when the settings file itself is incomplete or impossible. */
    public Settings defaults(String fileName) {
        return resolveTree(defaults, fileName);
    }

    public Settings resolve(ObjectNode overrides, String fieldPrefix) {
        ObjectNode merged = defaults.deepCopy();
        if (overrides != null) {
            merge(merged, normalise(overrides));
        }
        return resolveTree(merged, fieldPrefix);
    }

    private Settings resolveTree(ObjectNode tree, String prefix) {
        Settings settings;
        try {
            settings = mapper.treeToValue(tree, Settings.class);
        } catch (JsonMappingException e) {
            throw new InvalidRequestException(JsonMapping.pathOf(e, prefix), JsonMapping.describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(prefix, JsonMapping.firstLine(e.getOriginalMessage()));
        }
        List<FieldError> errors = new ArrayList<>();
        requireAll(settings, prefix, errors);
        if (errors.isEmpty()) {
            checkRanges(settings, prefix, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return settings;
    }

    private ObjectNode normalise(ObjectNode overrides) {
        ObjectNode out = mapper.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String[] parts = field.getKey().split("\\.");
            parts[0] = ALIASES.getOrDefault(parts[0], parts[0]);
            JsonNode value = field.getValue().isObject() ? normalise((ObjectNode) field.getValue()) : field.getValue();
            ObjectNode target = out;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = target.get(parts[i]);
                target = child instanceof ObjectNode o ? o : target.putObject(parts[i]);
            }
            JsonNode existing = target.get(parts[parts.length - 1]);
            if (existing instanceof ObjectNode o && value.isObject()) {
                merge(o, (ObjectNode) value);
            } else {
                target.set(parts[parts.length - 1], value);
            }
        }
        return out;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode o && field.getValue() instanceof ObjectNode v) {
                merge(o, v);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void requireAll(Record value, String path, List<FieldError> errors) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object child;
            try {
                child = component.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            var renamed = component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            String name = renamed != null ? renamed.value() : component.getName();
            String childPath = path + "." + name;
            if (child == null) {
                errors.add(new FieldError(childPath, "is required"));
            } else if (child instanceof Record r) {
                requireAll(r, childPath, errors);
            } else if (child instanceof List<?> list && list.stream().anyMatch(java.util.Objects::isNull)) {
                errors.add(new FieldError(childPath, "must not contain null"));
            }
        }
    }

    /** The longest span any day setting may name (ten years), and the most installments a plan may have. */
    static final int MAX_DAYS = 3660;
    static final int MAX_INSTALLMENTS = 60;

    private static void checkRanges(Settings s, String p, List<FieldError> errors) {
        between(errors, p + ".dueDays", s.dueDays(), 0, MAX_DAYS);
        if (s.preDue().days().size() > 20) {
            errors.add(new FieldError(p + ".preDue.days", "at most 20 days"));
        } else {
            for (Integer day : s.preDue().days()) {
                between(errors, p + ".preDue.days", day, 1, MAX_DAYS);
            }
        }
        between(errors, p + ".overdue.first", s.overdue().first(), 0, MAX_DAYS);
        between(errors, p + ".overdue.second", s.overdue().second(), 0, MAX_DAYS);
        between(errors, p + ".overdue.final", s.overdue().finalNotice(), 0, MAX_DAYS);
        // The ladder's thresholds are in its order: a later stage is never reached before an earlier one.
        if (s.overdue().second() < s.overdue().first()) {
            errors.add(new FieldError(p + ".overdue.second", "must be at least overdue.first (" + s.overdue().first() + ")"));
        }
        if (s.overdue().finalNotice() < s.overdue().second()) {
            errors.add(new FieldError(p + ".overdue.final", "must be at least overdue.second (" + s.overdue().second() + ")"));
        }
        between(errors, p + ".collectionsAfterFinalDays", s.collectionsAfterFinalDays(), 0, MAX_DAYS);
        between(errors, p + ".directorCallbackAfterFinalDays", s.directorCallbackAfterFinalDays(), 0, MAX_DAYS);
        between(errors, p + ".autoCancel.afterFinalDays", s.autoCancel().afterFinalDays(), 0, MAX_DAYS);
        between(errors, p + ".graceDays", s.graceDays(), 0, MAX_DAYS);
        money(errors, p + ".lateFee.amount", s.lateFee().amount());
        money(errors, p + ".lateFee.minBalance", s.lateFee().minBalance());
        between(errors, p + ".waiver.lookbackMonths", s.waiver().lookbackMonths(), 0, 120);
        between(errors, p + ".waiver.minHistory", s.waiver().minHistory(), 0, 10_000);
        fraction(errors, p + ".waiver.minOnTimeRate", s.waiver().minOnTimeRate());
        between(errors, p + ".contactCap.maxContacts", s.contactCap().maxContacts(), 1, 1000);
        between(errors, p + ".contactCap.windowDays", s.contactCap().windowDays(), 0, MAX_DAYS);
        between(errors, p + ".contactCap.minHoursBetween", s.contactCap().minHoursBetween(), 0, 24 * 366);
        if (!s.sendWindow().start().isBefore(s.sendWindow().end())) {
            errors.add(new FieldError(p + ".sendWindow.end", "must be after sendWindow.start"));
        }
        if (s.sendWindow().days().isEmpty()) {
            errors.add(new FieldError(p + ".sendWindow.days", "must name at least one day"));
        } else if (s.sendWindow().days().stream().distinct().count() != s.sendWindow().days().size()) {
            errors.add(new FieldError(p + ".sendWindow.days", "must name each day once"));
        }
        if (s.channelFallback().stream().distinct().count() != s.channelFallback().size()) {
            errors.add(new FieldError(p + ".channelFallback", "must name each channel once"));
        }
        money(errors, p + ".paymentPlan.minBalance", s.paymentPlan().minBalance());
        money(errors, p + ".paymentPlan.maxInstallment", s.paymentPlan().maxInstallment());
        if (s.paymentPlan().maxInstallment().signum() <= 0) {
            errors.add(new FieldError(p + ".paymentPlan.maxInstallment", "must be positive"));
        }
        between(errors, p + ".paymentPlan.minInstallments", s.paymentPlan().minInstallments(), 1, MAX_INSTALLMENTS);
        between(errors, p + ".paymentPlan.maxInstallments", s.paymentPlan().maxInstallments(), 1, MAX_INSTALLMENTS);
        if (s.paymentPlan().maxInstallments() < s.paymentPlan().minInstallments()) {
            errors.add(new FieldError(p + ".paymentPlan.maxInstallments", "must be at least paymentPlan.minInstallments"));
        }
        between(errors, p + ".paymentPlan.intervalDays", s.paymentPlan().intervalDays(), 1, MAX_DAYS);
        between(errors, p + ".replyWindowDays", s.replyWindowDays(), 0, MAX_DAYS);
        fraction(errors, p + ".replyMinConfidence", s.replyMinConfidence());
    }

    private static void between(List<FieldError> errors, String field, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }

    /** A share from 0 to 1 with at most four decimal places, so that comparing a ratio with it is exact. */
    private static void fraction(List<FieldError> errors, String field, BigDecimal value) {
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            errors.add(new FieldError(field, "must be between 0 and 1"));
        } else if (value.stripTrailingZeros().scale() > 4) {
            errors.add(new FieldError(field, "at most four decimal places"));
        }
    }

    private static void money(List<FieldError> errors, String field, BigDecimal value) {
        String problem = app.dunwell.decision.Money.problem(value);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
    }


}
