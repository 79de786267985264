package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.decision.InvalidRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as application/problem+json. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problem.response(400, "invalid-request", "The request cannot be decided",
                e.total() == 1 ? e.errors().get(0).field() + " " + e.errors().get(0).message()
                        : e.total() + " fields are invalid" + (e.total() > e.errors().size() ? " (the first " + e.errors().size() + " are listed)" : "")
                        + ": " + e.errors().stream().limit(10)
                        .map(app.dunwell.decision.FieldError::field).collect(java.util.stream.Collectors.joining(", "))
                        + (e.errors().size() > 10 ? ", …" : ""),
                e.errors());
    }

    @ServerExceptionMapper
    public Response payloadTooLarge(PayloadTooLargeException e) {
        return Problem.response(413, "payload-too-large", "Request body too large", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response noRuleset(NoActiveRulesetException e) {
        return Problem.response(503, "no-valid-ruleset", "No valid ruleset is loaded", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response decisionLogBusy(DecisionLogBusyException e) {
        return Response.fromResponse(Problem.response(503, "decision-log-busy", "Too many decisions at once", e.getMessage(), null))
                .header("Retry-After", 1).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(Access.Unauthenticated e) {
        return Response.fromResponse(Problem.response(401, "unauthorized", "A valid key is required", e.getMessage(), null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response tooManyRequests(app.dunwell.access.TooManyRequests e) {
        return Response.fromResponse(Problem.response(429, "too-many-requests", "Too many requests", e.getMessage(), null))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response alreadyResolved(app.dunwell.tasks.TaskQueue.AlreadyResolved e) {
        return Problem.response(409, "already-resolved", "The task is resolved already", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response forbidden(Caller.Forbidden e) {
        return Problem.response(403, "forbidden", "This key may not do that", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unauthenticatedWebhook(app.dunwell.ingest.WebhookIngest.UnauthenticatedException e) {
        return Problem.response(401, "bad-signature", "The webhook signature is not valid", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return Problem.response(status, "http-" + status, known == null ? "HTTP " + status : known.getReasonPhrase(),
                e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return Problem.response(500, "internal-error", "Internal error", "The decision could not be made; nothing was changed.", null);
    }
}
