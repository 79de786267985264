package app.dunwell.access;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/** What a key may do. A center's admin may do everything the other center roles may, for its own center. */
public enum Role {
    /** A billing platform: decisions, runs, reading what happened. */
    INTEGRATION,
    /** A policy analyst: rulesets, previews, message wording, dry runs. */
    ANALYST,
    /** A person who approves or rejects reminders of a center in APPROVAL mode. */
    APPROVER,
    /** The center's administrator: all of the above, its keys and its kill switch. */
    ADMIN,
    /**
     * Installation-wide, never a center's: submits candidate rule and DMN files (validate, preview). Rules are code and the
     * ruleset is the whole installation's policy, so only the bootstrap key issues such keys, and they act for no center.
     */
    POLICY_AUTHOR;

    @JsonCreator
    public static Role of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a role: " + name + " (integration, analyst, approver, admin or policy-author)");
        }
    }
}
