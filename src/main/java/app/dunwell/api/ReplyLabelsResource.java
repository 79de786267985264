package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.decision.Sentiment;
import app.dunwell.tasks.ReplyLabels;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.util.stream.Collectors;

/** A person labels a family's reply; labelled replies are exported (JSON lines) to retrain the classifier on. */
@Path("/api/v1/replies")
public class ReplyLabelsResource {
    private final ReplyLabels labels;
    private final Access access;
    private final ObjectMapper mapper;

    public ReplyLabelsResource(ReplyLabels labels, Access access, ObjectMapper mapper) {
        this.labels = labels;
        this.access = access;
        this.mapper = mapper;
    }

    public record Label(Sentiment sentiment, LocalDate promisedOn) {
    }

    @POST
    @Path("/{id}/label")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Say how a reply reads (and the day a promise names): the next decision acts on it, its review is done")
    public ReplyLabels.Labelled label(@HeaderParam("Authorization") String authorization, @PathParam("id") String id, byte[] body) {
        Caller caller = access.caller(authorization).require(Role.APPROVER);
        Label request = JsonBodies.read(mapper, body, Label.class);
        return labels.label(PathIds.uuid(id, "reply"), caller.isBootstrap() ? null : caller.centerId(), request.sentiment(),
                request.promisedOn(), caller.who()).orElseThrow(() -> new NotFoundException("no reply " + id));
    }

    @GET
    @Path("/labels")
    @Produces("application/x-ndjson")
    @Operation(summary = "The center's labelled replies as JSON lines, in the form of the repository's labelled set "
            + "(java -jar … sentiment-benchmark <file> measures the classifier on them)")
    public Response export(@HeaderParam("Authorization") String authorization, @QueryParam("centerId") String requested) {
        Caller caller = access.caller(authorization).require(Role.ANALYST);
        String centerId = caller.scopeOf(requested, "centerId").orElse(null);
        String lines = labels.export(centerId).stream().map(Object::toString).collect(Collectors.joining("\n"));
        return Response.ok(lines.isEmpty() ? "" : lines + "\n", "application/x-ndjson").build();
    }
}
