package app.dunwell.ruleset;

import app.dunwell.decision.InvalidRequestException;
import app.dunwell.decision.JsonMapping;
import app.dunwell.policy.SettingsResolver;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.io.Resource;
import org.kie.api.KieBase;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.kie.dmn.validation.DMNValidator.Validation.ANALYZE_DECISION_TABLE;
import static org.kie.dmn.validation.DMNValidator.Validation.VALIDATE_COMPILATION;
import static org.kie.dmn.validation.DMNValidator.Validation.VALIDATE_MODEL;
import static org.kie.dmn.validation.DMNValidator.Validation.VALIDATE_SCHEMA;

/**
 * Compiles and validates a set of rule files into a {@link CompiledRuleset}, or rejects it with every
 * error's file, line and message. DRL goes through the KIE builder, DMN through the kie-dmn
 * validator (schema, model, compilation, decision-table analysis) before it is compiled, and the
 * settings file must give every setting a valid value.
 */
public final class RulesetCompiler {
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final ObjectMapper MAPPER = JsonMapping.newMapper();

    static {
        // Drools compiles large packages on its own fork-join pool; from a scheduler thread (hot reload)
        // that pool's class lookups crawl. A policy of a few dozen rules compiles fast enough in one thread.
        if (System.getProperty("drools.parallelRulesBuildThreshold") == null) {
            System.setProperty("drools.parallelRulesBuildThreshold", "-1");
        }
    }

    private RulesetCompiler() {
    }

    public static CompiledRuleset compile(RuleFiles files, Instant loadedAt) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RememberingClassLoader.INSTANCE);
        try {
            return compileWithAppClassLoader(files, loadedAt);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static CompiledRuleset compileWithAppClassLoader(RuleFiles files, Instant loadedAt) {
        List<RuleFileError> errors = new ArrayList<>();
        SettingsResolver settings = settings(files, errors);
        Map<String, String> drl = files.ofKind(".drl");
        Map<String, String> dmn = files.ofKind(".dmn");
        if (drl.isEmpty()) {
            errors.add(new RuleFileError("rules/", 0, "no DRL file found"));
        }
        List<String> phases = phases(files, errors);
        List<RuleFileError> unsafe = RuleSourceCheck.check(drl, dmn);
        if (!unsafe.isEmpty()) {
            errors.addAll(unsafe);
            throw new RulesetRejectedException(errors);
        }
        KieBase kieBase = drl.isEmpty() ? null : compileDrl(drl, errors);
        List<RuleFileError> warnings = new ArrayList<>();
        validateDmn(dmn, errors, warnings);
        DMNRuntime dmnRuntime = errors.isEmpty() ? compileDmn(dmn, errors) : null;
        if (errors.isEmpty()) {
            errors.addAll(PolicyChecks.check(files, phases));
        }
        if (!errors.isEmpty()) {
            throw new RulesetRejectedException(errors);
        }
        return new CompiledRuleset(files, loadedAt, kieBase, dmnRuntime, settings, warnings, phases);
    }

    /** The phases in {@code phases.txt}: one name a line, in the order they run; {@code #} starts a comment. */
    static List<String> phases(RuleFiles files, List<RuleFileError> errors) {
        String text = files.contents().get(RuleFiles.PHASES);
        if (text == null) {
            errors.add(new RuleFileError(RuleFiles.PHASES, 0, "missing: the phases of the policy, one a line, in the order they run"));
            return List.of();
        }
        List<String> phases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                errors.add(new RuleFileError(RuleFiles.PHASES, i + 1, "'" + line + "' is not a phase name (letters, digits, '-' and '_')"));
            } else if (phases.contains(line)) {
                errors.add(new RuleFileError(RuleFiles.PHASES, i + 1, "phase '" + line + "' is listed twice"));
            } else {
                phases.add(line);
            }
        }
        if (phases.isEmpty() && errors.stream().noneMatch(e -> e.file().equals(RuleFiles.PHASES))) {
            errors.add(new RuleFileError(RuleFiles.PHASES, 0, "names no phase"));
        }
        return List.copyOf(phases);
    }

    private static SettingsResolver settings(RuleFiles files, List<RuleFileError> errors) {
        String text = files.contents().get(RuleFiles.SETTINGS);
        if (text == null) {
            errors.add(new RuleFileError(RuleFiles.SETTINGS, 0, "missing: the default settings of the policy"));
            return null;
        }
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (!(tree instanceof ObjectNode object)) {
                errors.add(new RuleFileError(RuleFiles.SETTINGS, 1, "must be a JSON object"));
                return null;
            }
            SettingsResolver resolver = new SettingsResolver(MAPPER, object);
            resolver.defaults("settings");
            return resolver;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            errors.add(new RuleFileError(RuleFiles.SETTINGS, line, e.getOriginalMessage()));
        } catch (InvalidRequestException e) {
            e.errors().forEach(f -> errors.add(new RuleFileError(RuleFiles.SETTINGS, 0, f.field() + " " + f.message())));
        }
        return null;
    }

    private static KieBase compileDrl(Map<String, String> drl, List<RuleFileError> errors) {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem kfs = kie.newKieFileSystem();
        ReleaseId releaseId = kie.newReleaseId("app.dunwell", "policy", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        drl.forEach((name, text) -> kfs.write("src/main/resources/" + name, text));
        ClassLoader classLoader = RememberingClassLoader.INSTANCE;
        KieBuilder builder;
        try {
            builder = kie.newKieBuilder(kfs, classLoader).buildAll();
        } catch (RuntimeException crash) {
            kie.getRepository().removeKieModule(releaseId);
            errors.addAll(whoCrashed(drl, crash));
            return null;
        }
        List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
        if (!messages.isEmpty()) {
            for (Message m : messages) {
                errors.add(new RuleFileError(m.getPath() == null ? "rules/" : m.getPath(), Math.max(m.getLine(), 0),
                        m.getText().strip()));
            }
            kie.getRepository().removeKieModule(releaseId);
            return null;
        }
        try {
            return kie.newKieContainer(releaseId, classLoader).getKieBase();
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * Some malformed DRL makes the Drools compiler throw instead of reporting an error. Compiling each
     * file alone finds the file that makes it throw; the line is not known then.
     */
    private static List<RuleFileError> whoCrashed(Map<String, String> drl, RuntimeException crash) {
        KieServices kie = KieServices.Factory.get();
        List<RuleFileError> culprits = new ArrayList<>();
        drl.forEach((name, text) -> {
            KieFileSystem alone = kie.newKieFileSystem();
            ReleaseId releaseId = kie.newReleaseId("app.dunwell", "policy-check", "1.0." + BUILDS.incrementAndGet());
            alone.generateAndWritePomXML(releaseId);
            alone.write("src/main/resources/" + name, text);
            try {
                kie.newKieBuilder(alone, RememberingClassLoader.INSTANCE).buildAll();
            } catch (RuntimeException e) {
                culprits.add(new RuleFileError(name, 0, "the DRL compiler failed on this file (" + e + "): look for an unbalanced "
                        + "bracket or parenthesis in a consequence, such as a modify block"));
            } finally {
                kie.getRepository().removeKieModule(releaseId);
            }
        });
        if (culprits.isEmpty()) {
            culprits.add(new RuleFileError("rules/", 0, "the DRL compiler failed: " + crash));
        }
        return culprits;
    }

    /** The kie-dmn validator builds its own rule base when created: build it once, use it one file at a time. */
    private static DMNValidator validator;

    private static synchronized void validateDmn(Map<String, String> dmn, List<RuleFileError> errors,
                                                 List<RuleFileError> warnings) {
        if (validator == null) {
            validator = DMNValidatorFactory.newValidator();
        }
        dmn.forEach((name, text) -> {
                List<DMNMessage> messages = validator.validateUsing(VALIDATE_SCHEMA, VALIDATE_MODEL, VALIDATE_COMPILATION,
                        ANALYZE_DECISION_TABLE).theseModels(new StringReader(text));
                for (DMNMessage m : messages) {
                    RuleFileError found = new RuleFileError(name, lineOf(text, m.getSourceId()), m.getText());
                    if (m.getLevel() == org.kie.api.builder.Message.Level.ERROR) {
                        errors.add(found);
                    } else if (m.getLevel() == org.kie.api.builder.Message.Level.WARNING || m.getText().contains("Gap")) {
                        warnings.add(found);
                    }
                }
        });
    }

    private static DMNRuntime compileDmn(Map<String, String> dmn, List<RuleFileError> errors) {
        KieServices kie = KieServices.Factory.get();
        List<Resource> resources = new ArrayList<>();
        dmn.forEach((name, text) -> {
            Resource resource = kie.getResources().newByteArrayResource(text.getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(name);
            resources.add(resource);
        });
        try {
            return DMNRuntimeBuilder.fromDefaults()
                    .setRootClassLoader(RememberingClassLoader.INSTANCE)
                    .buildConfiguration()
                    .fromResources(resources)
                    .getOrElseThrow(e -> new IllegalStateException(e.toString()));
        } catch (RuntimeException e) {
            errors.add(new RuleFileError("dmn/", 0, "DMN models do not compile: " + e.getMessage()));
            return null;
        }
    }

    /** The line of the element with that id, so that an analyst can find it; 0 when unknown. */
    static int lineOf(String text, String elementId) {
        if (elementId == null) {
            return 0;
        }
        int at = text.indexOf("id=\"" + elementId + "\"");
        if (at < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
