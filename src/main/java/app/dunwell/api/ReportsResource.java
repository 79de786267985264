package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.reports.CancelledInvoices;
import app.dunwell.reports.CollectionsReport;
import app.dunwell.reports.Csv;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reports of a center as JSON, or CSV with {@code ?format=csv} or {@code Accept: text/csv}. */
@Path("/api/v1/reports")
public class ReportsResource {
    private final CancelledInvoices cancelled;
    private final CollectionsReport collections;
    private final Access access;

    public ReportsResource(CancelledInvoices cancelled, CollectionsReport collections, Access access) {
        this.cancelled = cancelled;
        this.collections = collections;
        this.access = access;
    }

    public record Cancelled(String centerId, List<CancelledInvoices.Row> invoices) {
    }

    @GET
    @Path("/cancelled-invoices")
    @Operation(summary = "The cancelled invoices: date, due date, cancelled date, family, amount, Auto-Cancelled or Manual, days overdue then")
    public Response cancelledInvoices(@HeaderParam("Authorization") String authorization, @HeaderParam("Accept") String accept,
                                      @QueryParam("centerId") String requested, @QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("format") String format) {
        String centerId = access.caller(authorization).centerOf(requested, "centerId");
        LocalDate start = date(from, "from", null);
        LocalDate end = date(to, "to", null);
        List<CancelledInvoices.Row> rows = cancelled.of(centerId, start == null ? null : start.atStartOfDay().toInstant(ZoneOffset.UTC),
                end == null ? null : end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        if (csv(format, accept)) {
            return Response.ok(CancelledInvoices.csv(rows), "text/csv")
                    .header("Content-Disposition", "attachment; filename=\"cancelled-invoices-" + centerId + ".csv\"").build();
        }
        return Response.ok(new Cancelled(centerId, rows), "application/json").build();
    }

    @GET
    @Path("/collections")
    @Operation(summary = "Collections over a period (from, to: local dates, default the last 30 days): invoices by status and stage, "
            + "outstanding amounts, reminders sent, invoices paid within 7 days of a reminder, fees, opt-outs, replies by sentiment")
    public Response collections(@HeaderParam("Authorization") String authorization, @HeaderParam("Accept") String accept,
                                @QueryParam("centerId") String requested, @QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("format") String format) {
        String centerId = access.caller(authorization).centerOf(requested, "centerId");
        LocalDate end = date(to, "to", LocalDate.now(ZoneOffset.UTC).plusDays(1));
        LocalDate start = date(from, "from", end.minusDays(30));
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("to", "must be after from");
        }
        if (start.plusYears(10).isBefore(end)) {
            throw new InvalidRequestException("from", "a period of at most ten years");
        }
        CollectionsReport.Report report = collections.of(centerId, start, end);
        if (csv(format, accept)) {
            return Response.ok(Csv.of(report), "text/csv")
                    .header("Content-Disposition", "attachment; filename=\"collections-" + centerId + ".csv\"").build();
        }
        return Response.ok(report, "application/json").build();
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new InvalidRequestException("format", "is csv or json");
            }
            return format.equals("csv");
        }
        return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    }

    private static LocalDate date(String value, String field, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            app.dunwell.decision.When.check(day, field);
            return day;
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "is not a date (2026-03-01)");
        }
    }
}
