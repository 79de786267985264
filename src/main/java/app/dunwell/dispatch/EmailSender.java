package app.dunwell.dispatch;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Sends one email through quarkus-mailer and waits for the SMTP server to take it, for at most
 * {@code quarkus.mailer.timeout}.
 *
 * <p>The send is started on a Vert.x event loop, not on the calling thread, and that is the point of this class. The
 * mail client under quarkus-mailer (vertx-mail-client 4.5; its main branch is the same) installs the socket's reader
 * only once a new connection has come back through its pool. Started from a thread that is not an event loop, that
 * hand-over is a separate task on the loop, and a server that greets at once (a relay on the same host, the tests'
 * GreenMail) can be read before it: the greeting, or its first half, is dropped. The message then waits out the timeout,
 * or fails on the half it kept, and goes out only on a later dispatch pass; with a new connection for every message
 * that was one message in twenty here. Started on the loop, connecting and installing the reader happen in one task,
 * before the loop reads the socket ({@code dispatch/EmailDeliveryTest}).
 */
@ApplicationScoped
class EmailSender {
    private final ReactiveMailer mailer;
    /** One event loop for all email, whatever context the caller has: Vert.x has no public way to ask for a fresh one. */
    private final Executor onTheLoop;
    private final Duration timeout;

    EmailSender(ReactiveMailer mailer, Vertx vertx, @ConfigProperty(name = "quarkus.mailer.timeout") Duration timeout) {
        this.mailer = mailer;
        Context loop = ((VertxInternal) vertx).createEventLoopContext();
        this.onTheLoop = task -> loop.runOnContext(ignored -> task.run());
        this.timeout = timeout;
    }

    /**
     * Sends {@code mail} and waits, as quarkus-mailer's blocking {@code Mailer} does (which subscribes on the calling
     * thread instead); so never call it on an event loop. A send that times out is cancelled.
     *
     * @throws IllegalArgumentException when the mailer cannot parse an address (nothing was sent)
     * @throws io.smallrye.mutiny.TimeoutException when the server has not taken the message within the timeout
     * @throws RuntimeException when the exchange failed; its cause says how
     */
    void send(Mail mail) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("an email is sent from a worker thread, never from an event loop");
        }
        mailer.send(mail).runSubscriptionOn(onTheLoop).await().atMost(timeout);
    }
}
