package app.dunwell.ruleset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the policy's rule files live. When neither directory exists, the copy packaged in the application is used. */
@ConfigMapping(prefix = "dunwell.policy")
public interface PolicyConfig {
    /** DRL files and {@code settings.json}. */
    @WithDefault("rules")
    String rulesDir();

    /** DMN decision tables. */
    @WithDefault("dmn")
    String dmnDir();

    /** The analysts' scenarios, which gate every ruleset: by default {@code <rules-dir>/tests}. */
    java.util.Optional<String> testsDir();

    /**
     * A candidate ruleset an operator loads as a shadow (DRL and settings; {@link #shadowDmnDir()} for its DMN): every
     * live decision is also decided by it, off the request path, and the differences are counted; nothing of its
     * outcome is acted on. Promote it by moving its files into the served directories.
     */
    java.util.Optional<String> shadowRulesDir();

    java.util.Optional<String> shadowDmnDir();

    /** How often the directories are checked for a changed ruleset (hot reload). */
    @WithDefault("2s")
    java.time.Duration reloadInterval();
}
