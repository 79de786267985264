package app.dunwell.ui;

import app.dunwell.decision.Channel;
import app.dunwell.decision.ReminderKind;
import app.dunwell.dispatch.Dispatcher;
import app.dunwell.messaging.Message;
import app.dunwell.messaging.TemplateWording;
import app.dunwell.state.Center;
import app.dunwell.state.StoredFamily;
import app.dunwell.state.StoredInvoice;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The text of a message sent for an invoice. The outbox keeps what was sent (kind, channel, when) but not its words, so
 * this words it again from the same facts the dispatcher uses, with the center's template (never the model: showing a
 * page sends nothing anywhere). The invoice's amounts are today's.
 */
@ApplicationScoped
public class SentMessages {
    private final Dispatcher dispatcher;
    private final TemplateWording templates;

    public SentMessages(Dispatcher dispatcher, TemplateWording templates) {
        this.dispatcher = dispatcher;
        this.templates = templates;
    }

    public Optional<Message> wording(String centerId, String invoiceId, String kind, String channel) {
        ReminderKind reminder;
        Channel by;
        try {
            reminder = ReminderKind.valueOf(kind);
            by = Channel.valueOf(channel);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Center center = Center.findById(centerId);
            StoredInvoice invoice = StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId = ?2", centerId, invoiceId).firstResult();
            if (center == null || invoice == null) {
                return Optional.<Message>empty();
            }
            StoredFamily family = invoice.familyId == null ? null
                    : StoredFamily.<StoredFamily>find("centerId = ?1 and externalId = ?2", centerId, invoice.familyId).firstResult();
            return Optional.of(templates.word(dispatcher.facts(center, invoice, family, reminder, by), centerId));
        });
    }
}
