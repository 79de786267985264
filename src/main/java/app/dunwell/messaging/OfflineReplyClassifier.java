package app.dunwell.messaging;

import app.dunwell.decision.Sentiment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The classifier that needs no network: the all-MiniLM-L6-v2 embedding model runs in process from its
 * Maven jar, and a softmax regression over its embedding and hashed n-grams is trained on the
 * training split of the labeled replies when first used.
 */
public class OfflineReplyClassifier {
    public static final String NAME = "offline-minilm-softmax";
    private static final Sentiment[] LABELS = Sentiment.values();

    private final ReplyFeatures features;
    private final SoftmaxClassifier model;

    private OfflineReplyClassifier(ReplyFeatures features, SoftmaxClassifier model) {
        this.features = features;
        this.model = model;
    }

    /** Trains on the given replies (normally the training split). */
    public static OfflineReplyClassifier trainedOn(List<LabeledReply> replies) {
        ReplyFeatures features = new ReplyFeatures(new AllMiniLmL6V2QuantizedEmbeddingModel());
        List<double[]> x = new ArrayList<>();
        int[] y = new int[replies.size()];
        for (int i = 0; i < replies.size(); i++) {
            x.add(features.of(replies.get(i).text()));
            y[i] = replies.get(i).sentiment().ordinal();
        }
        return new OfflineReplyClassifier(features, SoftmaxClassifier.train(x, y, LABELS.length, 40, 0.2, 1e-4));
    }

    public ReplyClassification classify(String text, LocalDate receivedOn) {
        double[] p = model.probabilities(features.of(text));
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        Sentiment sentiment = LABELS[best];
        LocalDate promisedOn = sentiment == Sentiment.PROMISE_TO_PAY && receivedOn != null
                ? PromisedDate.in(text, receivedOn).orElse(null) : null;
        return new ReplyClassification(sentiment, Math.round(p[best] * 1000) / 1000.0, promisedOn, NAME);
    }
}
