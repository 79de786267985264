package app.dunwell.messaging;

import app.dunwell.decision.Sentiment;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline classifier on replies it has never seen (the held-out split of the labeled set). */
class ReplyBenchmarkTest {

    @Test
    void theLabeledSetIsLargeVariedAndSplit() {
        List<LabeledReply> all = LabeledReplies.load();
        assertTrue(all.size() >= 400, "at least 400 replies: " + all.size());
        EnumSet<Sentiment> seen = EnumSet.noneOf(Sentiment.class);
        all.forEach(r -> seen.add(r.sentiment()));
        assertEquals(EnumSet.allOf(Sentiment.class), seen);
        assertTrue(all.stream().anyMatch(r -> r.lang().equals("es")) && all.stream().anyMatch(r -> r.lang().equals("en")));
        assertTrue(LabeledReplies.heldOut(all).size() >= 100);
        assertEquals(all.size(), all.stream().map(LabeledReply::text).distinct().count(), "no duplicate texts");
    }

    @Test
    void heldOutMacroF1StaysAboveTheFloor() {
        ReplyBenchmark.Result result = ReplyBenchmark.run();
        assertTrue(result.macroF1() >= 0.80, "macro-F1 " + result.macroF1() + " " + result.perClass());
        result.perClass().forEach((s, score) -> assertTrue(score.f1() >= 0.6, s + " F1 " + score.f1()));
        assertTrue(result.promisedOnAccuracy() >= 0.95, "promisedOn " + result.promisedOnAccuracy());
    }
}
