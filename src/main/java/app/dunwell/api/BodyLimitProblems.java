package app.dunwell.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body above the server's global limit ({@code quarkus.http.limits.max-body-size}) is refused by Vert.x before any
 * resource runs, with an empty 413. This answers it as a problem document instead: at once when the declared length is
 * too big, and when a chunked body grows past the limit.
 */
@ApplicationScoped
public class BodyLimitProblems {
    private final long limit;

    public BodyLimitProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") io.quarkus.runtime.configuration.MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::declaredLength);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::tooLarge);
    }

    private void declaredLength(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    rc.response().headers().set("Connection", "close");
                    respond(rc);
                    return;
                }
            } catch (NumberFormatException e) {
                // Vert.x refuses a malformed length itself.
            }
        }
        rc.next();
    }

    private void tooLarge(RoutingContext rc) {
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            respond(rc);
        } else {
            rc.next();
        }
    }

    private void respond(RoutingContext rc) {
        rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end("{\"type\":\"https://dunwell.app/problems/payload-too-large\",\"title\":\"Request body too large\",\"status\":413,"
                        + "\"detail\":\"the body is larger than " + limit + " bytes, the most this server reads\"}");
    }
}
