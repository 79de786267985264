package app.dunwell.policy;

import app.dunwell.decision.Channel;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;

/**
 * The policy's settings, after a center's overrides were merged over the defaults in
 * {@code rules/settings.json}. This record only gives the numbers a shape and a type: every value
 * comes from that file or from the center, never from Java. Rules read it as the fact {@code Settings}.
 */
public record Settings(
        Integer dueDays,
        Boolean automationByDefault,
        PreDue preDue,
        Overdue overdue,
        Integer collectionsAfterFinalDays,
        Integer directorCallbackAfterFinalDays,
        AutoCancel autoCancel,
        Boolean stopOnPartialPayment,
        Integer graceDays,
        LateFee lateFee,
        Waiver waiver,
        ContactCap contactCap,
        SendWindow sendWindow,
        List<Channel> channelFallback,
        PaymentPlan paymentPlan,
        Integer replyWindowDays,
        BigDecimal replyMinConfidence) {

    /** Resolved settings are shared by every decision of a center: their lists cannot change. */
    public Settings {
        channelFallback = frozen(channelFallback);
    }

    public record PreDue(Boolean enabled, List<Integer> days) {
        public PreDue {
            days = frozen(days);
        }
    }

    public record Overdue(Boolean enabled, Integer first, Integer second, @JsonProperty("final") Integer finalNotice) {
    }

    public record AutoCancel(Boolean enabled, Integer afterFinalDays) {
    }

    public record LateFee(Boolean enabled, BigDecimal amount, BigDecimal minBalance) {
    }

    public record Waiver(Integer lookbackMonths, Integer minHistory, BigDecimal minOnTimeRate) {
    }

    public record ContactCap(Integer maxContacts, Integer windowDays, Integer minHoursBetween) {
    }

    public record SendWindow(LocalTime start, LocalTime end, List<Weekday> days) {
        public SendWindow {
            days = frozen(days);
        }
    }

    private static <T> List<T> frozen(List<T> list) {
        return list == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    public record PaymentPlan(BigDecimal minBalance, BigDecimal maxInstallment, Integer minInstallments,
                              Integer maxInstallments, Integer intervalDays) {
    }

    /** Every setting's path as {@code settings.json} writes it ({@code lateFee.amount}, {@code overdue.final}), in order. */
    public static java.util.Set<String> paths() {
        java.util.Set<String> paths = new java.util.LinkedHashSet<>();
        collect(Settings.class, "", paths);
        return paths;
    }

    private static void collect(Class<?> type, String prefix, java.util.Set<String> into) {
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
            String name = prefix + (renamed != null ? renamed.value() : c.getName());
            if (c.getType().isRecord()) {
                collect(c.getType(), name + ".", into);
            } else {
                into.add(name);
            }
        }
    }

    /** Day names as the settings write them. */
    public enum Weekday {
        MON, TUE, WED, THU, FRI, SAT, SUN;

        public static Weekday of(java.time.DayOfWeek day) {
            return values()[day.ordinal()];
        }
    }
}
