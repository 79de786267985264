package app.dunwell.run;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A run's progress as its status endpoint answers it: its invoices, how many are decided or failed, the actions by type. */
public record RunStatus(UUID id, String centerId, Instant asOf, boolean dryRun, int total, int done, int failed,
                        Map<String, Integer> actionsByType, Instant startedAt, Instant finishedAt, String rulesetVersion) {
}
