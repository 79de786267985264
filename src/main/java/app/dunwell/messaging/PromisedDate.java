package app.dunwell.messaging;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The day a promise to pay names, in English or Spanish, resolved from the local date the reply was
 * received: a weekday is the soonest such day from today on ("next Friday" moves a week on only when
 * today is Friday); "the 15th" / "el 15" is the next 15th from today on; "tomorrow" / "mañana",
 * "today" / "hoy", "end of the month" / "fin de mes", and dates with a month name.
 */
public final class PromisedDate {
    private static final Map<String, DayOfWeek> WEEKDAYS = new LinkedHashMap<>();
    private static final Map<String, Month> MONTHS = new LinkedHashMap<>();

    static {
        String[][] days = {{"monday", "lunes"}, {"tuesday", "martes"}, {"wednesday", "miercoles"}, {"thursday", "jueves"},
                {"friday", "viernes"}, {"saturday", "sabado"}, {"sunday", "domingo"}};
        for (int i = 0; i < days.length; i++) {
            for (String name : days[i]) {
                WEEKDAYS.put(name, DayOfWeek.of(i + 1));
            }
        }
        WEEKDAYS.put("thurs", DayOfWeek.THURSDAY);
        String[][] months = {{"january", "enero"}, {"february", "febrero"}, {"march", "marzo"}, {"april", "abril"},
                {"may", "mayo"}, {"june", "junio"}, {"july", "julio"}, {"august", "agosto"},
                {"september", "septiembre"}, {"october", "octubre"}, {"november", "noviembre"}, {"december", "diciembre"}};
        for (int i = 0; i < months.length; i++) {
            for (String name : months[i]) {
                MONTHS.put(name, Month.of(i + 1));
            }
        }
    }

    private static final String WEEKDAY = "(" + String.join("|", WEEKDAYS.keySet()) + ")";
    private static final String MONTH = "(" + String.join("|", MONTHS.keySet()) + ")";
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})\\s+(?:de\\s+)?" + MONTH + "\\b");
    private static final Pattern NEXT_WEEKDAY = Pattern.compile("\\b(?:next\\s+" + WEEKDAY + "|(?:el\\s+)?proximo\\s+" + WEEKDAY
            + "|" + WEEKDAY + "\\s+que\\s+viene)\\b");
    private static final Pattern WEEKDAY_ONLY = Pattern.compile("\\b" + WEEKDAY + "\\b");
    private static final Pattern ORDINAL = Pattern.compile("\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b|\\bthe\\s+(\\d{1,2})\\b"
            + "|\\bel\\s+(?:dia\\s+)?(\\d{1,2})\\b(?![.,]\\d|\\s*(?:%|dolares|pesos|usd))");
    private static final Pattern DAY_AFTER_TOMORROW = Pattern.compile("\\b(?:day after tomorrow|pasado manana)\\b");
    private static final Pattern TOMORROW = Pattern.compile("\\b(?:tomorrow|tmrw|tmr)\\b|(?<!la |por la |en la |de la |esta )\\bmanana\\b");
    private static final Pattern TODAY = Pattern.compile("\\b(?:today|tonight|hoy)\\b");
    private static final Pattern END_OF_MONTH = Pattern.compile("\\b(?:end of (?:the |this )?month|fin(?:al)? de(?:l)? mes)\\b");

    private PromisedDate() {
    }

    public static Optional<LocalDate> in(String text, LocalDate today) {
        String t = ReplyFeatures.fold(text);
        Matcher m = ISO.matcher(t);
        if (m.find()) {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        m = MONTH_DAY.matcher(t);
        if (m.find()) {
            return monthDay(MONTHS.get(m.group(1)), Integer.parseInt(m.group(2)), today);
        }
        m = DAY_MONTH.matcher(t);
        if (m.find()) {
            return monthDay(MONTHS.get(m.group(2)), Integer.parseInt(m.group(1)), today);
        }
        m = NEXT_WEEKDAY.matcher(t);
        if (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            DayOfWeek day = WEEKDAYS.get(name);
            return Optional.of(today.getDayOfWeek() == day ? today.plusWeeks(1) : today.with(TemporalAdjusters.nextOrSame(day)));
        }
        m = WEEKDAY_ONLY.matcher(t);
        if (m.find()) {
            return Optional.of(today.with(TemporalAdjusters.nextOrSame(WEEKDAYS.get(m.group(1)))));
        }
        m = ORDINAL.matcher(t);
        while (m.find()) {
            String digits = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            int day = Integer.parseInt(digits);
            if (day >= 1 && day <= 31) {
                LocalDate candidate = dayOfMonthFrom(today, day);
                if (candidate != null) {
                    return Optional.of(candidate);
                }
            }
        }
        if (DAY_AFTER_TOMORROW.matcher(t).find()) {
            return Optional.of(today.plusDays(2));
        }
        if (TOMORROW.matcher(t).find()) {
            return Optional.of(today.plusDays(1));
        }
        if (TODAY.matcher(t).find()) {
            return Optional.of(today);
        }
        if (END_OF_MONTH.matcher(t).find()) {
            return Optional.of(today.with(TemporalAdjusters.lastDayOfMonth()));
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> monthDay(Month month, int day, LocalDate today) {
        if (day < 1 || day > month.maxLength()) {
            return Optional.empty();
        }
        LocalDate date = LocalDate.of(today.getYear(), month, Math.min(day, month.length(today.isLeapYear())));
        return Optional.of(date.isBefore(today) ? date.plusYears(1) : date);
    }

    /** The next date on or after today whose day of the month is {@code day}. */
    private static LocalDate dayOfMonthFrom(LocalDate today, int day) {
        for (int months = 0; months < 12; months++) {
            LocalDate first = today.withDayOfMonth(1).plusMonths(months);
            if (day <= first.lengthOfMonth()) {
                LocalDate candidate = first.withDayOfMonth(day);
                if (!candidate.isBefore(today)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
