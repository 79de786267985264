package app.dunwell.reports;

import java.util.List;
import java.util.stream.Collectors;

/** Reports as CSV (RFC 4180): a header line, then one line per row, fields quoted when they need it. */
public final class Csv {
    private Csv() {
    }

    public static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder(line(header.stream().map(h -> (Object) h).toList()));
        rows.forEach(r -> out.append(line(r)));
        return out.toString();
    }

    private static String line(List<Object> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String field(Object value) {
        String text = value == null ? "" : value instanceof java.math.BigDecimal b ? b.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                : value.toString();
        // A field a spreadsheet would read as a formula is quoted with a leading apostrophe.
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches(".*[\",\r\n].*") || text.startsWith("'") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** The collections report, one line per figure: section, key, count or amount. */
    public static String of(CollectionsReport.Report r) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        r.invoicesByStatus().forEach((k, v) -> rows.add(List.of("invoices by status", k, v)));
        r.funnel().forEach((k, v) -> rows.add(List.of("reached stage", k, v)));
        r.outstandingByStage().forEach((k, v) -> rows.add(List.of("outstanding by stage", k, v)));
        r.remindersSent().forEach(s -> rows.add(List.of("reminders sent", s.kind() + " " + s.channel(), s.count())));
        rows.add(List.of("paid within 7 days of a reminder", "count", r.paidWithin7DaysOfAReminder().count()));
        rows.add(List.of("paid within 7 days of a reminder", "amount", r.paidWithin7DaysOfAReminder().amount()));
        rows.add(List.of("late fees assessed", "count", r.lateFeesAssessed().count()));
        rows.add(List.of("late fees assessed", "amount", r.lateFeesAssessed().amount()));
        rows.add(List.of("late fees waived", "count", r.lateFeesWaived().count()));
        rows.add(List.of("late fees waived", "amount", r.lateFeesWaived().amount()));
        rows.add(List.of("opt-outs", "replies", r.optOuts()));
        r.repliesBySentiment().forEach((k, v) -> rows.add(List.of("replies by sentiment", k, v)));
        return of(List.of("section", "key", "value"), rows);
    }
}
