package app.dunwell.ui;

import io.quarkus.qute.TemplateData;

/** What the layout of every page shows: its title, which tab is open, and for a signed-in page who and the sign-out form's token. */
@TemplateData
public record Page(String title, String active, boolean signedIn, String who, String center, String csrf) {
    public static Page of(String title, String active, SignedIn session) {
        return new Page(title, active, true, session.who(), session.centerId() == null ? "no center" : session.centerId(), session.csrf());
    }

    public static Page signedOut(String title) {
        return new Page(title, "", false, null, null, null);
    }
}
