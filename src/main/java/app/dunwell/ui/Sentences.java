package app.dunwell.ui;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What an action or a proposed effect would do, in one sentence a director reads (from the stored JSON, as the API shows it). */
final class Sentences {
    private Sentences() {
    }

    /** An action of a decision ({@code SEND_REMINDER}, {@code ASSESS_LATE_FEE}, …) or an effect waiting for approval. */
    static String of(String type, JsonNode p, ZoneId zone) {
        String text = switch (type == null ? "" : type) {
            case "SEND_REMINDER" -> "Send the " + Words.kind(p.path("kind").asText(null))
                    + (p.hasNonNull("channel") ? " by " + Words.channel(p.path("channel").asText()) : "")
                    + (p.hasNonNull("notBefore") ? ", not before " + Words.when(p.path("notBefore").asText(), zone) : "")
                    + (p.hasNonNull("daysBefore") ? " (" + p.path("daysBefore").asInt() + " days before it is due)" : "");
            case "ASSESS_LATE_FEE" -> "Assess a late fee of " + Words.money(p.path("amount").asText(null));
            case "WAIVE_LATE_FEE" -> "Waive the late fee of " + Words.money(p.path("amount").asText(null));
            case "STATUS_CHANGE" -> "Move the invoice from " + p.path("from").asText("?") + " to " + p.path("to").asText("?");
            case "OFFER_PAYMENT_PLAN" -> "Offer a payment plan" + installments(p.path("installments"));
            case "PAUSE_AUTOMATION" -> "Pause the follow-up" + (p.hasNonNull("until") ? " until " + p.path("until").asText() : "");
            case "ADD_COMMENT" -> "Add a comment on the billing platform";
            case "CREATE_TASK" -> "Hand a " + Words.words(p.path("taskType").asText(null)) + " to a person";
            default -> capitalized(Words.words(type));
        };
        String reason = p.path("reason").asText("");
        if (!reason.isBlank() && !"SEND_REMINDER".equals(type)) {
            text += ": " + reason;
        }
        if (p.hasNonNull("text") && !p.path("text").asText().isBlank()) {
            text += " — “" + p.path("text").asText() + "”";
        }
        return text;
    }

    private static String installments(JsonNode installments) {
        if (!installments.isArray() || installments.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        installments.forEach(i -> parts.add(Words.money(i.path("amount").asText(null)) + " on " + i.path("dueOn").asText()));
        return " in " + installments.size() + " installments (" + String.join(", ", parts) + ")";
    }

    static String capitalized(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
