package app.dunwell.policy;

import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;
import app.dunwell.decision.SuppressionReason;

import java.time.Instant;

/**
 * A reminder the policy owes, as the rules work on it: routed to a channel, timed, or held back with a
 * reason. It starts at {@code asOf} with no channel and nothing holding it.
 */
public class Reminder {
    private final ReminderKind kind;
    private final Integer daysBefore;
    private Channel channel;
    private Instant notBefore;
    private SuppressionReason heldBy;

    public Reminder(ReminderKind kind, Integer daysBefore, Instant asOf) {
        this.kind = kind;
        this.daysBefore = daysBefore;
        this.notBefore = asOf;
    }

    public ReminderKind getKind() {
        return kind;
    }

    public Integer getDaysBefore() {
        return daysBefore;
    }

    public Channel getChannel() {
        return channel;
    }

    public void setChannel(Channel channel) {
        this.channel = channel;
    }

    public Instant getNotBefore() {
        return notBefore;
    }

    public void setNotBefore(Instant notBefore) {
        this.notBefore = notBefore;
    }

    public SuppressionReason getHeldBy() {
        return heldBy;
    }

    public void setHeldBy(SuppressionReason heldBy) {
        this.heldBy = heldBy;
    }

    public boolean isHeld() {
        return heldBy != null;
    }

    @Override
    public String toString() {
        return kind + (daysBefore == null ? "" : "(" + daysBefore + ")") + " via " + channel + " not before " + notBefore
                + (heldBy == null ? "" : " held by " + heldBy);
    }
}
