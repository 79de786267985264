package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.decision.Action;
import app.dunwell.decision.Channel;
import app.dunwell.decision.FieldError;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.ReminderKind;
import app.dunwell.messaging.Message;
import app.dunwell.messaging.MessageFacts;
import app.dunwell.messaging.MessageWording;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/v1/messages/preview}: how a decision's reminder reads, per channel. */
@Path("/api/v1/messages/preview")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {
    private final MessageWording wording;
    private final ObjectMapper mapper;
    private final Access access;

    public MessagesResource(MessageWording wording, ObjectMapper mapper, Access access) {
        this.wording = wording;
        this.mapper = mapper;
        this.access = access;
    }

    /** The reminder (kind, optional channel: all three when absent) and what it may say. */
    public record PreviewRequest(ReminderKind kind, Channel channel, String centerId, Context context) {
    }

    public record Context(String centerName, String familyFirstName, List<String> childFirstNames, String invoiceNumber,
                          BigDecimal balance, String currency, LocalDate dueOn, String paymentLink,
                          List<Action.Installment> installments, Boolean hardship) {
    }

    public record Preview(ReminderKind kind, List<Message> messages) {
    }

    @POST
    @Operation(summary = "Word a reminder from its facts: the model when configured and its text passes the guard, the templates otherwise")
    @RequestBody(content = @Content(schema = @Schema(implementation = PreviewRequest.class)))
    public Preview preview(@HeaderParam("Authorization") String authorization, byte[] body) {
        Caller caller = access.caller(authorization).require(Role.ANALYST);
        PreviewRequest request = JsonBodies.read(mapper, body, PreviewRequest.class);
        // A center's own templates are its own: a center's key words with them, the bootstrap key names the center (or none).
        String centerId = caller.scopeOf(request.centerId(), "centerId").orElse(null);
        List<FieldError> errors = new ArrayList<>();
        Context c = request.context();
        if (request.kind() == null) {
            errors.add(new FieldError("kind", "is required"));
        }
        if (c == null) {
            errors.add(new FieldError("context", "is required"));
        } else {
            if (c.invoiceNumber() == null || c.invoiceNumber().isBlank()) {
                errors.add(new FieldError("context.invoiceNumber", "is required"));
            }
            if (c.balance() == null) {
                errors.add(new FieldError("context.balance", "is required"));
            } else if (app.dunwell.decision.Money.problem(c.balance()) != null) {
                errors.add(new FieldError("context.balance", app.dunwell.decision.Money.problem(c.balance())));
            }
            if (c.dueOn() == null) {
                errors.add(new FieldError("context.dueOn", "is required"));
            } else if (!app.dunwell.decision.When.sane(c.dueOn())) {
                errors.add(new FieldError("context.dueOn", "must be between 1900-01-01 and 9999-12-31"));
            }
            List<Action.Installment> plan = c.installments() == null ? List.of() : c.installments();
            if (plan.size() > 60) {
                errors.add(new FieldError("context.installments", "at most 60 installments"));
            }
            for (int i = 0; i < Math.min(plan.size(), 60); i++) {
                Action.Installment installment = plan.get(i);
                String at = "context.installments[" + i + "]";
                if (installment == null || installment.dueOn() == null) {
                    errors.add(new FieldError(at + ".dueOn", "is required"));
                } else if (!app.dunwell.decision.When.sane(installment.dueOn())) {
                    errors.add(new FieldError(at + ".dueOn", "must be between 1900-01-01 and 9999-12-31"));
                }
                if (installment == null || installment.amount() == null) {
                    errors.add(new FieldError(at + ".amount", "is required"));
                } else if (app.dunwell.decision.Money.problem(installment.amount()) != null) {
                    errors.add(new FieldError(at + ".amount", app.dunwell.decision.Money.problem(installment.amount())));
                }
            }
            for (String[] text : new String[][] {{"context.centerName", c.centerName()}, {"context.familyFirstName", c.familyFirstName()},
                    {"context.invoiceNumber", c.invoiceNumber()}, {"context.currency", c.currency()}, {"context.paymentLink", c.paymentLink()}}) {
                if (text[1] != null && text[1].length() > 500) {
                    errors.add(new FieldError(text[0], "at most 500 characters"));
                }
            }
            List<String> children = c.childFirstNames() == null ? List.of() : c.childFirstNames();
            if (children.size() > 20 || children.stream().anyMatch(java.util.Objects::isNull)) {
                errors.add(new FieldError("context.childFirstNames", "at most 20 names, none null"));
            }
            if (c.paymentLink() == null || !c.paymentLink().matches("https?://\\S+")) {
                errors.add(new FieldError("context.paymentLink", "is required, as an http(s) link"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        MessageFacts facts = new MessageFacts(request.kind(), request.channel(), c.centerName(), c.familyFirstName(),
                c.childFirstNames() == null ? List.of() : c.childFirstNames(), c.invoiceNumber(), c.balance(),
                c.currency() == null ? "USD" : c.currency(), c.dueOn(), c.paymentLink(),
                c.installments() == null ? List.of() : c.installments(), Boolean.TRUE.equals(c.hardship()));
        List<Channel> channels = request.channel() == null ? List.of(Channel.values()) : List.of(request.channel());
        return new Preview(request.kind(), channels.stream()
                .map(ch -> wording.word(facts.withChannel(ch), centerId)).toList());
    }
}
