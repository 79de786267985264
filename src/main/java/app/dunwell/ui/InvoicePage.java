package app.dunwell.ui;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.state.StoredInvoice;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;

/** An invoice of the session's center, its timeline told as a story; without an id, the center's invoices to choose from. */
@Path("/ui/invoices")
public class InvoicePage {
    private static final int MAX_ID = 200;
    private static final int LISTED = 500;

    private final UiSessions sessions;
    private final InvoiceStory stories;
    private final Words words;

    public InvoicePage(UiSessions sessions, InvoiceStory stories, Words words) {
        this.sessions = sessions;
        this.stories = stories;
        this.words = words;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invoices(Page page, InvoiceList invoices);

        static native TemplateInstance invoice(Page page, InvoiceView invoice);
    }

    @TemplateData
    public record InvoiceRow(String id, String link, String familyId, String status, String balance, String dueOn) {
    }

    /** The invoices listed, and whether there are more than that. */
    @TemplateData
    public record InvoiceList(List<InvoiceRow> rows, boolean more, int listed) {
    }

    @TemplateData
    public record InvoiceView(String id, InvoiceRow facts, List<StoryLine> story) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@CookieParam(UiSessions.COOKIE) String cookie, @QueryParam("id") String id) {
        SignedIn session = sessions.require(cookie);
        String center = session.center();
        if (id != null && !id.isBlank()) {
            return Response.seeOther(URI.create(Words.invoiceLink(checked(id.strip())))).build();
        }
        List<InvoiceRow> rows = QuarkusTransaction.requiringNew().call(() -> StoredInvoice.<StoredInvoice>find(
                "centerId = ?1 order by externalId", center).page(0, LISTED + 1).list().stream().map(InvoicePage::row).toList());
        return Response.ok(Templates.invoices(Page.of("Invoices", "invoice", session),
                new InvoiceList(rows.subList(0, Math.min(LISTED, rows.size())), rows.size() > LISTED, LISTED)).render(), MediaType.TEXT_HTML_TYPE).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response show(@CookieParam(UiSessions.COOKIE) String cookie, @PathParam("id") String id) {
        SignedIn session = sessions.require(cookie);
        String center = session.center();
        String invoiceId = checked(id);
        ZoneId zone = words.zoneOf(center);
        InvoiceRow facts = QuarkusTransaction.requiringNew().call(() -> StoredInvoice.<StoredInvoice>find("centerId = ?1 and externalId = ?2",
                center, invoiceId).firstResultOptional().map(InvoicePage::row).orElse(null));
        List<StoryLine> story = stories.of(center, invoiceId, zone);
        String html = Templates.invoice(Page.of("Invoice " + invoiceId, "invoice", session), new InvoiceView(invoiceId, facts, story)).render();
        return Response.status(facts == null && story.isEmpty() ? 404 : 200).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    private static String checked(String id) {
        if (id.isBlank() || id.length() > MAX_ID || id.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("invoice", "is not an invoice id (at most " + MAX_ID + " characters)");
        }
        return id;
    }

    private static InvoiceRow row(StoredInvoice i) {
        return new InvoiceRow(i.externalId, Words.invoiceLink(i.externalId), i.familyId, i.status, Words.money(i.balance),
                i.dueOn == null ? "" : i.dueOn.toString());
    }
}
