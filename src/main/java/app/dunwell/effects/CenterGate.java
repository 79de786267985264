package app.dunwell.effects;

import app.dunwell.state.Center;
import app.dunwell.state.JsonColumns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;

/**
 * What a center lets happen on its own, for one family's invoice: its mode (SHADOW, APPROVAL, AUTO), narrowed by its
 * pilot (families outside it are handled as SHADOW), and which effects wait for a person anyway (its approval settings,
 * and every effect of an invoice above {@code balanceAbove}).
 */
public record CenterGate(String mode, Set<String> approvalEffects, BigDecimal balanceAbove) {
    /** Effects that write to the billing platform or reach the family: in APPROVAL mode each waits for a person. */
    static final Set<String> WRITE_BACKS = Set.of("SEND_REMINDER", "ASSESS_LATE_FEE", "WAIVE_LATE_FEE", "OFFER_PAYMENT_PLAN",
            "ADD_COMMENT", "STATUS_TO_COLLECTIONS", "STATUS_TO_CANCELLED");

    public static CenterGate of(Center center, String familyId, ObjectMapper mapper) {
        JsonNode approval = JsonColumns.tree(mapper, center.approval, "{}");
        Set<String> effects = new HashSet<>();
        approval.path("effects").forEach(e -> effects.add(e.asText()));
        BigDecimal above = approval.hasNonNull("balanceAbove") ? new BigDecimal(approval.get("balanceAbove").asText()) : null;
        String mode = inPilot(JsonColumns.tree(mapper, center.pilot, "{}"), familyId) ? center.mode : "SHADOW";
        return new CenterGate(mode, effects, above);
    }

    /** Whether the family is in the pilot: every family when there is none; else those named, or a stable share of them. */
    static boolean inPilot(JsonNode pilot, String familyId) {
        boolean named = pilot.path("families").isArray() && !pilot.path("families").isEmpty();
        boolean share = pilot.hasNonNull("percent");
        if (!named && !share) {
            return true;
        }
        if (named) {
            for (JsonNode f : pilot.get("families")) {
                if (f.asText().equals(familyId)) {
                    return true;
                }
            }
        }
        return share && familyId != null && bucket(familyId) < pilot.get("percent").asInt();
    }

    /** A family's place from 0 to 99, the same on every instance and every day. */
    static int bucket(String familyId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(familyId.getBytes(StandardCharsets.UTF_8));
            long n = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
            return (int) (n % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean shadow() {
        return mode.equals("SHADOW");
    }

    /** Whether an effect of this kind ({@code ASSESS_LATE_FEE}, {@code STATUS_TO_FIRST}…) waits for a person. */
    boolean needsApproval(String effect, BigDecimal balance) {
        if (balanceAbove != null && balance != null && balance.compareTo(balanceAbove) > 0) {
            return true;
        }
        if (mode.equals("APPROVAL") && WRITE_BACKS.contains(effect)) {
            return true;
        }
        return approvalEffects.contains(effect) || (effect.startsWith("STATUS_TO_") && approvalEffects.contains("STATUS_CHANGE"));
    }
}
