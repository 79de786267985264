package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.TaskType;
import app.dunwell.tasks.TaskQueue;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The queue people work: a center's tasks, assigned and resolved by its approvers and admins. */
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {
    private final TaskQueue queue;
    private final Access access;
    private final ObjectMapper mapper;

    public TasksResource(TaskQueue queue, Access access, ObjectMapper mapper) {
        this.queue = queue;
        this.access = access;
        this.mapper = mapper;
    }

    public record Tasks(List<TaskQueue.Task> tasks) {
    }

    public record Assign(String assignee) {
    }

    public record Resolve(TaskQueue.Outcome outcome, String note) {
    }

    @GET
    @Operation(summary = "The center's tasks, open first: ?state=OPEN|DONE, ?type=, ?assignee= (the bootstrap key adds ?centerId=)")
    public Tasks list(@HeaderParam("Authorization") String authorization, @QueryParam("centerId") String requested,
                      @QueryParam("state") String state, @QueryParam("type") String type, @QueryParam("assignee") String assignee) {
        String centerId = access.caller(authorization).require(Role.APPROVER).centerOf(requested, "centerId");
        return new Tasks(queue.list(centerId, parse(TaskQueue.State.class, state, "state"), parse(TaskType.class, type, "type"),
                assignee == null || assignee.isBlank() ? null : assignee));
    }

    @POST
    @Path("/{id}/assign")
    @Operation(summary = "Give a task to someone")
    public TaskQueue.Task assign(@HeaderParam("Authorization") String authorization, @PathParam("id") String id, byte[] body) {
        Caller caller = access.caller(authorization).require(Role.APPROVER);
        Assign request = JsonBodies.read(mapper, body, Assign.class);
        UUID task = PathIds.uuid(id, "task");
        return queue.assign(task, centerOfTask(caller), request.assignee()).orElseThrow(() -> new NotFoundException("no task " + id));
    }

    @POST
    @Path("/{id}/resolve")
    @Operation(summary = "Resolve a task with an outcome (DONE, NO_ACTION; PLAN_AGREED for a hardship review sets PAYMENT_PLAN_ACTIVE, "
            + "DISPUTE_RESOLVED for a dispute review clears DISPUTE_OPEN) and a note")
    public TaskQueue.Task resolve(@HeaderParam("Authorization") String authorization, @PathParam("id") String id, byte[] body) {
        Caller caller = access.caller(authorization).require(Role.APPROVER);
        Resolve request = JsonBodies.read(mapper, body, Resolve.class);
        UUID task = PathIds.uuid(id, "task");
        return queue.resolve(task, centerOfTask(caller), request.outcome(), request.note(), caller.who())
                .orElseThrow(() -> new NotFoundException("no task " + id));
    }

    /** A center's key works its own center's tasks; the bootstrap key works any (found by the task's id). */
    private String centerOfTask(Caller caller) {
        return caller.isBootstrap() ? null : caller.centerId();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
