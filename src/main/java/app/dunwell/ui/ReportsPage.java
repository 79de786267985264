package app.dunwell.ui;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.When;
import app.dunwell.reports.CancelledInvoices;
import app.dunwell.reports.CollectionsReport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The center's reports ({@code app.dunwell.reports}, as {@code /api/v1/reports} serves them): the funnel of stages as a chart,
 * the collections figures of a period (the last 30 days unless chosen), and the cancelled invoices with a CSV download.
 */
@Path("/ui/reports")
public class ReportsPage {
    private final UiSessions sessions;
    private final CollectionsReport collections;
    private final CancelledInvoices cancelled;

    public ReportsPage(UiSessions sessions, CollectionsReport collections, CancelledInvoices cancelled) {
        this.sessions = sessions;
        this.collections = collections;
        this.cancelled = cancelled;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reports(Page page, ReportsView reports);
    }

    @TemplateData
    public record Figure(String value, String label) {
    }

    @TemplateData
    public record CancelledRow(String invoice, String link, String date, String dueDate, String cancelledDate, String family, String amount,
                               String type, String daysOverdue) {
    }

    @TemplateData
    public record ReportsView(String from, String to, String lastDay, FunnelChart funnel, List<Figure> byStatus, List<Figure> figures,
                              List<Figure> replies, List<CancelledRow> cancelled) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String show(@CookieParam(UiSessions.COOKIE) String cookie, @QueryParam("from") String from, @QueryParam("to") String to) {
        SignedIn session = sessions.require(cookie);
        String center = session.center();
        // As the API has it: from inclusive, to exclusive, the last 30 days by default; the page's "to" is the last day shown.
        LocalDate lastDay = date(to, "to", LocalDate.now(ZoneOffset.UTC));
        LocalDate end = lastDay.plusDays(1);
        LocalDate start = date(from, "from", end.minusDays(30));
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("to", "must not be before from");
        }
        if (start.plusYears(10).isBefore(end)) {
            throw new InvalidRequestException("from", "a period of at most ten years");
        }
        CollectionsReport.Report report = collections.of(center, start, end);
        List<Figure> byStatus = report.invoicesByStatus().entrySet().stream().map(e -> new Figure(e.getValue().toString(), e.getKey())).toList();
        List<Figure> figures = new ArrayList<>();
        BigDecimal outstanding = report.outstandingByStage().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        figures.add(new Figure(Words.money(outstanding), "outstanding now"));
        report.outstandingByStage().forEach((stage, amount) -> figures.add(new Figure(Words.money(amount), "outstanding at " + stage)));
        figures.add(new Figure(String.valueOf(report.remindersSent().stream().mapToLong(CollectionsReport.Sent::count).sum()), "reminders sent"));
        figures.add(new Figure(report.paidWithin7DaysOfAReminder().count() + " · " + Words.money(report.paidWithin7DaysOfAReminder().amount()),
                "paid within 7 days of a reminder"));
        figures.add(new Figure(report.lateFeesAssessed().count() + " · " + Words.money(report.lateFeesAssessed().amount()), "late fees assessed"));
        figures.add(new Figure(report.lateFeesWaived().count() + " · " + Words.money(report.lateFeesWaived().amount()), "late fees waived"));
        figures.add(new Figure(String.valueOf(report.optOuts()), "opt-outs"));
        List<Figure> replies = report.repliesBySentiment().entrySet().stream().map(e -> new Figure(e.getValue().toString(), e.getKey())).toList();
        List<CancelledRow> rows = cancelled.of(center, null, null).stream().map(r -> new CancelledRow(r.invoice(), Words.invoiceLink(r.invoice()),
                text(r.date()), text(r.dueDate()), text(r.cancelledDate()), r.family() == null || r.family().isBlank() ? r.familyId() : r.family(),
                Words.money(r.amount()), r.type(), r.daysOverdueAtCancellation() == null ? "" : r.daysOverdueAtCancellation().toString())).toList();
        return Templates.reports(Page.of("Reports", "reports", session), new ReportsView(start.toString(), end.minusDays(1).toString(),
                lastDay.toString(), FunnelChart.of(report.funnel()), byStatus, figures, replies, rows)).render();
    }

    @GET
    @Path("/cancelled-invoices.csv")
    @Produces("text/csv")
    public Response cancelledCsv(@CookieParam(UiSessions.COOKIE) String cookie) {
        SignedIn session = sessions.require(cookie);
        String center = session.center();
        return Response.ok(CancelledInvoices.csv(cancelled.of(center, null, null)), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"cancelled-invoices-" + center + ".csv\"").build();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static LocalDate date(String value, String field, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            When.check(day, field);
            return day;
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "is not a date (2026-03-01)");
        }
    }
}
