package app.dunwell.reports;

import app.dunwell.state.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The cancelled invoices report: each cancelled invoice of a center with its date, due date, cancelled date, family,
 * amount, whether Dunwell cancelled it (Auto-Cancelled, from its decision) or someone did on the platform (Manual), and
 * how many days overdue it was then. A period narrows it to the invoices cancelled in it.
 */
@ApplicationScoped
public class CancelledInvoices {
    private final EntityManager em;

    public CancelledInvoices(EntityManager em) {
        this.em = em;
    }

    public record Row(String invoice, LocalDate date, LocalDate dueDate, LocalDate cancelledDate, String familyId, String family,
                      BigDecimal amount, String type, Long daysOverdueAtCancellation) {
    }

    public static final List<String> COLUMNS = List.of("invoice", "date", "due date", "cancelled date", "family id", "family",
            "amount", "type", "days overdue at cancellation");

    /** The rows as CSV, one line per invoice under {@link #COLUMNS}. */
    public static String csv(List<Row> rows) {
        List<List<Object>> lines = new java.util.ArrayList<>();
        rows.forEach(r -> lines.add(java.util.Arrays.asList(r.invoice(), r.date(), r.dueDate(), r.cancelledDate(), r.familyId(), r.family(),
                r.amount(), r.type(), r.daysOverdueAtCancellation())));
        return Csv.of(COLUMNS, lines);
    }

    @SuppressWarnings("unchecked")
    public List<Row> of(String centerId, Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ZoneId zone = ZoneId.of((String) em.createNativeQuery("select timezone from center where id = ?1").setParameter(1, centerId)
                    .getSingleResult());
            // Dunwell's own cancellations are its status events; others are the platform's, from the webhook that said so.
            List<Object[]> rows = em.createNativeQuery("select i.external_id, i.issued_on, i.due_on, i.family_id, "
                            + "trim(concat(f.first_name, ' ', f.last_name)), coalesce(i.total, i.balance), "
                            + "(select min(e.occurred_at) from event e where e.center_id = i.center_id and e.invoice_id = i.external_id "
                            + "  and e.type = 'invoice.status_changed' and e.data ->> 'to' = 'CANCELLED') as auto_at, "
                            + "(select min(w.received_at) from webhook_event w where w.center_id = i.center_id "
                            + "  and w.payload -> 'data' ->> 'invoiceId' = i.external_id and w.payload -> 'data' ->> 'status' = 'CANCELLED') as manual_at, "
                            + "i.updated_at from invoice i left join family f on f.center_id = i.center_id and f.external_id = i.family_id "
                            + "where i.center_id = ?1 and i.status = 'CANCELLED' order by i.external_id")
                    .setParameter(1, centerId).getResultList();
            return rows.stream().map(r -> {
                Instant auto = Timestamps.instant(r[6]);
                Instant manual = Timestamps.instant(r[7]);
                boolean byDunwell = auto != null && (manual == null || !manual.isBefore(auto));
                Instant at = byDunwell ? auto : manual != null ? manual : Timestamps.instant(r[8]);
                LocalDate cancelled = at.atZone(zone).toLocalDate();
                LocalDate due = Timestamps.date(r[2]);
                return new Row((String) r[0], Timestamps.date(r[1]), due, cancelled, (String) r[3],
                        (String) r[4], (BigDecimal) r[5], byDunwell ? "Auto-Cancelled" : "Manual",
                        due == null ? null : ChronoUnit.DAYS.between(due, cancelled));
            }).filter(row -> (from == null || !row.cancelledDate().isBefore(from.atZone(zone).toLocalDate()))
                    && (to == null || row.cancelledDate().isBefore(to.atZone(zone).toLocalDate()))).toList();
        });
    }
}
