package app.dunwell.run;

import app.dunwell.SignedEvents;
import app.dunwell.TestPorts;
import app.dunwell.dispatch.Dispatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 60-day simulation: a center in AUTO mode with four families, lived day by day from Monday
 * 2026-01-05 to Thursday 2026-03-05, checking that every notice the policy owes is sent once and only once,
 * on the day the policy fixes, and nothing else.
 *
 * <p>Each simulated day goes as in production: the billing platform's webhooks of that day (signed, through
 * the real endpoint), the daily run at 07:00 center time ({@code dunwell.runs.daily-at}) through
 * {@code POST /api/v1/runs}, then the dispatcher at 08:00 center time, when the send window opens. Messages go
 * out over SMTP to a real embedded mail server (GreenMail) and over HTTP to a local server standing in for the
 * SMS and in-app providers; the test records what each of them received on which day. The database is the
 * real PostgreSQL of the tests; the center id is fresh, so older data does not matter.
 *
 * <h2>What the policy owes (derived from ../shared/spec/default-policy.md and rules/settings.json)</h2>
 *
 * Settings are the shipped defaults: preDue.days [14, 7, 1]; overdue first/second/final 7/14/30 days;
 * collectionsAfterFinalDays 7; directorCallbackAfterFinalDays 3; graceDays 5; stopOnPartialPayment false;
 * contact cap 3 in 7 days, 48 h apart; send window 08:00–20:00 MON–FRI. The center is in America/New_York
 * (EST for the whole calendar: DST starts 2026-03-08) and closed on 2026-01-19 (Martin Luther King Jr. Day).
 * Each family has one invoice of 850.00, so no family has past invoices: lateCount 0 and no waiver history,
 * hence no payment-plan offer (rule 9) and a late fee is assessed, not waived (rule 8). Every family's
 * notices are at least two days apart, so the contact cap and the 48 hours (rule 11) never move one; only
 * weekends and the holiday do.
 *
 * <ul>
 *   <li><b>Alvarez</b> (email, due Wed 01-21, never pays). Rule 4: PRE_DUE(14) Wed 01-07, PRE_DUE(7) Wed 01-14,
 *       PRE_DUE(1) Tue 01-20. Rule 5: OVERDUE_FIRST Wed 01-28 (7 days), OVERDUE_SECOND Wed 02-04 (14 days),
 *       OVERDUE_FINAL Fri 02-20 (30 days), each with its status. Rule 8: late fee Tue 01-27 (6 days &gt; 5).
 *       Rule 7, counting from the final notice's date 02-20: DIRECTOR_CALLBACK task Mon 02-23 (3 days) and
 *       COLLECTIONS Fri 02-27 (7 days) with no message. Then nothing: no notice belongs to COLLECTIONS.</li>
 *   <li><b>Brooks</b> (email, due Mon 01-26, pays in full Thu 01-29). PRE_DUE(14) Mon 01-12. PRE_DUE(7) is decided
 *       on Mon 01-19, a holiday, so rule 11 moves it to Tue 01-20 08:00, still before the due date. PRE_DUE(1) is
 *       decided on Sun 01-25; the next opening is Mon 01-26 08:00, the due date itself, so rule 4 drops it as
 *       STALE. Paid three days late: no late fee yet (3 is not &gt; 5), no overdue notice (7 days not reached),
 *       and after the payment nothing at all (rule 1, balance 0).</li>
 *   <li><b>Chen</b> (in-app, due Tue 01-27, pays 300.00 on Thu 02-05). PRE_DUE(14) Tue 01-13, PRE_DUE(7) Tue 01-20,
 *       PRE_DUE(1) Mon 01-26, late fee Mon 02-02, OVERDUE_FIRST Tue 02-03. With stopOnPartialPayment false,
 *       rule 6 says "payments change nothing": OVERDUE_SECOND Tue 02-10 and OVERDUE_FINAL Thu 02-26 still go out,
 *       now stating the 550.00 left; DIRECTOR_CALLBACK Sun 03-01 and COLLECTIONS Thu 03-05, the last day.</li>
 *   <li><b>Diaz</b> (SMS, due Sat 01-24, pays in full Sun 02-01). PRE_DUE(14) is decided on Sat 01-10 and goes out
 *       Mon 01-12 08:00 (rule 11: closed days). PRE_DUE(7) is decided on Sat 01-17; Monday is the holiday, so it
 *       goes out Tue 01-20. PRE_DUE(1) Fri 01-23. Late fee Fri 01-30. On Sat 01-31 (7 days overdue) the status
 *       moves to FIRST and OVERDUE_FIRST is decided with notBefore Mon 02-02 08:00 (rule 11). The family pays
 *       in full on Sun 02-01, before that moment comes: from then on the policy owes nothing (rule 1: no
 *       actions when the balance is &lt;= 0), so the first notice must not reach a family that has paid. The
 *       service sends it on Monday all the same: that check is the one disabled test below, until the
 *       dispatcher is fixed.</li>
 * </ul>
 */
@QuarkusTest
@TestProfile(SixtyDaySimulationTest.Providers.class)
public class SixtyDaySimulationTest {
    public static final int SMTP_PORT = TestPorts.named("simulation-smtp");
    static final int HTTP_PORT = TestPorts.named("simulation-http");
    private static final String BOOTSTRAP = "Bearer test-bootstrap-key";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(SixtyDaySimulationTest.class);

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-05");
    private static final int DAYS = 60;
    private static final LocalDate HOLIDAY = LocalDate.parse("2026-01-19");
    private static final LocalTime RUN_AT = LocalTime.of(7, 0);
    private static final LocalTime DISPATCH_AT = LocalTime.of(8, 0);

    /**
     * A family of the center, with its one invoice (850.00, issued 2026-01-02) and how it is reached. Most families
     * also have the other contact details, so a message sent on the wrong channel would still be seen as theirs.
     */
    record Family(String id, String firstName, String channel, String email, String phone, String invoiceId, LocalDate dueOn) {
        /** Who receives a message on a channel: the email address, the phone number, or the family id for in-app. */
        String recipientOn(String channel) {
            return switch (channel) {
                case "EMAIL" -> email;
                case "SMS" -> phone;
                default -> id;
            };
        }
    }

    static final Family ALVAREZ = new Family("fam-alvarez", "Ana", "EMAIL", "ana@alvarez.example.org", null, "INV-ALVAREZ", date("2026-01-21"));
    static final Family BROOKS = new Family("fam-brooks", "Ben", "EMAIL", "ben@brooks.example.org", "+15555550102", "INV-BROOKS", date("2026-01-26"));
    static final Family CHEN = new Family("fam-chen", "Chloe", "IN_APP", "chloe@chen.example.org", "+15555550103", "INV-CHEN", date("2026-01-27"));
    static final Family DIAZ = new Family("fam-diaz", "Dario", "SMS", "dario@diaz.example.org", "+15555550104", "INV-DIAZ", date("2026-01-24"));
    static final List<Family> FAMILIES = List.of(ALVAREZ, BROOKS, CHEN, DIAZ);

    /** The payments of the calendar, fed on their day. */
    record Payment(LocalDate on, Family family, String amount) {
    }

    static final LocalDate DIAZ_PAYS_IN_FULL = date("2026-02-01");
    static final List<Payment> PAYMENTS = List.of(
            new Payment(date("2026-01-29"), BROOKS, "850.00"),
            new Payment(date("2026-02-05"), CHEN, "300.00"),
            new Payment(DIAZ_PAYS_IN_FULL, DIAZ, "850.00"));

    /** A notice the policy owes: its kind, the pre-due day it is for, and the center-local day it goes out. */
    record Notice(LocalDate day, String kind, Integer daysBefore) {
        /** As the family received it (a message does not say which pre-due day it is for). */
        String received(String channel) {
            return day + " " + kind + " by " + channel;
        }

        /** As the service records it in {@code contact}. */
        String recorded(String channel) {
            return day + " " + kind + (daysBefore == null ? "" : "(" + daysBefore + ")") + " by " + channel;
        }
    }

    static Notice preDue(int daysBefore, String day) {
        return new Notice(date(day), "PRE_DUE", daysBefore);
    }

    static Notice overdue(String kind, String day) {
        return new Notice(date(day), "OVERDUE_" + kind, null);
    }

    /** Every notice each family is owed over the 60 days, in order (see the class comment for why). */
    static final Map<Family, List<Notice>> OWED = Map.of(
            ALVAREZ, List.of(preDue(14, "2026-01-07"), preDue(7, "2026-01-14"), preDue(1, "2026-01-20"),
                    overdue("FIRST", "2026-01-28"), overdue("SECOND", "2026-02-04"), overdue("FINAL", "2026-02-20")),
            BROOKS, List.of(preDue(14, "2026-01-12"), preDue(7, "2026-01-20")),
            CHEN, List.of(preDue(14, "2026-01-13"), preDue(7, "2026-01-20"), preDue(1, "2026-01-26"),
                    overdue("FIRST", "2026-02-03"), overdue("SECOND", "2026-02-10"), overdue("FINAL", "2026-02-26")),
            DIAZ, List.of(preDue(14, "2026-01-12"), preDue(7, "2026-01-20"), preDue(1, "2026-01-23")
                    /* and nothing after the payment of 02-01, though OVERDUE_FIRST was waiting for 02-02 */));

    /** The other effects that go with them: late fee, status steps, tasks, by the day of the run that made them. */
    static final Map<Family, List<String>> EFFECTS = Map.of(
            ALVAREZ, List.of("2026-01-27 late fee", "2026-01-28 status FIRST", "2026-02-04 status SECOND",
                    "2026-02-20 status FINAL", "2026-02-23 task DIRECTOR_CALLBACK", "2026-02-27 status COLLECTIONS"),
            BROOKS, List.of(),
            CHEN, List.of("2026-02-02 late fee", "2026-02-03 status FIRST", "2026-02-10 status SECOND",
                    "2026-02-26 status FINAL", "2026-03-01 task DIRECTOR_CALLBACK", "2026-03-05 status COLLECTIONS"),
            DIAZ, List.of("2026-01-30 late fee", "2026-01-31 status FIRST"));

    // ---- The stand-in providers -------------------------------------------------------------------------

    public static class Providers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dunwell.dispatch.smtp.host", "127.0.0.1", "dunwell.dispatch.smtp.port", String.valueOf(SMTP_PORT),
                    "dunwell.dispatch.sms-url", "http://127.0.0.1:" + HTTP_PORT + "/sms",
                    "dunwell.dispatch.in-app-url", "http://127.0.0.1:" + HTTP_PORT + "/in-app",
                    // A new SMTP connection for every message (the other providers' profile keeps them), and a server that
                    // does not answer is given up on sooner than in production: see EmailDeliveryTest.
                    "quarkus.mailer.keep-alive", "false", "quarkus.mailer.timeout", "5s");
        }
    }

    private static GreenMail smtp;
    private static HttpServer providers;
    /** What the HTTP providers received: {channel, JSON body, Idempotency-Key}. */
    private static final List<String[]> POSTED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startProviders() throws IOException {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
        providers = HttpServer.create(new InetSocketAddress("127.0.0.1", HTTP_PORT), 0);
        providers.createContext("/sms", exchange -> {
            POSTED.add(new String[]{"SMS", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key")});
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        providers.createContext("/in-app", exchange -> {
            POSTED.add(new String[]{"IN_APP", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key")});
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        providers.start();
    }

    @AfterAll
    static void stopProviders() {
        if (smtp != null) {
            smtp.stop();
        }
        if (providers != null) {
            providers.stop(0);
        }
    }

    // ---- The simulation, lived once for all the tests of this class -------------------------------------

    /**
     * One message as a provider received it, on the simulated day of the dispatch that sent it, with the outbox row it
     * names ({@code Message-ID: <id@dunwell>} on email, {@code Idempotency-Key: id} on SMS and in-app).
     */
    record Delivery(LocalDate day, String channel, String recipient, String kind, String text, String outboxId) {
        boolean isFor(Family family) {
            return recipient.equals(family.recipientOn(channel));
        }
    }

    private static String center;
    private static String secret;
    private static final List<Delivery> DELIVERIES = new ArrayList<>();
    private static final Map<String, List<String>> EFFECTS_SEEN = new HashMap<>();
    private static Instant lastDispatch;
    private static Throwable simulationFailed;
    private static int postsSeen;

    @Inject
    Dispatcher dispatcher;
    @Inject
    EntityManager em;

    @BeforeEach
    void liveTheSixtyDaysOnce() throws Throwable {
        if (center == null) {
            try {
                simulate();
            } catch (Throwable t) {
                simulationFailed = t;
            }
        }
        if (simulationFailed != null) {
            throw simulationFailed;
        }
    }

    private void simulate() throws Exception {
        long started = System.nanoTime();
        createCenter();
        Map<String, Set<String>> before = new HashMap<>();
        for (int i = 0; i < DAYS; i++) {
            LocalDate day = FIRST_DAY.plusDays(i);
            feedWebhooksOf(day);
            runAt(day.atTime(RUN_AT).atZone(ZONE).toInstant());
            before = noteEffects(day, before);
            lastDispatch = day.atTime(DISPATCH_AT).atZone(ZONE).toInstant();
            dispatcher.dispatchDue(lastDispatch, center);
            collectDeliveries(day);
        }
        LOG.infof("Simulated %d days of center %s in %d ms: %d messages", DAYS, center, (System.nanoTime() - started) / 1_000_000,
                DELIVERIES.size());
    }

    private void createCenter() {
        center = "ctr-sim-" + UUID.randomUUID().toString().substring(0, 8);
        secret = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("id", center, "name", "Little Acorns", "timezone", ZONE.getId(), "mode", "AUTO",
                        "holidays", List.of(HOLIDAY.toString())))
                .post("/api/v1/centers").then().statusCode(201).extract().path("webhookSecret");
    }

    /** The billing platform's events of one day: the families and their invoices on the first day, then payments. */
    private void feedWebhooksOf(LocalDate day) throws Exception {
        if (day.equals(FIRST_DAY)) {
            for (Family f : FAMILIES) {
                Map<String, Object> family = new LinkedHashMap<>(Map.of("familyId", f.id(), "firstName", f.firstName(),
                        "preferredChannel", f.channel(), "email", f.email(), "children", List.of(Map.of("firstName", "Sam"))));
                if (f.phone() != null) {
                    family.put("phone", f.phone());
                }
                event("family.updated", family);
                event("invoice.created", Map.of("invoiceId", f.invoiceId(), "familyId", f.id(), "issuedOn", "2026-01-02",
                        "dueOn", f.dueOn().toString(), "total", "850.00"));
            }
        }
        for (Payment p : PAYMENTS) {
            if (p.on().equals(day)) {
                event("payment.succeeded", Map.of("paymentId", "pay-" + p.family().id(), "invoiceId", p.family().invoiceId(),
                        "amount", p.amount(), "paidOn", day.toString()));
            }
        }
    }

    private void event(String type, Map<String, Object> data) {
        new SignedEvents(center, secret).send(type, data);
    }

    /** The daily run: started over HTTP as of that moment, followed until it has decided every open invoice. */
    private void runAt(Instant asOf) throws InterruptedException {
        String id = given().contentType(ContentType.JSON).header("Authorization", BOOTSTRAP)
                .body(Map.of("centerId", center, "asOf", asOf.toString()))
                .post("/api/v1/runs").then().statusCode(202).extract().path("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Map<String, Object> status = given().header("Authorization", BOOTSTRAP).get("/api/v1/runs/" + id)
                    .then().statusCode(200).extract().as(Map.class);
            if (status.get("finishedAt") != null) {
                assertEquals(0, status.get("failed"), "the run of " + asOf + " failed on an invoice: " + status);
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "the run of " + asOf + " did not finish");
            Thread.sleep(20);
        }
    }

    /** Records, per invoice, the late fee, status and tasks that appeared with this day's run. */
    private Map<String, Set<String>> noteEffects(LocalDate day, Map<String, Set<String>> before) {
        Map<String, Set<String>> now = new HashMap<>();
        for (Object[] row : rows("select external_id, 'status ' || status from invoice where center_id = ?1 "
                + "union all select external_id, 'late fee' from invoice where center_id = ?1 and late_fee_assessed "
                + "union all select invoice_id, 'task ' || type from task where center_id = ?1")) {
            now.computeIfAbsent((String) row[0], k -> new TreeSet<>()).add((String) row[1]);
        }
        now.forEach((invoice, facts) -> facts.stream()
                .filter(fact -> !before.getOrDefault(invoice, Set.of()).contains(fact))
                .filter(fact -> !(fact.equals("status UNPAID") && !before.containsKey(invoice)))
                .forEach(fact -> EFFECTS_SEEN.computeIfAbsent(invoice, k -> new ArrayList<>()).add(day + " " + fact)));
        return now;
    }

    /** Takes what GreenMail and the HTTP providers received since the last look, as deliveries of this day. */
    private void collectDeliveries(LocalDate day) throws Exception {
        // GreenMail lists messages mailbox by mailbox, not in arrival order: take them all, then empty the mailboxes.
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            String subject = mail.getSubject();
            String messageId = mail.getMessageID();
            DELIVERIES.add(new Delivery(day, "EMAIL", mail.getAllRecipients()[0].toString(), kindOf(subject),
                    subject + "\n" + mail.getContent(), messageId != null && messageId.matches("<[^@>]+@dunwell>")
                            ? messageId.substring(1, messageId.indexOf('@')) : "not an outbox id: " + messageId));
        }
        smtp.purgeEmailFromAllMailboxes();
        for (; postsSeen < POSTED.size(); postsSeen++) {
            String channel = POSTED.get(postsSeen)[0];
            JsonNode body = MAPPER.readTree(POSTED.get(postsSeen)[1]);
            String text = body.path("subject").asText("") + "\n" + body.path("body").asText() + "\n" + body.path("invoiceId").asText();
            DELIVERIES.add(new Delivery(day, channel, body.path(channel.equals("SMS") ? "to" : "familyId").asText(),
                    kindOf(text), text, POSTED.get(postsSeen)[2]));
        }
    }

    /** Which notice a message is, from the shipped templates' wording (templates/messages/KIND.CHANNEL.txt). */
    static String kindOf(String text) {
        String t = text.toLowerCase();
        if (t.contains("final notice")) return "OVERDUE_FINAL";
        if (t.contains("second notice")) return "OVERDUE_SECOND";
        if (t.contains("past due") || t.contains("still open")) return "OVERDUE_FIRST";
        if (t.contains(" is due ")) return "PRE_DUE";
        throw new AssertionError("a message that is no known notice: " + text);
    }

    // ---- Reading the results --------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... more) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql).setParameter(1, center);
            for (int i = 0; i < more.length; i++) {
                query.setParameter(i + 2, more[i]);
            }
            return (List<Object[]>) query.getResultList();
        });
    }

    /** Rows as text, for readable failures. */
    private List<String> rowsAsText(String sql, Object... more) {
        return rows(sql, more).stream().map(r -> Stream.of(r).map(String::valueOf).collect(Collectors.joining(" "))).toList();
    }

    /** What the providers delivered to the family up to a day: "day kind by channel". */
    private List<String> received(Family family, LocalDate through) {
        return DELIVERIES.stream().filter(d -> d.isFor(family) && !d.day().isAfter(through))
                .map(d -> d.day() + " " + d.kind() + " by " + d.channel()).toList();
    }

    /** The family's contacts as the service recorded them, by the center-local day they were sent. */
    private List<String> recorded(Family family, LocalDate through) {
        return rows("select to_char(sent_at at time zone cast(?2 as text), 'YYYY-MM-DD'), kind, days_before, channel from contact "
                + "where center_id = ?1 and family_id = ?3 order by sent_at", ZONE.getId(), family.id()).stream()
                .filter(r -> !date((String) r[0]).isAfter(through))
                .map(r -> r[0] + " " + r[1] + (r[2] == null ? "" : "(" + r[2] + ")") + " by " + r[3]).toList();
    }

    /** The family's outbox rows that went out, by the day they were sent: "day kind(daysBefore)". */
    private List<String> sentFromOutbox(Family family, LocalDate through) {
        return rows("select to_char(sent_at at time zone cast(?2 as text), 'YYYY-MM-DD'), kind, days_before from outbox "
                + "where center_id = ?1 and family_id = ?3 and state = 'SENT' order by sent_at", ZONE.getId(), family.id()).stream()
                .filter(r -> !date((String) r[0]).isAfter(through))
                .map(r -> r[0] + " " + r[1] + (((Number) r[2]).intValue() < 0 ? "" : "(" + r[2] + ")")).toList();
    }

    /** Every notice the family is owed arrived exactly once, on its day, on its channel; nothing else arrived. */
    private void assertNoticesOf(Family family) {
        assertNoticesOf(family, LocalDate.MAX);
    }

    /** The same, for the days up to {@code through}. */
    private void assertNoticesOf(Family family, LocalDate through) {
        List<Notice> owed = OWED.get(family).stream().filter(n -> !n.day().isAfter(through)).toList();
        assertEquals(owed.stream().map(n -> n.received(family.channel())).toList(), received(family, through),
                family.id() + ": what the providers received (day, notice, channel)");
        assertEquals(owed.stream().map(n -> n.recorded(family.channel())).toList(), recorded(family, through),
                family.id() + ": the contacts the service recorded");
        assertEquals(owed.stream().map(n -> n.day() + " " + n.kind() + (n.daysBefore() == null ? "" : "(" + n.daysBefore() + ")"))
                .toList(), sentFromOutbox(family, through), family.id() + ": the outbox rows sent");
        DELIVERIES.stream().filter(d -> d.isFor(family)).forEach(d -> assertTrue(d.text().contains(family.invoiceId())
                && d.text().contains(family.firstName()), "names the family's invoice and first name: " + d));
    }

    private void assertEffectsOf(Family family) {
        assertEquals(EFFECTS.get(family), EFFECTS_SEEN.getOrDefault(family.invoiceId(), List.of()),
                family.id() + ": late fee, status steps and tasks, by day");
    }

    // ---- The checks -------------------------------------------------------------------------------------

    @Test
    void aFamilyThatNeverPaysGetsThreePreDueRemindersThenTheFirstSecondAndFinalNoticeOnceEach() {
        assertNoticesOf(ALVAREZ);
        assertEffectsOf(ALVAREZ);
    }

    @Test
    void aFamilyThatPaysInFullThreeDaysLateGetsOnlyThePreDueRemindersThatCouldArriveBeforeTheDueDate() {
        assertNoticesOf(BROOKS);
        assertEffectsOf(BROOKS);
    }

    @Test
    void aPartialPaymentChangesNothingButTheBalanceTheNextNoticesState() {
        assertNoticesOf(CHEN);
        assertEffectsOf(CHEN);
        Map<String, String> balanceStated = new LinkedHashMap<>();
        DELIVERIES.stream().filter(d -> d.isFor(CHEN))
                .forEach(d -> balanceStated.put(d.day() + " " + d.kind(), d.text().contains("$850.00") ? "$850.00"
                        : d.text().contains("$550.00") ? "$550.00" : "no balance"));
        assertEquals(Map.of("2026-01-13 PRE_DUE", "$850.00", "2026-01-20 PRE_DUE", "$850.00", "2026-01-26 PRE_DUE", "$850.00",
                "2026-02-03 OVERDUE_FIRST", "$850.00", "2026-02-10 OVERDUE_SECOND", "$550.00",
                "2026-02-26 OVERDUE_FINAL", "$550.00"), balanceStated);
    }

    @Test
    void aFamilyOnSmsGetsItsPreDueRemindersOnTheNextOpenDayAfterAWeekendOrTheHoliday() {
        assertNoticesOf(DIAZ, DIAZ_PAYS_IN_FULL.minusDays(1));
        assertEffectsOf(DIAZ);
    }

    @Test
    void aFamilyThatPaysWhileItsFirstNoticeWaitsForMondayGetsNothingAfterThePayment() {
        // Decided Sat 01-31 (no weekend sending: queued for Mon 02-02), paid in full Sun 02-01: asked again at send time,
        // the policy owes nothing, so the notice is withdrawn instead of sent.
        assertNoticesOf(DIAZ);
        assertEquals(List.of("INV-DIAZ OVERDUE_FIRST WITHDRAWN"), rowsAsText("select invoice_id, kind, state from outbox "
                + "where center_id = ?1 and invoice_id = 'INV-DIAZ' and state <> 'SENT'"));
    }

    @Test
    void theProvidersTheContactsAndTheOutboxAgreeAndNothingWasLeftBehind() {
        assertTrue(DELIVERIES.stream().allMatch(d -> FAMILIES.stream().anyMatch(d::isFor)), "every message went to a family of the center");
        assertEquals(DELIVERIES.size(), rows("select id, kind from contact where center_id = ?1").size(),
                "one contact per message received");
        assertEquals(DELIVERIES.size(), rows("select id, kind from outbox where center_id = ?1 and state = 'SENT' and attempts = 1").size(),
                "one outbox row per message, sent at the first attempt");
        assertEquals(new TreeSet<>(rowsAsText("select cast(id as text), channel from outbox where center_id = ?1 and state = 'SENT'")),
                DELIVERIES.stream().map(d -> d.outboxId() + " " + d.channel()).collect(Collectors.toCollection(TreeSet::new)),
                "each message names its own outbox row (Message-ID, Idempotency-Key), once");
        assertEquals(List.of(), rowsAsText("select invoice_id, kind, state from outbox where center_id = ?1 "
                + "and state in ('FAILED', 'AWAITING_APPROVAL', 'DRAFT', 'REJECTED')"), "nothing failed, waited for approval or stayed a draft");
        assertEquals(List.of(), rowsAsText("select invoice_id, type from task where center_id = ?1 and type = 'NO_CHANNEL'"),
                "every family was reachable on its channel");
        assertEquals(List.of(), rowsAsText("select o.invoice_id, o.kind from outbox o join invoice i on i.center_id = o.center_id "
                        + "and i.external_id = o.invoice_id where o.center_id = ?1 and o.state = 'PENDING' and i.balance > 0 "
                        + "and o.not_before <= ?2", lastDispatch),
                "no reminder of an open invoice left behind by the once-a-day dispatch");
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}
