package app.dunwell.bench;

import app.dunwell.decision.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random decision requests, as JSON a client would send, weighted to the policy's boundaries:
 * days overdue around every threshold (of the center's own settings when it overrides them), DST weeks in
 * America/New_York, Europe/London and Pacific/Auckland and far zones (Pacific/Kiritimati UTC+14,
 * Pacific/Pago_Pago UTC−11), times around the send window's ends and local midnight, contacts around the
 * 48 h and contact-cap windows, holidays, replies of every sentiment with confidences around the minimum,
 * flags, manual status, partial payments, balances around the late-fee and plan minimums, lookback
 * invoices around the lookback's ends, and settings overrides.
 */
final class Generator {
    private static final ObjectMapper MAPPER = JsonMapping.newMapper();
    private static final String[] CHANNELS = {"EMAIL", "SMS", "IN_APP"};
    private static final String[] SENTIMENTS = {"POSITIVE", "NEUTRAL", "CONFUSED", "FRUSTRATED", "HARDSHIP", "DISPUTE",
            "PROMISE_TO_PAY", "OPT_OUT"};
    private static final String[] TASKS = {"DIRECTOR_CALLBACK", "LATE_FEE_REVIEW", "HARDSHIP_REVIEW", "DISPUTE_REVIEW",
            "STAFF_CALL", "BILLING_QUESTION", "NO_CHANNEL", "REPLY_REVIEW"};
    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    private final Random rnd;

    Generator(long seed) {
        this.rnd = new Random(seed);
    }

    /** The effective numbers of the request's settings, to aim at their boundaries. */
    private static final class Effective {
        int first = 7, second = 14, fin = 30, collections = 7, director = 3, autoCancel = 60, grace = 5;
        List<Integer> preDue = List.of(14, 7, 1);
        BigDecimal feeMin = new BigDecimal("10.00"), planMin = new BigDecimal("300.00");
        int replyWindow = 14, lookbackMonths = 12, maxContacts = 3, windowDays = 7, minHours = 48;
        BigDecimal minConfidence = new BigDecimal("0.6");
        LocalTime start = LocalTime.of(8, 0), end = LocalTime.of(20, 0);
        boolean dstWeek;
    }

    ObjectNode next(int index) {
        ObjectNode request = MAPPER.createObjectNode();
        Effective e = new Effective();
        ObjectNode center = request.putObject("center");
        center.put("id", "ctr-gen");
        String zoneName = pick(new String[]{"America/New_York", "America/New_York", "America/New_York", "America/New_York",
                "UTC", "UTC", "Pacific/Kiritimati", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Pacific/Pago_Pago",
                "Pacific/Auckland", "Europe/London", "America/Los_Angeles", "Asia/Kolkata"});
        if (chance(0.95)) {
            center.put("timezone", zoneName);
        } else {
            zoneName = "UTC"; // the default
        }
        ZoneId zone = ZoneId.of(zoneName);
        if (chance(0.35)) {
            center.set("settings", overrides(e));
        }
        if (gapTime(zoneName) != null && chance(0.03)) {
            // the week of a DST change, a window that opens inside the skipped hour, every day open
            ObjectNode settings = center.has("settings") ? (ObjectNode) center.get("settings") : center.putObject("settings");
            ObjectNode window = settings.putObject("sendWindow");
            window.put("start", gapTime(zoneName)).put("end", "20:00");
            ArrayNode days = window.putArray("days");
            for (String d : DAYS) days.add(d);
            e.start = LocalTime.parse(gapTime(zoneName));
            e.end = LocalTime.of(20, 0);
            e.dstWeek = true;
        }

        // asOf: a local date (often in a DST week) and a local time (often at a window end or near midnight)
        LocalDate date = localDate(zoneName, e.dstWeek);
        LocalTime time = chance(0.55) ? pick(List.of(e.start.minusMinutes(1), e.start, e.start.plusMinutes(1),
                e.end.minusMinutes(1), e.end, e.end.plusMinutes(1), LocalTime.MIDNIGHT, LocalTime.of(0, 30),
                LocalTime.of(23, 30), LocalTime.of(1, 30), LocalTime.of(2, 30), LocalTime.NOON))
                : LocalTime.of(rnd.nextInt(24), rnd.nextInt(60));
        Instant asOf = ZonedDateTime.of(date, time, zone).toInstant();
        if (chance(0.1)) {
            asOf = asOf.plusSeconds(rnd.nextInt(60));
        }
        request.put("asOf", asOf.toString());
        LocalDate today = asOf.atZone(zone).toLocalDate();

        if (chance(0.2)) {
            ArrayNode holidays = center.putArray("holidays");
            for (LocalDate d : List.of(today, today.plusDays(1), today.plusDays(2), today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)),
                    today.plusDays(rnd.nextInt(30)))) {
                if (chance(0.45)) {
                    holidays.add(d.toString());
                }
            }
        }

        // the invoice
        int daysOverdue = daysOverdue(e);
        LocalDate dueOn = today.minusDays(daysOverdue);
        String invoiceId = "INV-" + index;
        ObjectNode invoice = request.putObject("invoice");
        invoice.put("id", invoiceId);
        invoice.put("issuedOn", dueOn.minusDays(30).toString());
        if (chance(0.97)) {
            invoice.put("dueOn", dueOn.toString());
        }
        BigDecimal balance = balance(e);
        String status = status(daysOverdue, e);
        if (status != null) {
            invoice.put("status", status);
        }
        if (chance(0.18)) {
            invoice.put("statusSetManually", chance(0.85));
        }
        if (chance(0.08)) {
            invoice.put("automationEnabled", chance(0.5));
        }
        if (chance(0.5)) {
            invoice.put("lateFeeAssessed", chance(0.6));
        }
        BigDecimal paid = BigDecimal.ZERO;
        if (chance(0.25)) {
            ArrayNode payments = invoice.putArray("payments");
            int n = 1 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                BigDecimal amount = money(1 + rnd.nextInt(300));
                paid = paid.add(amount);
                payments.addObject().put("on", today.minusDays(rnd.nextInt(40)).toString()).put("amount", amount.toPlainString());
            }
        }
        invoice.put("balance", balance.toPlainString()); // money as a string
        if (chance(0.05)) {
            invoice.put("balance", balance.doubleValue()); // requests may also send a JSON number
        }
        invoice.put("total", balance.add(paid).toPlainString());
        invoice.put("currency", "USD");

        // the family
        ObjectNode family = request.putObject("family");
        family.put("id", "fam-gen");
        ObjectNode contact = family.putObject("contact");
        contact.put("firstName", "Ana");
        if (chance(0.8)) {
            contact.put("email", chance(0.04) ? " " : "ana@example.org");
        }
        if (chance(0.55)) {
            contact.put("phone", "+15555550100");
        }
        double p = rnd.nextDouble();
        if (p < 0.4) {
            contact.put("preferredChannel", "EMAIL");
        } else if (p < 0.65) {
            contact.put("preferredChannel", "SMS");
        } else if (p < 0.85) {
            contact.put("preferredChannel", "IN_APP");
        }
        if (chance(0.3)) {
            ArrayNode optedOut = contact.putArray("optedOut");
            for (String c : CHANNELS) {
                if (chance(0.35)) {
                    optedOut.add(c);
                }
            }
        }
        ArrayNode flags = family.putArray("flags");
        if (chance(0.15)) flags.add("HARDSHIP");
        if (chance(0.07)) flags.add("DISPUTE_OPEN");
        if (chance(0.07)) flags.add("PAYMENT_PLAN_ACTIVE");
        if (chance(0.07)) flags.add("MANUAL_REVIEW");

        ObjectNode history = request.putObject("history");
        contacts(history.putArray("contacts"), asOf, zone, today, dueOn, invoiceId, daysOverdue, status, e);
        tasks(history.putArray("tasks"), asOf, invoiceId);
        pastInvoices(history.putArray("pastInvoices"), today, invoiceId, e);
        replies(history.putArray("replies"), asOf, today, e);
        return request;
    }

    private ObjectNode overrides(Effective e) {
        ObjectNode s = MAPPER.createObjectNode();
        if (chance(0.3)) {
            ObjectNode overdue = MAPPER.createObjectNode();
            if (chance(0.6)) overdue.put("first", e.first = 3 + rnd.nextInt(8));
            if (chance(0.5)) overdue.put("second", e.second = 12 + rnd.nextInt(6));
            if (chance(0.4)) overdue.put("final", e.fin = 25 + rnd.nextInt(11));
            if (chance(0.25)) {
                // thresholds out of order (allowed by the settings checks): a stage reached before the one below it
                overdue.put("first", e.first = 15 + rnd.nextInt(6));
                overdue.put("second", e.second = 10 + rnd.nextInt(5));
                if (chance(0.5)) overdue.put("final", e.fin = 8 + rnd.nextInt(10));
            }
            if (chance(0.08)) overdue.put("enabled", false);
            double form = rnd.nextDouble();
            if (form < 0.6) {
                s.set("overdue", overdue);
            } else if (form < 0.85) {
                s.set("overdueDays", overdue); // the contract's alias
            } else {
                overdue.fields().forEachRemaining(f -> s.set("overdue." + f.getKey(), f.getValue())); // dotted keys
            }
        }
        if (chance(0.12)) {
            ObjectNode preDue = s.putObject("preDue");
            if (chance(0.2)) {
                preDue.put("enabled", false);
            } else {
                List<List<Integer>> lists = List.of(List.of(10, 3), List.of(3), List.of(21, 14, 7, 2, 1), List.of(5, 1));
                e.preDue = pick(lists);
                ArrayNode days = preDue.putArray("days");
                e.preDue.forEach(days::add);
            }
        }
        if (chance(0.2)) s.put("stopOnPartialPayment", true);
        if (chance(0.2)) {
            ObjectNode auto = s.putObject("autoCancel");
            auto.put("enabled", chance(0.9));
            if (chance(0.5)) auto.put("afterFinalDays", e.autoCancel = 20 + rnd.nextInt(50));
        }
        if (chance(0.12)) s.put("collectionsAfterFinalDays", e.collections = rnd.nextInt(12));
        if (chance(0.12)) s.put("directorCallbackAfterFinalDays", e.director = rnd.nextInt(6));
        if (chance(0.12)) s.put("graceDays", e.grace = rnd.nextInt(12));
        if (chance(0.15)) {
            ObjectNode fee = s.putObject("lateFee");
            if (chance(0.2)) fee.put("enabled", false);
            if (chance(0.5)) fee.put("amount", pick(new String[]{"15.00", "35.50", "0.00", "12.34"}));
            if (chance(0.5)) fee.put("minBalance", (e.feeMin = new BigDecimal(pick(new String[]{"50.00", "0.00", "100.00", "9.99"}))).toPlainString());
        }
        if (chance(0.15)) {
            ObjectNode waiver = s.putObject("waiver");
            if (chance(0.5)) waiver.put("lookbackMonths", e.lookbackMonths = pick(new Integer[]{1, 6, 24, 0}));
            if (chance(0.5)) waiver.put("minHistory", rnd.nextInt(5));
            if (chance(0.5)) waiver.put("minOnTimeRate", new BigDecimal(pick(new String[]{"0.5", "0.75", "0.8", "1", "0.66", "0.67", "0", "0.6666666666666667"})));
        }
        if (chance(0.15)) {
            ObjectNode cap = s.putObject("contactCap");
            if (chance(0.5)) cap.put("maxContacts", e.maxContacts = 1 + rnd.nextInt(4));
            if (chance(0.5)) cap.put("windowDays", e.windowDays = 1 + rnd.nextInt(10));
            if (chance(0.5)) cap.put("minHoursBetween", e.minHours = pick(new Integer[]{0, 24, 72, 49}));
        }
        if (chance(0.15)) {
            ObjectNode window = s.putObject("sendWindow");
            if (chance(0.5)) {
                String[][] pairs = {{"09:00", "17:00"}, {"07:30", "21:00"}, {"02:30", "23:59"}, {"01:30", "12:00"}, {"00:00", "23:59"}};
                String[] pair = pick(pairs);
                window.put("start", pair[0]).put("end", pair[1]);
                e.start = LocalTime.parse(pair[0]);
                e.end = LocalTime.parse(pair[1]);
            }
            if (chance(0.6)) {
                ArrayNode days = window.putArray("days");
                for (String d : DAYS) {
                    if (chance(0.6)) days.add(d);
                }
                if (days.isEmpty()) days.add("SAT");
            }
        }
        if (chance(0.12)) {
            ArrayNode fallback = s.putArray("channelFallback");
            List<String> all = new ArrayList<>(List.of(CHANNELS));
            java.util.Collections.shuffle(all, rnd);
            int n = rnd.nextInt(4);
            for (int i = 0; i < n; i++) fallback.add(all.get(i));
        }
        if (chance(0.15)) {
            ObjectNode plan = s.putObject("paymentPlan");
            if (chance(0.5)) plan.put("minBalance", (e.planMin = new BigDecimal(pick(new String[]{"100.00", "500.00", "0.00"}))).toPlainString());
            if (chance(0.5)) plan.put("maxInstallment", pick(new String[]{"100.00", "500.00", "333.33", "0.01"}));
            int min = 1 + rnd.nextInt(3);
            if (chance(0.5)) {
                plan.put("minInstallments", min);
                plan.put("maxInstallments", min + rnd.nextInt(10));
            }
            if (chance(0.4)) plan.put("intervalDays", pick(new Integer[]{1, 7, 30}));
        }
        if (chance(0.1)) s.put("replyWindowDays", e.replyWindow = pick(new Integer[]{0, 1, 7, 21}));
        if (chance(0.12)) s.put("replyMinConfidence", (e.minConfidence = new BigDecimal(pick(new String[]{"0.4", "0.8", "0", "1", "0.55"}))));
        if (chance(0.06)) s.put("automationByDefault", false);
        return s;
    }

    /** A send window that opens at a local time the spring DST change skips in the zone (or null for other zones). */
    private static String gapTime(String zone) {
        return switch (zone) {
            case "America/New_York", "America/Los_Angeles", "Pacific/Auckland" -> "02:30";
            case "Europe/London" -> "01:30";
            default -> null;
        };
    }

    private LocalDate localDate(String zone, boolean dstWeek) {
        List<LocalDate> dst = switch (zone) {
            case "America/New_York", "America/Los_Angeles" -> List.of(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 11, 1));
            case "Europe/London" -> List.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25));
            case "Pacific/Auckland" -> List.of(LocalDate.of(2026, 4, 5), LocalDate.of(2026, 9, 27));
            default -> List.of();
        };
        if (!dst.isEmpty() && (dstWeek || chance(0.45))) {
            return pick(dst).plusDays(rnd.nextInt(11) - 5);
        }
        return LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(540));
    }

    private int daysOverdue(Effective e) {
        if (chance(0.2)) {
            return rnd.nextInt(140) - 25;
        }
        List<Integer> points = new ArrayList<>(List.of(0, e.first, e.second, e.fin, e.grace, e.fin + e.director,
                e.fin + e.collections, e.fin + e.autoCancel));
        for (int d : e.preDue) {
            points.add(-d);
        }
        return pick(points) + rnd.nextInt(3) - 1;
    }

    private String status(int daysOverdue, Effective e) {
        double p = rnd.nextDouble();
        if (p < 0.08) {
            return null;
        }
        if (p < 0.12) {
            return chance(0.5) ? "PAID" : "CANCELLED";
        }
        if (p < 0.6) {
            // near where the ladder would be
            String reached = daysOverdue >= e.fin + e.collections ? "COLLECTIONS" : daysOverdue >= e.fin ? "FINAL"
                    : daysOverdue >= e.second ? "SECOND" : daysOverdue >= e.first ? "FIRST" : "UNPAID";
            String[] ladder = {"UNPAID", "FIRST", "SECOND", "FINAL", "COLLECTIONS"};
            int at = List.of(ladder).indexOf(reached);
            return ladder[Math.max(0, at - (chance(0.5) ? 1 : 0))];
        }
        return pick(new String[]{"UNPAID", "UNPAID", "FIRST", "SECOND", "FINAL", "FINAL", "COLLECTIONS", "COLLECTIONS"});
    }

    private BigDecimal balance(Effective e) {
        double p = rnd.nextDouble();
        if (p < 0.03) {
            return new BigDecimal("0.00");
        }
        if (p < 0.6) {
            BigDecimal cent = new BigDecimal("0.01");
            return pick(List.of(cent, new BigDecimal("9.99"), new BigDecimal("10.00"), new BigDecimal("10.01"),
                    e.feeMin.subtract(cent).max(cent), e.feeMin.max(cent), e.feeMin.add(cent),
                    e.planMin.subtract(cent).max(cent), e.planMin.max(cent), e.planMin.add(cent),
                    new BigDecimal("250.00"), new BigDecimal("500.00"), new BigDecimal("850.00"), new BigDecimal("1000.01"),
                    new BigDecimal("2000.00"), new BigDecimal("1499.99"), new BigDecimal("3333.33")));
        }
        return BigDecimal.valueOf(1 + rnd.nextInt(300_000), 2);
    }

    private void contacts(ArrayNode contacts, Instant asOf, ZoneId zone, LocalDate today, LocalDate dueOn, String invoiceId,
                          int daysOverdue, String status, Effective e) {
        int n = pick(new Integer[]{0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6});
        for (int i = 0; i < n; i++) {
            Instant at;
            double p = rnd.nextDouble();
            long jitter = pick(new Long[]{-60L, 0L, 60L, -3600L, 3600L, -1L, 1L});
            if (p < 0.25) {
                at = asOf.minus(Duration.ofHours(e.minHours)).plusSeconds(jitter);
            } else if (p < 0.45) {
                at = asOf.minus(Duration.ofDays(e.windowDays)).plusSeconds(jitter);
            } else if (p < 0.9) {
                at = asOf.minusSeconds(rnd.nextInt(20 * 86_400));
            } else {
                at = asOf.plusSeconds(1 + rnd.nextInt(3 * 86_400)); // after asOf: ignored
            }
            ObjectNode c = contacts.addObject();
            c.put("at", at.toString());
            if (chance(0.95)) c.put("channel", pick(CHANNELS));
            double who = rnd.nextDouble();
            if (who < 0.6) {
                c.put("invoiceId", invoiceId);
            } else if (who < 0.93) {
                c.put("invoiceId", "INV-OTHER");
            }
            kind(c, daysOverdue, e);
        }
        // this invoice's notices: the stage's own (ALREADY_SENT or owed) and the final notice's date
        if (chance(0.3)) {
            String kind = pick(new String[]{"OVERDUE_FIRST", "OVERDUE_SECOND", "OVERDUE_FINAL"});
            contacts.addObject().put("at", asOf.minusSeconds(86_400L * (1 + rnd.nextInt(20))).toString()).put("channel", "EMAIL")
                    .put("invoiceId", invoiceId).put("kind", kind);
        }
        if (("FINAL".equals(status) || "COLLECTIONS".equals(status) || chance(0.1)) && chance(0.6)) {
            int k = pick(new Integer[]{e.director - 1, e.director, e.director + 1, e.collections - 1, e.collections,
                    e.collections + 1, e.autoCancel - 1, e.autoCancel, e.autoCancel + 1, rnd.nextInt(70)});
            LocalTime time = pick(List.of(LocalTime.of(23, 30), LocalTime.of(0, 30), LocalTime.of(15, 0), LocalTime.of(23, 59)));
            Instant at = ZonedDateTime.of(today.minusDays(k), time, zone).toInstant();
            int copies = chance(0.2) ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                contacts.addObject().put("at", at.plusSeconds(i * 86_400L * (1 + rnd.nextInt(5))).toString())
                        .put("channel", pick(CHANNELS)).put("invoiceId", invoiceId).put("kind", "OVERDUE_FINAL");
            }
        }
        if (daysOverdue < 0 && chance(0.25)) {
            contacts.addObject().put("at", asOf.minusSeconds(3600L * (1 + rnd.nextInt(200))).toString()).put("channel", "SMS")
                    .put("invoiceId", invoiceId).put("kind", "PRE_DUE").put("daysBefore", (int) (chance(0.7) ? -daysOverdue : pick(e.preDue)));
        }
        shuffle(contacts);
    }

    private void kind(ObjectNode c, int daysOverdue, Effective e) {
        double p = rnd.nextDouble();
        if (p < 0.35) {
            c.put("kind", "PRE_DUE");
            c.put("daysBefore", (int) (chance(0.5) && daysOverdue < 0 ? -daysOverdue : pick(e.preDue)));
        } else if (p < 0.6) {
            c.put("kind", "OVERDUE_FIRST");
        } else if (p < 0.8) {
            c.put("kind", "OVERDUE_SECOND");
        } else if (p < 0.97) {
            c.put("kind", "OVERDUE_FINAL");
        }
    }

    private void tasks(ArrayNode tasks, Instant asOf, String invoiceId) {
        int n = pick(new Integer[]{0, 0, 0, 1, 1, 2, 3});
        for (int i = 0; i < n; i++) {
            ObjectNode t = tasks.addObject();
            double when = rnd.nextDouble();
            if (when < 0.9) {
                t.put("at", asOf.minusSeconds(rnd.nextInt(30 * 86_400)).toString());
            } else if (when < 0.98) {
                t.put("at", asOf.plusSeconds(1 + rnd.nextInt(86_400)).toString());
            }
            t.put("type", pick(TASKS));
            double who = rnd.nextDouble();
            if (who < 0.75) {
                t.put("invoiceId", invoiceId);
            } else if (who < 0.95) {
                t.put("invoiceId", "INV-OTHER");
            }
        }
    }

    private void pastInvoices(ArrayNode past, LocalDate today, String invoiceId, Effective e) {
        int n = pick(new Integer[]{0, 0, 1, 2, 3, 3, 4, 5, 6});
        LocalDate from = today.minusMonths(e.lookbackMonths);
        for (int i = 0; i < n; i++) {
            LocalDate due = pick(List.of(from, from.minusDays(1), from.plusDays(1), today, today.plusDays(1), today.minusDays(1),
                    today.minusDays(rnd.nextInt(540)), today.minusDays(rnd.nextInt(365))));
            ObjectNode p = past.addObject();
            double who = rnd.nextDouble();
            if (who < 0.93) {
                p.put("id", "PAST-" + i);
            } else if (who < 0.98) {
                p.put("id", invoiceId);
            }
            p.put("dueOn", due.toString());
            double paid = rnd.nextDouble();
            if (paid < 0.45) {
                p.put("paidOn", due.toString());
            } else if (paid < 0.65) {
                p.put("paidOn", due.minusDays(3).toString());
            } else if (paid < 0.8) {
                p.put("paidOn", due.plusDays(1).toString());
            } else if (paid < 0.9) {
                p.put("paidOn", due.plusDays(14).toString());
            }
        }
    }

    private void replies(ArrayNode replies, Instant asOf, LocalDate today, Effective e) {
        int n = pick(new Integer[]{0, 0, 0, 1, 1, 1, 2, 3});
        for (int i = 0; i < n; i++) {
            Instant at;
            double p = rnd.nextDouble();
            if (p < 0.25) {
                at = asOf.minus(Duration.ofDays(e.replyWindow)).plusSeconds(pick(new Long[]{-60L, 0L, 60L, -1L, 1L, 3600L}));
            } else if (p < 0.9) {
                at = asOf.minusSeconds(60L * rnd.nextInt(20 * 24 * 60));
            } else {
                at = asOf.plusSeconds(60L + rnd.nextInt(86_400));
            }
            at = at.plusMillis(i); // no two replies at the same instant
            ObjectNode r = replies.addObject();
            r.put("at", at.toString());
            String sentiment = pick(SENTIMENTS);
            r.put("sentiment", sentiment);
            if ("PROMISE_TO_PAY".equals(sentiment) && chance(0.9)) {
                r.put("promisedOn", today.plusDays(pick(new Integer[]{-1, 0, 0, 1, 7, 20})).toString());
            }
            if (chance(0.5)) r.put("channel", pick(CHANNELS));
            if (chance(0.6)) {
                BigDecimal c = pick(List.of(new BigDecimal("0.59"), new BigDecimal("0.6"), new BigDecimal("0.61"),
                        e.minConfidence.subtract(new BigDecimal("0.01")), e.minConfidence, e.minConfidence.add(new BigDecimal("0.01")),
                        new BigDecimal("0.2"), new BigDecimal("0.95"), BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("0.599999")));
                c = c.max(BigDecimal.ZERO).min(BigDecimal.ONE);
                r.put("confidence", c);
            }
        }
    }

    private void shuffle(ArrayNode array) {
        List<com.fasterxml.jackson.databind.JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        java.util.Collections.shuffle(items, rnd);
        array.removeAll();
        items.forEach(array::add);
    }

    private static BigDecimal money(int dollars) {
        return BigDecimal.valueOf(dollars).setScale(2, RoundingMode.UNNECESSARY);
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }
}
