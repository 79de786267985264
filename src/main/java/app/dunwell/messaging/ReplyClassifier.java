package app.dunwell.messaging;

import app.dunwell.decision.Sentiment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.LocalDate;

/**
 * Reads a family's reply: the configured model when there is one (its sentiment only, checked
 * against the contract's eight), the offline classifier otherwise or when the model fails. The day
 * a promise names is always worked out from the text by {@link PromisedDate}, never by the model.
 */
@ApplicationScoped
public class ReplyClassifier {
    private static final Logger LOG = Logger.getLogger(ReplyClassifier.class);

    private final MessagingConfig config;
    private final ChatModel model;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile OfflineReplyClassifier offline;

    public ReplyClassifier(MessagingConfig config, ChatModel model) {
        this.config = config;
        this.model = model;
    }

    public ReplyClassification classify(String text, LocalDate receivedOn) {
        if (config.llmEnabled()) {
            try {
                return byModel(text, receivedOn);
            } catch (RuntimeException e) {
                LOG.warnf("Reply classified offline: the model failed (%s)", e.toString());
            }
        }
        return offline().classify(text, receivedOn);
    }

    private ReplyClassification byModel(String text, LocalDate receivedOn) {
        String answer = model.chat("Classify the sentiment of this reply from a parent to their child care center about a "
                + "tuition bill. Answer only with JSON {\"sentiment\": one of POSITIVE, NEUTRAL, CONFUSED, FRUSTRATED, HARDSHIP, "
                + "DISPUTE, PROMISE_TO_PAY, OPT_OUT, \"confidence\": a number from 0 to 1}.\nReply: " + text);
        JsonNode json;
        try {
            json = mapper.readTree(answer.strip().replaceFirst("^```(?:json)?", "").replaceFirst("```$", "").strip());
        } catch (Exception e) {
            throw new IllegalStateException("the model did not answer JSON");
        }
        Sentiment sentiment = Sentiment.valueOf(json.path("sentiment").asText("?"));
        double confidence = Math.max(0, Math.min(1, json.path("confidence").asDouble(0.5)));
        LocalDate promisedOn = sentiment == Sentiment.PROMISE_TO_PAY && receivedOn != null
                ? PromisedDate.in(text, receivedOn).orElse(null) : null;
        return new ReplyClassification(sentiment, confidence, promisedOn, "llm");
    }

    private OfflineReplyClassifier offline() {
        OfflineReplyClassifier trained = offline;
        if (trained == null) {
            synchronized (this) {
                if (offline == null) {
                    offline = OfflineReplyClassifier.trainedOn(LabeledReplies.training(LabeledReplies.load()));
                }
                trained = offline;
            }
        }
        return trained;
    }
}
