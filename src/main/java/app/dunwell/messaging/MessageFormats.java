package app.dunwell.messaging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How amounts and dates are written in messages, one way everywhere, so the guard can find them. */
public final class MessageFormats {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private MessageFormats() {
    }

    public static String money(BigDecimal amount, String currency) {
        String digits = amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
        return currency == null || currency.equals("USD") ? "$" + digits : digits + " " + currency;
    }

    public static String date(LocalDate date) {
        return DATE.format(date);
    }
}
