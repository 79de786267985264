package app.dunwell.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The labeled reply set kept in the repository, split into training and held-out replies. */
public final class LabeledReplies {
    public static final String RESOURCE = "sentiment/replies.jsonl";

    private LabeledReplies() {
    }

    public static List<LabeledReply> load() {
        InputStream in = LabeledReplies.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing " + RESOURCE);
        }
        return read(in);
    }

    /** Labelled replies from a file in the same form (an export of {@code GET /api/v1/replies/labels}). */
    public static List<LabeledReply> read(java.nio.file.Path file) {
        try {
            return read(java.nio.file.Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<LabeledReply> read(InputStream in) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<LabeledReply> replies = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    replies.add(mapper.readValue(line, LabeledReply.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return replies;
    }

    public static List<LabeledReply> training(List<LabeledReply> all) {
        return all.stream().filter(r -> !r.heldOut()).toList();
    }

    public static List<LabeledReply> heldOut(List<LabeledReply> all) {
        return all.stream().filter(LabeledReply::heldOut).toList();
    }
}
