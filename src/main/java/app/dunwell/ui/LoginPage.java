package app.dunwell.ui;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.state.Center;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * Signing in with an API key and out again. The key is checked exactly as the API checks it ({@link Access}); only the
 * session's id goes into the cookie, never the key, and a refused key is not logged. The bootstrap key acts for every
 * center, so it names the one to work on (it may leave it out when there is only one).
 */
@Path("/ui")
public class LoginPage {
    private static final int MAX_KEY = 200;
    private static final int MAX_CENTER = 100;
    private static final String QUEUE = "/ui/queue";
    private static final String POLICY = "/ui/policy";

    private final Access access;
    private final UiSessions sessions;
    private final UiCookies cookies;
    private final CsrfTokens csrf;

    public LoginPage(Access access, UiSessions sessions, UiCookies cookies, CsrfTokens csrf) {
        this.access = access;
        this.sessions = sessions;
        this.cookies = cookies;
        this.csrf = csrf;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(Page page, LoginForm form);
    }

    @TemplateData
    public record LoginForm(String csrf, String message, String notice, String centerId) {
    }

    @GET
    public Response home(@CookieParam(UiSessions.COOKIE) String session) {
        return Response.seeOther(URI.create(sessions.find(session).map(LoginPage::start).orElse("/ui/login"))).build();
    }

    @GET
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    public Response form(@CookieParam(UiSessions.COOKIE) String session, @CookieParam(UiCookies.LOGIN) String login,
                         @QueryParam("signedOut") String signedOut) {
        var signedIn = sessions.find(session);
        if (signedIn.isPresent()) {
            return Response.seeOther(URI.create(start(signedIn.get()))).build();
        }
        return page(200, login, null, signedOut == null ? null : "You are signed out.", null);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@CookieParam(UiCookies.LOGIN) String login, @FormParam(CsrfTokens.FIELD) String token,
                           @FormParam("apiKey") String apiKey, @FormParam("centerId") String centerId) {
        csrf.check(login, token);
        String center = centerId == null || centerId.isBlank() ? null : centerId.strip();
        if (center != null && (center.length() > MAX_CENTER || center.chars().anyMatch(Character::isISOControl))) {
            return page(400, login, "That is not a center id.", null, null);
        }
        if (apiKey == null || apiKey.isBlank()) {
            return page(400, login, "Enter your API key.", null, center);
        }
        if (apiKey.length() > MAX_KEY || apiKey.strip().chars().anyMatch(Character::isWhitespace)) {
            return page(401, login, "That key is not valid: it is unknown or revoked.", null, center);
        }
        Caller caller;
        try {
            caller = access.caller("Bearer " + apiKey.strip());
        } catch (Access.Unauthenticated e) {
            return page(401, login, "That key is not valid: it is unknown or revoked.", null, center);
        }
        String acting;
        if (caller.isBootstrap()) {
            List<String> centers = QuarkusTransaction.requiringNew().call(() -> Center.<Center>listAll().stream().map(c -> c.id).sorted().toList());
            if (center == null && centers.size() != 1) {
                return page(400, login, "This key acts for every center: name the center to work on"
                        + (centers.isEmpty() ? " (there is none yet)." : "."), null, null);
            }
            acting = center == null ? centers.get(0) : center;
            if (!centers.contains(acting)) {
                return page(400, login, "There is no center '" + acting + "'.", null, center);
            }
        } else if (caller.isInstallation()) {
            acting = null;
        } else if (center != null && !center.equals(caller.centerId())) {
            return page(403, login, "This key acts for its own center only; leave the center empty.", null, center);
        } else {
            acting = caller.centerId();
        }
        String id = sessions.open(caller, acting);
        return Response.seeOther(URI.create(acting == null ? POLICY : QUEUE))
                .cookie(cookies.session(id), cookies.cleared(UiCookies.LOGIN)).build();
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(UiSessions.COOKIE) String session, @FormParam(CsrfTokens.FIELD) String token) {
        sessions.requireForm(session, token);
        sessions.close(session);
        return Response.seeOther(URI.create("/ui/login?signedOut=1")).cookie(cookies.cleared(UiSessions.COOKIE)).build();
    }

    /** Where a session starts: the queue, or the policy for an installation key (it acts for no center). */
    private static String start(SignedIn session) {
        return session.centerId() == null ? POLICY : QUEUE;
    }

    /** The sign-in form; its token is bound to the login cookie, issued here when the browser has none yet. */
    private Response page(int status, String login, String message, String notice, String centerId) {
        String value = login != null && login.matches("[A-Za-z0-9_-]{43}") ? login : UiSessions.randomId();
        String html = Templates.login(Page.signedOut("Sign in"), new LoginForm(csrf.tokenFor(value), message, notice, centerId)).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).cookie(cookies.login(value)).build();
    }
}
