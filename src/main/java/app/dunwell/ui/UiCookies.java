package app.dunwell.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/** The UI's cookies: HttpOnly, SameSite=Strict, for {@code /ui} only, and Secure unless configured otherwise (plain-http dev). */
@ApplicationScoped
public class UiCookies {
    /** Before sign-in: what the login form's token is bound to. */
    public static final String LOGIN = "dunwell_login";

    private final UiConfig config;

    public UiCookies(UiConfig config) {
        this.config = config;
    }

    public NewCookie session(String id) {
        return cookie(UiSessions.COOKIE, id, (int) config.sessionLength().toSeconds());
    }

    public NewCookie login(String value) {
        return cookie(LOGIN, value, 3600);
    }

    /** Tells the browser to forget a cookie. */
    public NewCookie cleared(String name) {
        return cookie(name, "", 0);
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/ui").httpOnly(true).secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
