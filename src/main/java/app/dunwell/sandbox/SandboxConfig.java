package app.dunwell.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The walls of the sandbox process that compiles and runs candidate rulesets sent over HTTP. */
@ConfigMapping(prefix = "dunwell.sandbox")
public interface SandboxConfig {
    /** Heap of the sandbox process ({@code -Xmx}); over it, the process ends and the candidate is refused. */
    @WithDefault("384m")
    String memory();

    /** CPU time the sandbox process may use (all its threads); over it, it is killed. */
    @WithDefault("90s")
    Duration cpuTime();

    /** Wall time the sandbox process may take; over it, it is killed. */
    @WithDefault("180s")
    Duration wallTime();

    /** The largest verdict read back (bytes); a bigger answer kills the process. */
    @WithDefault("67108864")
    long maxAnswerBytes();

    /**
     * Run the process in a Linux network namespace of its own (no interface but a loopback that is down), when
     * {@code unshare} is allowed here: {@code auto} tries, {@code always} refuses to run without it, {@code never} skips it.
     */
    @WithDefault("auto")
    String isolateNetwork();

    /** The class path of the sandbox process; by default the application's own, worked out at start-up. */
    Optional<String> classpath();
}
