package app.dunwell.ui;

import app.dunwell.messaging.Message;
import app.dunwell.run.InvoiceTimeline;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An invoice's timeline ({@link InvoiceTimeline}, as the API serves it) told as a story: each decision with what it did and
 * the rules that fired, the messages sent with their text, the family's replies with how they were read, tasks, approvals
 * and the changes people made.
 */
@ApplicationScoped
public class InvoiceStory {
    private final InvoiceTimeline timeline;
    private final SentMessages messages;
    private final ObjectMapper mapper;

    public InvoiceStory(InvoiceTimeline timeline, SentMessages messages, ObjectMapper mapper) {
        this.timeline = timeline;
        this.messages = messages;
        this.mapper = mapper;
    }

    public List<StoryLine> of(String centerId, String invoiceId, ZoneId zone) {
        List<StoryLine> story = new ArrayList<>();
        for (InvoiceTimeline.Entry entry : timeline.of(centerId, invoiceId)) {
            JsonNode d = mapper.valueToTree(entry.details());
            String when = Words.when(entry.at(), zone);
            story.add(switch (entry.type()) {
                case "DECISION" -> decision(when, d, zone);
                case "STATUS_CHANGE" -> line(when, "status", "The status moved from " + d.path("from").asText() + " to " + d.path("to").asText(), List.of());
                case "REMINDER_QUEUED" -> line(when, "queued", "The " + Words.kind(d.path("kind").asText(null)) + " by "
                        + Words.channel(d.path("channel").asText()) + " was queued for " + Words.when(d.path("notBefore").asText(), zone),
                        List.of("Now: " + state(d.path("state").asText()) + (entry.source() == null ? "" : " (by " + entry.source() + ")")));
                case "CONTACT" -> contact(when, d, centerId, invoiceId);
                case "REPLY" -> reply(when, d);
                case "TASK" -> task(when, d);
                case "EFFECT" -> effect(when, d, zone);
                case "CHANGE" -> line(when, "change", entry.source() + ": " + Words.words(d.path("what").asText())
                        + (d.path("detail").hasNonNull("flag") ? " " + d.path("detail").path("flag").asText() : ""), List.of());
                default -> line(when, "other", Sentences.capitalized(Words.words(entry.type())), List.of());
            });
        }
        return story;
    }

    private StoryLine decision(String when, JsonNode d, ZoneId zone) {
        List<String> points = new ArrayList<>();
        d.path("actions").forEach(a -> points.add(Sentences.of(a.path("type").asText(), a, zone)));
        d.path("suppressed").forEach(s -> points.add("Held back: the " + Words.kind(s.path("kind").asText(null))
                + (s.hasNonNull("channel") ? " by " + Words.channel(s.path("channel").asText()) : "")
                + " (" + Words.words(s.path("reason").asText()) + ")"));
        String headline = "Dunwell decided" + (d.path("actions").isEmpty() ? ": nothing to do now" : "")
                + " — ruleset " + Words.version(d.path("rulesetVersion").asText(null));
        return new StoryLine(when, "decision", headline, points, Why.of(d.path("trace")), null, null);
    }

    private StoryLine contact(String when, JsonNode d, String centerId, String invoiceId) {
        String kind = d.path("kind").asText();
        String channel = d.path("channel").asText();
        String headline = "Message sent: the " + Words.kind(kind) + " by " + Words.channel(channel);
        return messages.wording(centerId, invoiceId, kind, channel)
                .map(m -> new StoryLine(when, "message", headline, List.of(), List.of(), text(m),
                        "Its text as the center's template words it, with today's amounts (the outbox keeps what was sent, not its words)."))
                .orElse(line(when, "message", headline, List.of()));
    }

    private static String text(Message m) {
        return (m.subject() == null || m.subject().isBlank() ? "" : m.subject() + "\n\n") + m.body();
    }

    private static StoryLine reply(String when, JsonNode d) {
        List<String> points = new ArrayList<>();
        String read = "Read as " + d.path("sentiment").asText("?");
        if (d.hasNonNull("confidence")) {
            read += String.format(Locale.ROOT, " (confidence %.0f%%)", d.path("confidence").asDouble() * 100);
        }
        points.add(read);
        if (d.hasNonNull("promisedOn")) {
            points.add("Promised to pay on " + d.path("promisedOn").asText());
        }
        if (d.hasNonNull("label")) {
            points.add("A person read it as " + d.path("label").asText()
                    + (d.hasNonNull("labelledBy") ? " (" + d.path("labelledBy").asText() + ")" : ""));
        }
        return new StoryLine(when, "reply", "The family replied", points, List.of(), d.path("text").asText(""), null);
    }

    private static StoryLine task(String when, JsonNode d) {
        List<String> points = new ArrayList<>();
        if (d.hasNonNull("reason")) {
            points.add(d.path("reason").asText());
        }
        String state = d.path("state").asText();
        points.add("DONE".equals(state) ? "Resolved: " + d.path("outcome").asText("") + (d.hasNonNull("note") ? " — " + d.path("note").asText() : "")
                : "Open" + (d.hasNonNull("assignee") ? ", assigned to " + d.path("assignee").asText() : ", not assigned yet"));
        return line(when, "task", "A task for a person: " + Words.words(d.path("taskType").asText()) + " (" + d.path("taskType").asText() + ")", points);
    }

    private static StoryLine effect(String when, JsonNode d, ZoneId zone) {
        String state = d.path("state").asText();
        String by = d.hasNonNull("decidedBy") ? " by " + d.path("decidedBy").asText() : "";
        String outcome = switch (state) {
            case "AWAITING_APPROVAL" -> "Waiting for approval";
            case "APPLIED" -> "Approved and carried out" + by;
            case "REJECTED" -> "Rejected" + by;
            case "OUTDATED" -> "Approved" + by + ", but the invoice had moved on: nothing was done";
            default -> state;
        };
        return line(when, "effect", "Proposed: " + Sentences.of(d.path("effect").asText(), d.path("proposed"), zone), List.of(outcome));
    }

    private static String state(String outbox) {
        return switch (outbox) {
            case "AWAITING_APPROVAL" -> "waiting for approval";
            case "PENDING" -> "approved, goes out at its time";
            default -> Words.words(outbox);
        };
    }

    private static StoryLine line(String when, String type, String headline, List<String> points) {
        return new StoryLine(when, type, headline, points, List.of(), null, null);
    }
}
