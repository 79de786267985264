package app.dunwell.dispatch;

import app.dunwell.decision.Action;
import app.dunwell.decision.ActionType;
import app.dunwell.decision.Channel;
import app.dunwell.decision.Decision;
import app.dunwell.state.DecisionLog;
import app.dunwell.decision.DecisionRequest;
import app.dunwell.decision.ReminderKind;
import app.dunwell.state.Center;
import app.dunwell.state.StoredInvoice;
import app.dunwell.ruleset.ActiveRuleset;
import app.dunwell.run.RequestAssembler;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Right before a reminder goes out, the policy is asked again. Between the run that queued it and its {@code notBefore}
 * (a weekend, a closure, the hours between contacts) the family may have paid, been flagged, opted out or replied.
 * Two questions, both answered by the rules, not here:
 * <ol>
 *   <li>Would the decision that queued it, made again with what is known now, still send it? Asked as of that
 *       decision's moment, because reminders are owed on a day ("14 days before the due date") and keep that day's
 *       claim when they wait for an open slot. No: withdrawn. Yes: sent on the channel it names now.</li>
 *   <li>Does the policy, as of now, pause the invoice (a hardship reply, a promise to pay)? Yes: withdrawn.</li>
 * </ol>
 */
@ApplicationScoped
public class SendTimeCheck {
    private final RequestAssembler assembler;
    private final ActiveRuleset rulesets;
    private final DecisionLog log;
    private final ObjectMapper mapper;

    public SendTimeCheck(RequestAssembler assembler, ActiveRuleset rulesets, DecisionLog log, ObjectMapper mapper) {
        this.assembler = assembler;
        this.rulesets = rulesets;
        this.log = log;
        this.mapper = mapper;
    }

    /** Send on {@code channel}, or withdraw for {@code reason} (explained by the stored decision it names). */
    public record Verdict(boolean send, Channel channel, String reason) {
    }

    /**
     * Whether the reminder {@code kind} ({@code daysBefore} for PRE_DUE), queued by a decision as of {@code decidedAt},
     * still goes out at {@code now}.
     */
    public Verdict check(Center center, StoredInvoice invoice, ReminderKind kind, Integer daysBefore, Instant decidedAt, Instant now) {
        if (invoice == null) {
            return new Verdict(false, null, "the invoice is no longer known");
        }
        DecisionRequest again = assembler.assemble(center, invoice, decidedAt);
        Decision decidedAgain = decide(again);
        Optional<Action> owed = decidedAgain.actions().stream()
                .filter(a -> a.type() == ActionType.SEND_REMINDER && a.kind() == kind
                        && (kind != ReminderKind.PRE_DUE || Objects.equals(a.daysBefore(), daysBefore)))
                .findFirst();
        if (owed.isEmpty()) {
            String reasons = decidedAgain.suppressed().stream().filter(s -> s.kind() == kind).map(s -> s.reason().name())
                    .distinct().collect(Collectors.joining(", "));
            return new Verdict(false, null, "no longer owed" + (reasons.isEmpty() ? "" : " (" + reasons + ")") + ", decision "
                    + log.store(mapper.valueToTree(again), decidedAgain, center.id, false));
        }
        DecisionRequest current = assembler.assemble(center, invoice, now);
        Decision decidedNow = decide(current);
        Optional<Action> pause = decidedNow.actions().stream().filter(a -> a.type() == ActionType.PAUSE_AUTOMATION).findFirst();
        if (pause.isPresent()) {
            return new Verdict(false, null, "paused (" + pause.get().reason() + "), decision "
                    + log.store(mapper.valueToTree(current), decidedNow, center.id, false));
        }
        return new Verdict(true, owed.get().channel(), null);
    }

    private Decision decide(DecisionRequest request) {
        return rulesets.current().orElseThrow(() -> new IllegalStateException("no valid ruleset")).decide(request);
    }
}
