package app.dunwell.ruleset;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a valid ruleset serves decisions. */
@Readiness
@ApplicationScoped
public class RulesetHealthCheck implements HealthCheck {
    private final ActiveRuleset rulesets;

    public RulesetHealthCheck(ActiveRuleset rulesets) {
        this.rulesets = rulesets;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("ruleset");
        rulesets.current().ifPresentOrElse(
                r -> builder.up().withData("version", r.version()),
                () -> builder.down().withData("reason", "no valid ruleset loaded"));
        rulesets.lastRejection().ifPresent(r -> builder.withData("lastRejected", r.version() + ": " + r.summary()));
        return builder.build();
    }
}
