package app.dunwell.ui;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The collections funnel as bars of an inline SVG drawn on the server: one bar per stage, as long as the invoices that reached it. */
@TemplateData
public record FunnelChart(int width, int height, List<Bar> bars, String summary) {
    static final int WIDTH = 460;
    private static final int ROW = 36;
    private static final int LABEL = 110;
    private static final int LONGEST = 300;
    private static final Map<String, String> COLORS = Map.of("UNPAID", "#1f6feb", "FIRST", "#3b82c4", "SECOND", "#6a8fbf",
            "FINAL", "#c58a00", "COLLECTIONS", "#c2410c", "CANCELLED", "#8a8f98");

    @TemplateData
    public record Bar(String label, long count, int y, int barY, int length, int countX, int textY, String color) {
    }

    static FunnelChart of(Map<String, Long> funnel) {
        long most = funnel.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        List<String> said = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, Long> stage : funnel.entrySet()) {
            long count = stage.getValue();
            int length = most == 0 ? 0 : (int) Math.max(count == 0 ? 0 : 3, Math.round((double) LONGEST * count / most));
            int y = 8 + row * ROW;
            bars.add(new Bar(stage.getKey(), count, y, y + 4, length, LABEL + length + 8, y + 21,
                    COLORS.getOrDefault(stage.getKey(), "#1f6feb")));
            said.add(stage.getKey() + " " + count);
            row++;
        }
        return new FunnelChart(WIDTH, 16 + row * ROW, bars, "Invoices that reached each stage: " + String.join(", ", said));
    }

    /** Where the bars start, and where the stage names end. */
    public int barX() {
        return LABEL;
    }

    public int labelX() {
        return LABEL - 8;
    }
}
