package app.dunwell.access;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/** What a center's key may do. An admin may do everything the others may, for its own center. */
public enum Role {
    /** A billing platform: decisions, runs, reading what happened. */
    INTEGRATION,
    /** A policy analyst: rulesets, previews, message wording, dry runs. */
    ANALYST,
    /** A person who approves or rejects reminders of a center in APPROVAL mode. */
    APPROVER,
    /** The center's administrator: all of the above, its keys and its kill switch. */
    ADMIN;

    @JsonCreator
    public static Role of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a role: " + name + " (integration, analyst, approver or admin)");
        }
    }
}
