package app.dunwell;

import app.dunwell.ruleset.ValidateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * Starts the service, or with {@code validate [rules-dir] [dmn-dir]} checks a policy without starting
 * anything (see {@code rules/README.md}).
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateCommand.run(Arrays.asList(args).subList(1, args.length), System.out));
        }
        Quarkus.run(args);
    }
}
