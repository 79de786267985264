package app.dunwell.ui;

import app.dunwell.access.Caller;

/**
 * A signed-in session as a page sees it: the caller its key stands for (roles read again on this request), the center
 * it acts for, and the token its forms carry. {@code sessionId} is the cookie's value and never leaves the server's memory.
 */
public record SignedIn(String sessionId, Caller caller, String centerId, String csrf) {
    /** The center this session acts on, checked exactly as the API checks a request naming it. */
    public String center() {
        return caller.centerOf(centerId, "center");
    }

    /** Who is signed in, as a page shows it (the key's name; never the key). */
    public String who() {
        return caller.isBootstrap() ? "installation key" : caller.keyName();
    }
}
