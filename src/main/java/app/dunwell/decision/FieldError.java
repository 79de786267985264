package app.dunwell.decision;

/** One thing wrong with a request, naming the field as a JSON path ({@code invoice.dueOn}, {@code history.contacts[0].at}). */
public record FieldError(String field, String message) {
}
