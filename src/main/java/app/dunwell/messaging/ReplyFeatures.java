package app.dunwell.messaging;

import dev.langchain4j.model.embedding.EmbeddingModel;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What the classifier sees of a reply: its sentence embedding (all-MiniLM-L6-v2, in process) next to
 * hashed word and character n-grams of the folded text, which carry Spanish and typos the English
 * embedding model reads less well.
 */
final class ReplyFeatures {
    static final int HASHED = 4096;

    private final EmbeddingModel embeddings;

    ReplyFeatures(EmbeddingModel embeddings) {
        this.embeddings = embeddings;
    }

    int size() {
        return embeddings.dimension() + HASHED;
    }

    double[] of(String text) {
        float[] embedding = embeddings.embed(text.isBlank() ? "." : text).content().vector();
        double[] features = new double[embedding.length + HASHED];
        for (int i = 0; i < embedding.length; i++) {
            features[i] = embedding[i];
        }
        String folded = fold(text);
        double[] hashed = new double[HASHED];
        String padded = " " + folded + " ";
        for (int n = 3; n <= 5; n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                hashed[Math.floorMod(padded.substring(i, i + n).hashCode(), HASHED)] += 1;
            }
        }
        for (String word : folded.split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                hashed[Math.floorMod(("w:" + word).hashCode(), HASHED)] += 2;
            }
        }
        double norm = 0;
        for (double h : hashed) {
            norm += h * h;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < HASHED; i++) {
            features[embedding.length + i] = norm == 0 ? 0 : hashed[i] / norm;
        }
        return features;
    }

    /** Lower case, accents removed, so "pagué" and "pague" read the same. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "");
    }
}
