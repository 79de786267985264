package app.dunwell.ui;

import app.dunwell.messaging.MessageFormats;
import app.dunwell.state.Center;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How pages write what the service stores: reminder kinds, amounts, and times in the center's own time zone. */
@ApplicationScoped
public class Words {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final Map<String, String> KINDS = Map.of("PRE_DUE", "pre-due reminder", "OVERDUE_FIRST", "first overdue notice",
            "OVERDUE_SECOND", "second overdue notice", "OVERDUE_FINAL", "final notice");

    /** The center's time zone (UTC when it has none). */
    public ZoneId zoneOf(String centerId) {
        String zone = centerId == null ? null : QuarkusTransaction.requiringNew().call(() -> {
            Center center = Center.findById(centerId);
            return center == null ? null : center.timezone;
        });
        return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
    }

    public static String when(Instant at, ZoneId zone) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }

    public static String when(String iso, ZoneId zone) {
        try {
            return iso == null || iso.isBlank() ? "" : when(Instant.parse(iso), zone);
        } catch (RuntimeException e) {
            return iso;
        }
    }

    /** {@code OVERDUE_FIRST} as a person says it: "first overdue notice". */
    public static String kind(String kind) {
        return kind == null ? "reminder" : KINDS.getOrDefault(kind, words(kind));
    }

    /** {@code HARDSHIP_REVIEW} as "hardship review". */
    public static String words(String constant) {
        return constant == null ? "" : constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** {@code EMAIL} as "email", {@code IN_APP} as "in-app message", {@code SMS} as "SMS". */
    public static String channel(String channel) {
        if (channel == null) {
            return "";
        }
        return switch (channel) {
            case "SMS" -> "SMS";
            case "IN_APP" -> "in-app message";
            default -> words(channel);
        };
    }

    /** An amount as messages write it ({@code $850.00}); the queue's amounts are the center's, in US dollars. */
    public static String money(Object amount) {
        if (amount == null) {
            return "";
        }
        try {
            return MessageFormats.money(new BigDecimal(amount.toString()), "USD");
        } catch (NumberFormatException e) {
            return amount.toString();
        }
    }

    /** The page of an invoice's story. */
    public static String invoiceLink(String invoiceId) {
        return invoiceId == null ? "/ui/invoices" : "/ui/invoices/" + java.net.URLEncoder.encode(invoiceId, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** A ruleset version shortened for reading: {@code sha256:4f1c2a9b…}. */
    public static String version(String version) {
        return version == null ? "" : version.length() > 15 ? version.substring(0, 15) + "…" : version;
    }
}
