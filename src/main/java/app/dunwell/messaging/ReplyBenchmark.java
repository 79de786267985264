package app.dunwell.messaging;

import app.dunwell.decision.Sentiment;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the offline classifier on the training split and measures it on the held-out replies:
 * per-class precision, recall and F1, and the macro-F1 ({@code java -jar … sentiment-benchmark}).
 */
public final class ReplyBenchmark {
    private ReplyBenchmark() {
    }

    public record ClassScore(double precision, double recall, double f1, int support) {
    }

    public record Result(Map<Sentiment, ClassScore> perClass, double macroF1, double accuracy, int trained, int tested,
                         double promisedOnAccuracy) {
    }

    public static Result run() {
        List<LabeledReply> all = LabeledReplies.load();
        return run(LabeledReplies.training(all), LabeledReplies.heldOut(all));
    }

    /** Trained on the repository's training split, measured on other labelled replies (an export of a center's labels). */
    public static Result runOn(java.nio.file.Path labelled) {
        return run(LabeledReplies.training(LabeledReplies.load()), LabeledReplies.read(labelled));
    }

    private static Result run(List<LabeledReply> train, List<LabeledReply> test) {
        OfflineReplyClassifier classifier = OfflineReplyClassifier.trainedOn(train);
        int[][] confusion = new int[Sentiment.values().length][Sentiment.values().length];
        int datedPromises = 0;
        int datesRight = 0;
        for (LabeledReply reply : test) {
            var zone = java.time.ZoneId.of("America/New_York");
            var receivedOn = reply.receivedAt() == null ? java.time.LocalDate.of(2026, 3, 11) : reply.receivedAt().atZone(zone).toLocalDate();
            ReplyClassification result = classifier.classify(reply.text(), receivedOn);
            confusion[reply.sentiment().ordinal()][result.sentiment().ordinal()]++;
            if (reply.promisedOn() != null) {
                datedPromises++;
                if (reply.promisedOn().equals(PromisedDate.in(reply.text(), receivedOn).orElse(null))) {
                    datesRight++;
                }
            }
        }
        Map<Sentiment, ClassScore> perClass = new EnumMap<>(Sentiment.class);
        double f1Sum = 0;
        int correct = 0;
        for (Sentiment s : Sentiment.values()) {
            int c = s.ordinal();
            int tp = confusion[c][c];
            int predicted = 0;
            int actual = 0;
            for (int i = 0; i < confusion.length; i++) {
                predicted += confusion[i][c];
                actual += confusion[c][i];
            }
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = actual == 0 ? 0 : (double) tp / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.put(s, new ClassScore(precision, recall, f1, actual));
            f1Sum += f1;
            correct += tp;
        }
        return new Result(perClass, f1Sum / Sentiment.values().length, (double) correct / test.size(), train.size(),
                test.size(), datedPromises == 0 ? 1 : (double) datesRight / datedPromises);
    }

    public static int print(PrintStream out) {
        return print(out, run(), "held-out replies");
    }

    /** {@code sentiment-benchmark <labels.jsonl>}: measured on a file of labelled replies instead. */
    public static int print(PrintStream out, java.nio.file.Path labelled) {
        return print(out, runOn(labelled), "labelled replies of " + labelled);
    }

    private static int print(PrintStream out, Result r, String tested) {
        if (r.tested() == 0) {
            out.println("no " + tested + " to measure on");
            return 1;
        }
        out.printf("trained on %d replies, tested on %d %s%n", r.trained(), r.tested(), tested);
        out.printf("%-16s %9s %9s %9s %8s%n", "sentiment", "precision", "recall", "F1", "support");
        r.perClass().forEach((s, c) -> out.printf("%-16s %9.3f %9.3f %9.3f %8d%n", s, c.precision(), c.recall(), c.f1(), c.support()));
        out.printf("macro-F1 %.3f, accuracy %.3f, promisedOn right on %.3f of dated promises%n",
                r.macroF1(), r.accuracy(), r.promisedOnAccuracy());
        return 0;
    }
}
