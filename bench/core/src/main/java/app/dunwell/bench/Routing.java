package app.dunwell.bench;

import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;
import app.dunwell.decision.SuppressionReason;
import app.dunwell.policy.Settings;

import java.util.Set;

/** Rule 10: the preferred channel, then channelFallback in order, skipping what cannot be used. */
final class Routing {
    private Routing() {
    }

    /** The channel for the reminder, or null when none is left; lists an opted-out preferred channel. */
    static Channel channel(PolicyFacts f, Settings s, Set<Channel> optedOut, ReminderKind kind, ReferencePolicy.Outcome out) {
        if (f.preferred != null && optedOut.contains(f.preferred)) {
            out.suppress(kind, f.preferred, SuppressionReason.OPTED_OUT);
        }
        if (usable(f.preferred, f, optedOut)) {
            return f.preferred;
        }
        for (Channel channel : s.channelFallback()) {
            if (usable(channel, f, optedOut)) {
                return channel;
            }
        }
        return null;
    }

    private static boolean usable(Channel channel, PolicyFacts f, Set<Channel> optedOut) {
        if (channel == null || optedOut.contains(channel)) {
            return false;
        }
        return switch (channel) {
            case EMAIL -> f.hasEmail;
            case SMS -> f.hasPhone;
            case IN_APP -> true;
        };
    }
}
