package app.dunwell.ui;

import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.TaskType;
import app.dunwell.effects.Approvals;
import app.dunwell.tasks.TaskQueue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The director's queue: what waits for approval, with what it would do and why the decision proposed it (approve, reject),
 * and the open tasks with their reason (assign, resolve). The same services as {@code /api/v1/approvals} and
 * {@code /api/v1/tasks}, with the same role: approver (or admin).
 */
@Path("/ui")
public class QueuePage {
    private static final Map<String, String> NOTICES = Map.of(
            "approved", "Approved.", "rejected", "Rejected: nothing is sent or changed, and it is not proposed again.",
            "outdated", "Approved, but the invoice had moved on: nothing was done.",
            "assigned", "Task assigned.", "resolved", "Task resolved.");

    private final Approvals approvals;
    private final TaskQueue tasks;
    private final UiSessions sessions;
    private final Words words;
    private final ObjectMapper mapper;

    public QueuePage(Approvals approvals, TaskQueue tasks, UiSessions sessions, Words words, ObjectMapper mapper) {
        this.approvals = approvals;
        this.tasks = tasks;
        this.sessions = sessions;
        this.words = words;
        this.mapper = mapper;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(Page page, QueueView queue);
    }

    @TemplateData
    public record ApprovalView(String id, String kind, String type, String invoiceId, String invoiceLink, String familyId, String balance, String what,
                               List<Why> why, String since) {
    }

    @TemplateData
    public record TaskView(String id, String type, String typeWords, String reason, String invoiceId, String invoiceLink, String familyId, String assignee,
                           String since, List<String> outcomes) {
    }

    @TemplateData
    public record QueueView(List<ApprovalView> approvals, List<TaskView> tasks, String notice) {
    }

    @GET
    @Path("/queue")
    @Produces(MediaType.TEXT_HTML)
    public String show(@CookieParam(UiSessions.COOKIE) String cookie, @QueryParam("done") String done, @QueryParam("invoice") String invoice) {
        SignedIn session = sessions.require(cookie);
        session.caller().require(Role.APPROVER);
        String center = session.center();
        ZoneId zone = words.zoneOf(center);
        List<ApprovalView> waiting = approvals.waiting(center).stream().map(w -> new ApprovalView(w.id().toString(), w.kind(), w.type(),
                w.invoiceId(), Words.invoiceLink(w.invoiceId()), w.familyId(), Words.money(w.balance()), Sentences.of(w.type(), mapper.valueToTree(w.proposed()), zone),
                Why.of(w.why()), Words.when(w.createdAt(), zone))).toList();
        List<TaskView> open = tasks.list(center, TaskQueue.State.OPEN, null, null).stream().map(t -> new TaskView(t.id().toString(), t.type(),
                Words.words(t.type()), t.reason(), t.invoiceId(), Words.invoiceLink(t.invoiceId()), t.familyId(), t.assignee(), Words.when(t.createdAt(), zone), outcomes(t.type())))
                .toList();
        String notice = done == null ? null : NOTICES.get(done);
        if (notice != null && invoice != null && invoice.matches("[A-Za-z0-9._-]{1,64}")) {
            notice = notice.replaceFirst("\\.$", "") + " (" + invoice + ").";
        }
        return Templates.queue(Page.of("Queue", "queue", session), new QueueView(waiting, open, notice)).render();
    }

    @POST
    @Path("/approvals/{id}/{verdict:approve|reject}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@CookieParam(UiSessions.COOKIE) String cookie, @FormParam(CsrfTokens.FIELD) String token,
                           @PathParam("id") String id, @PathParam("verdict") String verdict, @FormParam("invoiceId") String invoiceId) {
        SignedIn session = sessions.requireForm(cookie, token);
        Caller caller = session.caller().require(Role.APPROVER);
        String center = session.center();
        UUID approval = uuid(id, "approval");
        Approvals.Outcome outcome = (verdict.equals("approve") ? approvals.approve(approval, center, caller.who())
                : approvals.reject(approval, center, caller.who()))
                .orElseThrow(() -> new NotFoundException("nothing with id " + id + " waits for approval (decided already?)"));
        String done = switch (outcome.state()) {
            case "REJECTED" -> "rejected";
            case "OUTDATED" -> "outdated";
            default -> "approved";
        };
        return back(done, invoiceId);
    }

    @POST
    @Path("/tasks/{id}/assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(@CookieParam(UiSessions.COOKIE) String cookie, @FormParam(CsrfTokens.FIELD) String token,
                           @PathParam("id") String id, @FormParam("assignee") String assignee) {
        SignedIn session = sessions.requireForm(cookie, token);
        session.caller().require(Role.APPROVER);
        TaskQueue.Task task = tasks.assign(uuid(id, "task"), session.center(), assignee)
                .orElseThrow(() -> new NotFoundException("no task " + id));
        return back("assigned", task.invoiceId());
    }

    @POST
    @Path("/tasks/{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@CookieParam(UiSessions.COOKIE) String cookie, @FormParam(CsrfTokens.FIELD) String token,
                            @PathParam("id") String id, @FormParam("outcome") String outcome, @FormParam("note") String note) {
        SignedIn session = sessions.requireForm(cookie, token);
        Caller caller = session.caller().require(Role.APPROVER);
        TaskQueue.Task task = tasks.resolve(uuid(id, "task"), session.center(), outcome(outcome), note == null || note.isBlank() ? null : note.strip(),
                        caller.who())
                .orElseThrow(() -> new NotFoundException("no task " + id));
        return back("resolved", task.invoiceId());
    }

    /** The outcomes a task of this type may end with, as the queue resolves them. */
    static List<String> outcomes(String type) {
        List<String> outcomes = new ArrayList<>(List.of(TaskQueue.Outcome.DONE.name(), TaskQueue.Outcome.NO_ACTION.name()));
        if (TaskType.HARDSHIP_REVIEW.name().equals(type)) {
            outcomes.add(0, TaskQueue.Outcome.PLAN_AGREED.name());
        } else if (TaskType.DISPUTE_REVIEW.name().equals(type)) {
            outcomes.add(0, TaskQueue.Outcome.DISPUTE_RESOLVED.name());
        }
        return outcomes;
    }

    private static TaskQueue.Outcome outcome(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("outcome", "is required: choose how the task ended");
        }
        try {
            return TaskQueue.Outcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("outcome", "is not one of " + java.util.Arrays.toString(TaskQueue.Outcome.values()));
        }
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "is not a valid " + what + " id (a UUID)");
        }
    }

    /** After a form: back to the queue (a GET, so reloading does not post again), saying what was done. */
    private static Response back(String done, String invoiceId) {
        String invoice = invoiceId == null || !invoiceId.matches("[A-Za-z0-9._-]{1,64}") ? ""
                : "&invoice=" + URLEncoder.encode(invoiceId, StandardCharsets.UTF_8);
        return Response.seeOther(URI.create("/ui/queue?done=" + done + invoice)).build();
    }
}
