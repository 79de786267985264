package app.dunwell.reports;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How collections go for a center over a period (its local dates, end exclusive): invoices by status and the funnel of
 * stages, amounts outstanding by stage, reminders sent by kind and channel, invoices paid within 7 days of a reminder,
 * late fees assessed and waived, opt-outs, and replies by sentiment (a person's label wins over the classifier's).
 */
@ApplicationScoped
public class CollectionsReport {
    /** The ladder, in order, for the funnel. */
    public static final List<String> STAGES = List.of("UNPAID", "FIRST", "SECOND", "FINAL", "COLLECTIONS", "CANCELLED");

    /** An invoice's status as a director reads it: one paid in full is PAID whatever the platform last called it. */
    private static final String STATUS = "case when i.status <> 'CANCELLED' and i.balance <= 0 then 'PAID' else i.status end";

    private final EntityManager em;

    public CollectionsReport(EntityManager em) {
        this.em = em;
    }

    public record Count(long count, BigDecimal amount) {
    }

    public record Sent(String kind, String channel, long count) {
    }

    public record Report(String centerId, LocalDate from, LocalDate to, Map<String, Long> invoicesByStatus, Map<String, Long> funnel,
                         Map<String, BigDecimal> outstandingByStage, List<Sent> remindersSent, Count paidWithin7DaysOfAReminder,
                         Count lateFeesAssessed, Count lateFeesWaived, long optOuts, Map<String, Long> repliesBySentiment) {
    }

    @SuppressWarnings("unchecked")
    public Report of(String centerId, LocalDate from, LocalDate to) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String zone = (String) em.createNativeQuery("select timezone from center where id = ?1").setParameter(1, centerId).getSingleResult();
            Map<String, Long> byStatus = new LinkedHashMap<>();
            Map<String, BigDecimal> outstanding = new LinkedHashMap<>();
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select " + STATUS + ", count(*), coalesce(sum(balance) filter (where balance > 0), 0) "
                    + "from invoice i where center_id = ?1 group by 1 order by 1").setParameter(1, centerId).getResultList()) {
                byStatus.put((String) r[0], ((Number) r[1]).longValue());
                if (STAGES.contains(r[0]) && !"CANCELLED".equals(r[0])) {
                    outstanding.put((String) r[0], (BigDecimal) r[2]);
                }
            }
            Map<String, Long> funnel = funnel(centerId);
            List<Sent> sent = ((List<Object[]>) em.createNativeQuery("select kind, channel, count(*) from contact where center_id = ?1 "
                            + "and (sent_at at time zone ?2)::date >= ?3 and (sent_at at time zone ?2)::date < ?4 group by kind, channel order by kind, channel")
                    .setParameter(1, centerId).setParameter(2, zone).setParameter(3, from).setParameter(4, to).getResultList())
                    .stream().map(r -> new Sent((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
            Object[] paid = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(coalesce(i.total, 0)), 0) from invoice i "
                            + "where i.center_id = ?1 and i.paid_on is not null and exists (select 1 from contact c where c.center_id = i.center_id "
                            + "and c.invoice_id = i.external_id and (c.sent_at at time zone ?2)::date >= ?3 and (c.sent_at at time zone ?2)::date < ?4 "
                            + "and i.paid_on >= (c.sent_at at time zone ?2)::date and i.paid_on <= (c.sent_at at time zone ?2)::date + 7)")
                    .setParameter(1, centerId).setParameter(2, zone).setParameter(3, from).setParameter(4, to).getSingleResult();
            Count assessed = fees(centerId, zone, from, to, "invoice.late_fee_assessed");
            Count waived = fees(centerId, zone, from, to, "invoice.late_fee_waived");
            Map<String, Long> replies = new LinkedHashMap<>();
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select coalesce(label_sentiment, sentiment), count(*) from reply "
                            + "where center_id = ?1 and (received_at at time zone ?2)::date >= ?3 and (received_at at time zone ?2)::date < ?4 "
                            + "group by 1 order by 1").setParameter(1, centerId).setParameter(2, zone).setParameter(3, from).setParameter(4, to)
                    .getResultList()) {
                replies.put((String) r[0], ((Number) r[1]).longValue());
            }
            return new Report(centerId, from, to, byStatus, funnel, outstanding, sent,
                    new Count(((Number) paid[0]).longValue(), (BigDecimal) paid[1]), assessed, waived, replies.getOrDefault("OPT_OUT", 0L), replies);
        });
    }

    /**
     * How many invoices reached each stage at least. The highest stage an invoice reached is the highest of its status, the
     * statuses Dunwell moved it from and to, and the statuses the platform sent for it; a paid or cancelled invoice counts at
     * the stages it reached before (every invoice reached UNPAID), a cancelled one at CANCELLED too.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Long> funnel(String centerId) {
        String ladder = "array['UNPAID','FIRST','SECOND','FINAL','COLLECTIONS']";
        List<Object[]> rows = em.createNativeQuery("select i.status = 'CANCELLED', coalesce(greatest(array_position(" + ladder + ", i.status), "
                        + "(select max(greatest(array_position(" + ladder + ", e.data ->> 'from'), array_position(" + ladder + ", e.data ->> 'to'))) "
                        + "   from event e where e.center_id = i.center_id and e.invoice_id = i.external_id and e.type = 'invoice.status_changed'), "
                        + "(select max(array_position(" + ladder + ", w.payload -> 'data' ->> 'status')) from webhook_event w "
                        + "   where w.center_id = i.center_id and w.payload -> 'data' ->> 'invoiceId' = i.external_id)), 1) "
                        + "from invoice i where i.center_id = ?1 and (i.status in ('UNPAID','FIRST','SECOND','FINAL','COLLECTIONS','CANCELLED') "
                        + "or " + STATUS + " = 'PAID')")
                .setParameter(1, centerId).getResultList();
        Map<String, Long> funnel = new LinkedHashMap<>();
        for (int stage = 0; stage < STAGES.size(); stage++) {
            long reached = 0;
            for (Object[] r : rows) {
                boolean cancelled = (Boolean) r[0];
                int highest = ((Number) r[1]).intValue() - 1;
                reached += stage == STAGES.size() - 1 ? (cancelled ? 1 : 0) : (highest >= stage ? 1 : 0);
            }
            funnel.put(STAGES.get(stage), reached);
        }
        return funnel;
    }

    private Count fees(String centerId, String zone, LocalDate from, LocalDate to, String type) {
        Object[] r = (Object[]) em.createNativeQuery("select count(*), coalesce(sum((data ->> 'amount')::numeric), 0) from event "
                        + "where center_id = ?1 and type = ?5 and (occurred_at at time zone ?2)::date >= ?3 and (occurred_at at time zone ?2)::date < ?4")
                .setParameter(1, centerId).setParameter(2, zone).setParameter(3, from).setParameter(4, to).setParameter(5, type).getSingleResult();
        return new Count(((Number) r[0]).longValue(), (BigDecimal) r[1]);
    }
}
