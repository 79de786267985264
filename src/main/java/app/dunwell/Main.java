package app.dunwell;

import app.dunwell.messaging.ReplyBenchmark;
import app.dunwell.ruleset.ValidateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * Starts the service; or, without starting anything, {@code validate [rules-dir] [dmn-dir]} checks a
 * policy (see {@code rules/README.md}) and {@code sentiment-benchmark} measures the reply classifier;
 * {@code run-once} works the day's evaluation runs and one delivery round, then exits (a CronJob).
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateCommand.run(Arrays.asList(args).subList(1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("sentiment-benchmark")) {
            System.exit(args.length > 1 ? ReplyBenchmark.print(System.out, java.nio.file.Path.of(args[1])) : ReplyBenchmark.print(System.out));
        }
        if (args.length > 0 && args[0].equals("run-once")) {
            Quarkus.run(app.dunwell.run.RunOnce.class, args);
            return;
        }
        Quarkus.run(args);
    }
}
