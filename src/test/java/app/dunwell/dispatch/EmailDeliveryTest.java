package app.dunwell.dispatch;

import app.dunwell.decision.Channel;
import app.dunwell.messaging.Message;
import app.dunwell.run.SixtyDaySimulationTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Email against a real SMTP server (GreenMail) that answers at once, on a new connection for every message (the profile
 * turns the mailer's keep-alive off). A server this fast used to lose its greeting now and then: the message then waited
 * out the 10 s timeout, or failed on half a greeting, and went out only on a later pass.
 */
@QuarkusTest
@TestProfile(SixtyDaySimulationTest.Providers.class)
class EmailDeliveryTest {
    private static final int MESSAGES = 100;
    private static GreenMail smtp;

    @Inject
    ChannelAdapters adapters;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(SixtyDaySimulationTest.SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Test
    void everyMessageGoesOutOnItsOwnConnectionAtTheFirstTry() throws Exception {
        Message reminder = new Message(Channel.EMAIL, "Invoice INV-1 is past due", "Please pay INV-1.", "template", null);
        smtp.purgeEmailFromAllMailboxes();
        List<String> failures = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            UUID outboxId = UUID.randomUUID();
            try {
                adapters.send(reminder, new ChannelAdapters.Recipient("fam-" + i, "family" + i + "@example.org", null), "INV-1", outboxId);
                sent.add("<" + outboxId + "@dunwell>");
            } catch (DeliveryException e) {
                failures.add("message " + i + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures, "every send succeeded at once");
        List<String> received = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            received.add(mail.getMessageID());
        }
        // Lists, not sets: a message the server got twice would show.
        assertEquals(sent.stream().sorted().toList(), received.stream().sorted().toList(),
                "the server has each message once, under its outbox id");
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnAfterTheTimeoutAndTheNextMessageGoesOut() throws Exception {
        Message reminder = new Message(Channel.EMAIL, "Invoice INV-1 is past due", "Please pay INV-1.", "template", null);
        ChannelAdapters.Recipient family = new ChannelAdapters.Recipient("fam-1", "family@example.org", null);
        smtp.stop();
        // Takes the connection and says nothing: no greeting ever comes.
        ServerSocket silent = new ServerSocket(SixtyDaySimulationTest.SMTP_PORT, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is done with it
            }
        });
        acceptor.start();
        try {
            DeliveryException e = assertThrows(DeliveryException.class, () -> adapters.send(reminder, family, "INV-1", UUID.randomUUID()));
            assertEquals("SMTP: no answer within the mailer's timeout", e.getMessage());
            assertFalse(e.permanent(), "tried again on a later pass");
        } finally {
            silent.close();
            // The port is free only once the acceptor is out of accept(): until then the kernel still listens on it.
            acceptor.join(10_000);
            for (Socket socket : held) {
                socket.close();
            }
            smtp = new GreenMail(new ServerSetup(SixtyDaySimulationTest.SMTP_PORT, "127.0.0.1", "smtp"));
            smtp.start();
        }
        UUID next = UUID.randomUUID();
        adapters.send(reminder, family, "INV-1", next);
        assertEquals("<" + next + "@dunwell>", smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1].getMessageID());
    }

    @Test
    void anAddressTheMailerCannotParseFailsForGoodWithoutSending() {
        int before = smtp.getReceivedMessages().length;
        Message reminder = new Message(Channel.EMAIL, "s", "b", "template", null);
        DeliveryException e = assertThrows(DeliveryException.class, () -> adapters.send(reminder,
                new ChannelAdapters.Recipient("fam-x", "not an address", null), "INV-1", UUID.randomUUID()));
        assertTrue(e.permanent(), e.getMessage());
        assertEquals(before, smtp.getReceivedMessages().length);
    }
}
