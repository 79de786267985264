package app.dunwell.policy;

import app.dunwell.decision.TaskType;

/** A task this invoice already has in {@code history.tasks} (at or before {@code asOf}). */
public record TaskOnFile(TaskType type) {
}
