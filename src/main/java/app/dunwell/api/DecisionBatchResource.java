package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.decision.FieldError;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.ruleset.CompiledRuleset;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/decisions/batch}: up to 1,000 decision requests in one call, answered in the same order, all decided
 * by the same ruleset version. A request that is invalid on its own gets an error entry naming its fields under
 * {@code requests[i].}; the others are decided.
 */
@Path("/api/v1/decisions/batch")
public class DecisionBatchResource {
    static final int MAX_REQUESTS = 1000;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(DecisionBatchResource.class);

    private final DecisionMaker maker;
    private final Access access;

    public DecisionBatchResource(DecisionMaker maker, Access access) {
        this.maker = maker;
        this.access = access;
    }

    /** The answer: one entry per request, a decision or {@code {"index", "error"}}. */
    public record Answer(List<Object> decisions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemError(int index, Problem error) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide up to 1,000 invoices in one call, with one ruleset version; invalid requests get their own error entry")
    public Answer decide(@HeaderParam("Authorization") String authorization, byte[] body) {
        Optional<Caller> caller = access.decisionCaller(authorization);
        caller.ifPresent(c -> c.require(Role.INTEGRATION, Role.ANALYST));
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException(MAX_BODY_BYTES);
        }
        JsonNode requests = maker.tree(body).path("requests");
        if (!requests.isArray()) {
            throw new InvalidRequestException("requests", "is required: a list of 1 to " + MAX_REQUESTS + " decision requests");
        }
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            throw new InvalidRequestException("requests", "must hold 1 to " + MAX_REQUESTS + " requests, not " + requests.size());
        }
        CompiledRuleset ruleset = maker.serving();
        List<Object> decisions = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            decisions.add(decideOne(caller, requests.get(i), i, ruleset));
        }
        // Every decision of the batch is on its way into the log at once: they are written in a batch or two, then answered.
        // Each answer is the JSON its row keeps, written once.
        decisions.replaceAll(d -> d instanceof DecisionMaker.Made made ? new RawValue(maker.answerJson(made)) : d);
        return new Answer(decisions);
    }

    private Object decideOne(Optional<Caller> caller, JsonNode request, int i, CompiledRuleset ruleset) {
        String prefix = "requests[" + i + "]";
        try {
            if (!request.isObject()) {
                throw new InvalidRequestException("body", "must be a JSON object");
            }
            return maker.start(caller, request, ruleset);
        } catch (InvalidRequestException e) {
            List<FieldError> errors = e.errors().stream().map(f -> new FieldError(
                    f.field().equals("body") ? prefix : prefix + "." + f.field(), f.message())).toList();
            return new ItemError(i, new Problem(Problem.TYPES + "invalid-request", "The request cannot be decided", 400,
                    errors.get(0).field() + " " + errors.get(0).message(), errors));
        } catch (DecisionLogBusyException e) {
            return new ItemError(i, new Problem(Problem.TYPES + "decision-log-busy", "Too many decisions at once", 503, e.getMessage(), null));
        } catch (Caller.Forbidden e) {
            return new ItemError(i, new Problem(Problem.TYPES + "forbidden", "This key may not do that", 403, e.getMessage(), null));
        } catch (RuntimeException e) {
            LOG.errorf("Batch item %d could not be decided: %s", i, e.getClass().getName());
            return new ItemError(i, new Problem(Problem.TYPES + "internal-error", "Internal error", 500,
                    "this request could not be decided; the others were", null));
        }
    }
}
