package app.dunwell.ui;

import app.dunwell.ruleset.ActiveRuleset;
import app.dunwell.ruleset.CompiledRuleset;
import app.dunwell.ruleset.RuleFileError;
import app.dunwell.ruleset.RulesetHistory;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.ZoneId;
import java.util.List;

/**
 * The policy that serves ({@link ActiveRuleset}, as {@code GET /api/v1/ruleset} reports it): its version and files, the last
 * change that was refused and why, and the versions that served before ({@link RulesetHistory}). Any signed-in key sees it.
 */
@Path("/ui/policy")
public class PolicyPage {
    private static final int HISTORY = 10;

    private final UiSessions sessions;
    private final ActiveRuleset rulesets;
    private final RulesetHistory history;
    private final Words words;

    public PolicyPage(UiSessions sessions, ActiveRuleset rulesets, RulesetHistory history, Words words) {
        this.sessions = sessions;
        this.rulesets = rulesets;
        this.history = history;
        this.words = words;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance policy(Page page, PolicyView policy);
    }

    @TemplateData
    public record FileRow(String name, String sha256) {
    }

    @TemplateData
    public record Refusal(String at, String version, List<String> errors, List<String> failedScenarios) {
    }

    @TemplateData
    public record Served(String version, String from, String until) {
    }

    @TemplateData
    public record PolicyView(String version, String loadedAt, List<FileRow> files, List<String> warnings, Refusal refused, List<Served> history) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String show(@CookieParam(UiSessions.COOKIE) String cookie) {
        SignedIn session = sessions.require(cookie);
        ZoneId zone = words.zoneOf(session.centerId());
        CompiledRuleset active = rulesets.current().orElse(null);
        List<FileRow> files = active == null ? List.of()
                : active.files().fileHashes().entrySet().stream().map(e -> new FileRow(e.getKey(), e.getValue())).toList();
        Refusal refused = rulesets.lastRejection().map(r -> new Refusal(Words.when(r.at(), zone), r.version(),
                r.errors().stream().map(RuleFileError::toString).toList(),
                r.failedScenarios().stream().map(s -> s.name() + (s.differences().isEmpty() ? "" : ": " + String.join("; ", s.differences())))
                        .toList())).orElse(null);
        List<Served> served = history.list().stream().limit(HISTORY).map(e -> new Served(e.version(), Words.when(e.servedFrom(), zone),
                e.servedUntil() == null ? "now" : Words.when(e.servedUntil(), zone))).toList();
        PolicyView view = new PolicyView(active == null ? null : active.version(), active == null ? null : Words.when(active.loadedAt(), zone), files,
                active == null ? List.of() : active.warnings().stream().map(RuleFileError::toString).toList(), refused, served);
        return Templates.policy(Page.of("Policy", "policy", session), view).render();
    }
}
