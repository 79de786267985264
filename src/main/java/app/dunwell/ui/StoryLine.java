package app.dunwell.ui;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** One moment of an invoice's story: when, what happened in a sentence, the points that explain it, and any words quoted. */
@TemplateData
public record StoryLine(String when, String type, String headline, List<String> points, List<Why> rules, String quote, String quoteNote) {
}
