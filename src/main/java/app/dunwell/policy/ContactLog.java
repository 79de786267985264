package app.dunwell.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** When the family was contacted (all channels and invoices, up to {@code asOf}), newest first. */
public final class ContactLog {
    private final List<Instant> newestFirst;

    public ContactLog(List<Instant> times) {
        this.newestFirst = times.stream().sorted(Comparator.reverseOrder()).toList();
    }

    /** The newest contact, or null when there is none. */
    public Instant getNewest() {
        return newestFirst.isEmpty() ? null : newestFirst.get(0);
    }

    /**
     * The first moment at which fewer than {@code maxContacts} contacts lie in the preceding
     * {@code windowDays} (a contact exactly that old no longer counts); {@link Instant#MIN} when
     * there are already fewer.
     */
    public Instant capLiftsAt(int maxContacts, int windowDays) {
        if (maxContacts <= 0 || newestFirst.size() < maxContacts) {
            return Instant.MIN;
        }
        return newestFirst.get(maxContacts - 1).plus(Duration.ofDays(windowDays));
    }

    public int size() {
        return newestFirst.size();
    }
}
