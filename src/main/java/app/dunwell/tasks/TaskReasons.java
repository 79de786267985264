package app.dunwell.tasks;

import app.dunwell.decision.Decision;
import app.dunwell.decision.TaskType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a task exists, in a sentence from the decision's trace: the rule that asked for it and what it saw. The rules are
 * the analysts' own; when none of the rules named here fired, the sentence names the rules of the decision that did.
 */
public final class TaskReasons {
    /** The rule of the shipped policy that asks for each task type. */
    private static final Map<TaskType, String> ASKED_BY = Map.of(
            TaskType.DIRECTOR_CALLBACK, "after final: the director calls",
            TaskType.LATE_FEE_REVIEW, "late fee: hardship goes to a person",
            TaskType.HARDSHIP_REVIEW, "reply: hardship asks for a review",
            TaskType.DISPUTE_REVIEW, "reply: dispute asks for a review",
            TaskType.STAFF_CALL, "reply: frustration asks for a staff call",
            TaskType.BILLING_QUESTION, "reply: confusion asks for a billing answer",
            TaskType.NO_CHANNEL, "channel: none left",
            TaskType.REPLY_REVIEW, "reply: an unsure reading is read by a person first");

    private static final Map<TaskType, String> SAYS = Map.of(
            TaskType.DIRECTOR_CALLBACK, "The final notice went out and the balance is still open: the director calls the family",
            TaskType.LATE_FEE_REVIEW, "A late fee is due, but the family has the hardship flag: a person decides about the fee",
            TaskType.HARDSHIP_REVIEW, "The family's latest reply reads as hardship: review it and agree on a plan",
            TaskType.DISPUTE_REVIEW, "The family's latest reply disputes the bill: review it",
            TaskType.STAFF_CALL, "The family's latest reply is frustrated: someone from the staff calls",
            TaskType.BILLING_QUESTION, "The family's latest reply is confused about the bill: answer the question",
            TaskType.NO_CHANNEL, "No channel reaches the family (opted out, or no address or number): contact them another way",
            TaskType.REPLY_REVIEW, "The classifier is unsure how the family's latest reply reads: read it and label it");

    private TaskReasons() {
    }

    public static String of(TaskType type, List<Decision.TraceEntry> trace) {
        Optional<Decision.TraceEntry> asked = trace.stream().filter(e -> e.rule().equals(ASKED_BY.get(type))).findFirst();
        String said = SAYS.getOrDefault(type, "A person is asked to look at this invoice");
        return asked.map(e -> said + (e.detail() == null ? "" : " (" + e.detail() + ")") + ".").orElse(said + ".");
    }

    /** A reminder that could not be delivered for good. */
    public static String undeliverable(String kind, String channel, String error) {
        return "The " + kind + " reminder could not be delivered by " + channel + " (" + error + "): contact the family another way.";
    }
}
