package app.dunwell.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;

/** One line of a decision's trace: the rule or table that fired, its file, and what it saw. */
@TemplateData
public record Why(String rule, String source, String detail) {
    static List<Why> of(JsonNode trace) {
        List<Why> lines = new ArrayList<>();
        if (trace != null && trace.isArray()) {
            trace.forEach(t -> lines.add(new Why(t.path("rule").asText(""), t.path("source").asText(""), t.path("detail").asText(null))));
        }
        return lines;
    }
}
