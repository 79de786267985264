package app.dunwell.ruleset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mistakes that compile and then silently do nothing, caught when a ruleset is compiled, each with its file and line:
 * a rule in a phase that {@code phases.txt} does not list (it would never fire) or in none; a pattern on a DMN decision
 * name that no DMN file defines (it would never match); a setting in {@code settings.json} that no rule or table reads, or
 * that is not a setting at all; a DMN table reading a setting that {@code settings.json} does not define (it would read
 * null); a DMN input that is not one of the facts the engine supplies.
 */
final class PolicyChecks {
    /** The settings the service reads itself, outside the rules: due dates from webhooks, the facts' windows. */
    static final Set<String> READ_BY_THE_SERVICE = Set.of("dueDays", "replyWindowDays", "waiver.lookbackMonths", "overdue.final");

    private static final Pattern GROUP = Pattern.compile("\\b(?:ruleflow-group|agenda-group)\\s+\"([^\"]*)\"");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(\"[^\"]*\"|\\S+)");
    private static final Pattern END = Pattern.compile("(?m)^\\s*end\\b");
    private static final Pattern DECISION_PATTERN = Pattern.compile("\\bdecision\\s*==\\s*\"([^\"]+)\"");
    private static final Pattern DMN_DECISION = Pattern.compile("<decision\\b[^>]*\\bname=\"([^\"]+)\"");
    private static final Pattern DMN_INPUT = Pattern.compile("<inputData\\b[^>]*\\bname=\"([^\"]+)\"");
    private static final Pattern DMN_SETTING = Pattern.compile("\\bsettings((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

    private PolicyChecks() {
    }

    static List<RuleFileError> check(RuleFiles files, List<String> phases) {
        List<RuleFileError> errors = new ArrayList<>();
        Map<String, String> drl = files.ofKind(".drl");
        Map<String, String> dmn = files.ofKind(".dmn");
        Map<String, Integer> dmnDecisions = new LinkedHashMap<>();
        dmn.forEach((name, text) -> {
            Matcher decision = DMN_DECISION.matcher(text);
            while (decision.find()) {
                dmnDecisions.put(decision.group(1), 0);
            }
            Matcher input = DMN_INPUT.matcher(text);
            while (input.find()) {
                if (!DmnTables.INPUTS.contains(input.group(1))) {
                    errors.add(new RuleFileError(name, lineOf(text, input.start()), "input '" + input.group(1)
                            + "' is not a fact the engine supplies to tables (" + String.join(", ", DmnTables.INPUTS) + ")"));
                }
            }
        });
        drl.forEach((name, text) -> {
            String code = RuleSourceCheck.codeOnly(text);
            checkPhases(name, text, code, phases, errors);
            Matcher pattern = DECISION_PATTERN.matcher(text);
            while (pattern.find()) {
                if (!dmnDecisions.containsKey(pattern.group(1))) {
                    errors.add(new RuleFileError(name, lineOf(text, pattern.start()), "no DMN file defines a decision named '"
                            + pattern.group(1) + "' (they define " + String.join(", ", dmnDecisions.keySet()) + "): this pattern never matches"));
                }
            }
        });
        checkSettings(files, drl, dmn, errors);
        return errors;
    }

    private static void checkPhases(String name, String text, String code, List<String> phases, List<RuleFileError> errors) {
        Matcher rule = RULE.matcher(text);
        while (rule.find()) {
            if (!code.startsWith("rule", text.indexOf("rule", rule.start()))) {
                continue; // the word in a comment or a string
            }
            Matcher end = END.matcher(code);
            int stop = end.find(rule.end()) ? end.start() : code.length();
            String header = text.substring(rule.start(), stop);
            Matcher group = GROUP.matcher(header.substring(0, Math.max(0, indexOfWhen(header))));
            String ruleName = text.substring(rule.start(1), rule.end(1));
            if (!group.find()) {
                errors.add(new RuleFileError(name, lineOf(text, rule.start()), "rule " + ruleName + " names no phase: add ruleflow-group \"<phase>\" ("
                        + String.join(", ", phases) + ")"));
            } else if (!phases.contains(group.group(1))) {
                errors.add(new RuleFileError(name, lineOf(text, rule.start() + group.start()), "rule " + ruleName + " is in phase '" + group.group(1)
                        + "', which " + RuleFiles.PHASES + " does not list (" + String.join(", ", phases) + "): it would never fire"));
            }
        }
    }

    private static int indexOfWhen(String header) {
        Matcher when = Pattern.compile("(?m)^\\s*when\\b").matcher(header);
        return when.find() ? when.start() : header.length();
    }

    private static void checkSettings(RuleFiles files, Map<String, String> drl, Map<String, String> dmn, List<RuleFileError> errors) {
        String settings = files.contents().get(RuleFiles.SETTINGS);
        if (settings == null) {
            return;
        }
        Map<String, Integer> keys = leafKeys(settings);
        Set<String> known = app.dunwell.policy.Settings.paths();
        StringBuilder drlCode = new StringBuilder();
        drl.values().forEach(t -> drlCode.append(RuleSourceCheck.codeOnly(t)).append('\n'));
        String rules = drlCode.toString();
        StringBuilder dmnText = new StringBuilder();
        dmn.values().forEach(t -> dmnText.append(expressionsOnly(t)).append('\n'));
        keys.forEach((key, line) -> {
            if (!known.contains(key)) {
                errors.add(new RuleFileError(RuleFiles.SETTINGS, line, "'" + key + "' is not a setting of the policy (they are: "
                        + String.join(", ", known) + ")"));
            } else if (!READ_BY_THE_SERVICE.contains(key) && !readByRules(key, rules) && !dmnText.toString().contains("settings." + key)) {
                errors.add(new RuleFileError(RuleFiles.SETTINGS, line, "'" + key + "' is read by no rule and no decision table"));
            }
        });
        dmn.forEach((name, text) -> {
            Matcher setting = DMN_SETTING.matcher(expressionsOnly(text));
            while (setting.find()) {
                String key = setting.group(1).substring(1);
                if (!keys.containsKey(key)) {
                    errors.add(new RuleFileError(name, lineOf(text, setting.start()), "reads settings." + key + ", which "
                            + RuleFiles.SETTINGS + " does not define: it would read null"));
                }
            }
        });
    }

    /** The FEEL expressions of a DMN file (the {@code <text>} elements), everything else blanked out, lines kept. */
    static String expressionsOnly(String dmn) {
        StringBuilder out = new StringBuilder(dmn.length());
        Matcher text = Pattern.compile("(?s)<text>(.*?)</text>").matcher(dmn);
        int at = 0;
        while (text.find()) {
            blank(out, dmn, at, text.start(1));
            out.append(dmn, text.start(1), text.end(1));
            at = text.end(1);
        }
        blank(out, dmn, at, dmn.length());
        return out.toString();
    }

    private static void blank(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append(text.charAt(i) == '\n' ? '\n' : ' ');
        }
    }

    /** A setting {@code group.leaf} is read when the rules name it so, or name both the group and the leaf (a helper function). */
    private static boolean readByRules(String key, String rules) {
        String[] parts = key.split("\\.");
        if (rules.contains(key)) {
            return word(rules, parts[parts.length - 1]);
        }
        for (String part : parts) {
            if (!word(rules, part)) {
                return false;
            }
        }
        return true;
    }

    private static boolean word(String text, String word) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])").matcher(text).find();
    }

    /** Every leaf key of the settings file ({@code lateFee.amount}), with its line. */
    static Map<String, Integer> leafKeys(String json) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            LinkedList<String> path = new LinkedList<>();
            String field = null;
            int fieldLine = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        field = parser.currentName();
                        fieldLine = parser.currentTokenLocation().getLineNr();
                    }
                    case START_OBJECT -> {
                        if (field != null) {
                            path.addLast(field);
                            field = null;
                        }
                    }
                    case END_OBJECT -> {
                        if (!path.isEmpty()) {
                            path.removeLast();
                        }
                    }
                    case START_ARRAY -> {
                        keys.put(join(path, field), fieldLine);
                        parser.skipChildren();
                        field = null;
                    }
                    default -> {
                        if (field != null && token.isScalarValue()) {
                            keys.put(join(path, field), fieldLine);
                            field = null;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // A settings file that is not JSON is refused by the compiler with its own message.
        }
        return keys;
    }

    private static String join(List<String> path, String field) {
        return path.isEmpty() ? field : String.join(".", path) + "." + field;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
