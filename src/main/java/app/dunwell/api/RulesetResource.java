package app.dunwell.api;

import app.dunwell.access.Access;
import app.dunwell.access.Caller;
import app.dunwell.access.Role;
import app.dunwell.state.DecisionLog;
import app.dunwell.decision.FieldError;
import app.dunwell.decision.InvalidRequestException;
import app.dunwell.ruleset.ActiveRuleset;
import app.dunwell.ruleset.CompiledRuleset;
import app.dunwell.ruleset.ImpactPreview;
import app.dunwell.ruleset.PolicyJobs;
import app.dunwell.ruleset.RulesetHistory;
import app.dunwell.ruleset.ShadowRuleset;
import jakarta.ws.rs.PathParam;
import app.dunwell.sandbox.Sandbox;
import app.dunwell.sandbox.SandboxJob;
import app.dunwell.sandbox.SandboxVerdict;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import app.dunwell.ruleset.RuleSourceCheck;
import io.smallrye.common.annotation.Blocking;
import app.dunwell.ruleset.RuleFileError;
import app.dunwell.ruleset.RuleFiles;
import app.dunwell.ruleset.RulesetCompiler;
import app.dunwell.ruleset.RulesetRejectedException;
import app.dunwell.ruleset.RulesetValidation;
import app.dunwell.ruleset.Scenarios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The policy's lifecycle for analysts: what serves, validating a candidate, previewing its impact. */
@Path("/api/v1/ruleset")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {
    static final int MAX_REPLAYS = 10_000;

    private final ActiveRuleset rulesets;
    private final DecisionLog log;
    private final ObjectMapper mapper;
    private final Access access;
    private final Sandbox sandbox;
    private final PolicyJobs jobs;
    private final RulesetHistory history;
    private final ShadowRuleset shadow;

    public RulesetResource(ActiveRuleset rulesets, DecisionLog log, ObjectMapper mapper, Access access, Sandbox sandbox, PolicyJobs jobs,
                           RulesetHistory history, ShadowRuleset shadow) {
        this.history = history;
        this.shadow = shadow;
        this.rulesets = rulesets;
        this.log = log;
        this.mapper = mapper;
        this.access = access;
        this.sandbox = sandbox;
        this.jobs = jobs;
    }

    public record FileInfo(String name, String sha256) {
    }

    public record Status(String version, Instant loadedAt, List<FileInfo> files, List<RuleFileError> warnings,
                         ActiveRuleset.Rejection lastRejected) {
    }

    /** Candidate files by path ({@code rules/late-fee.drl}, {@code dmn/escalation.dmn}, {@code rules/settings.json},
     * {@code rules/tests/x.json}); they replace or add to the active files, an empty text removes one. */
    public record ValidateRequest(Map<String, String> files) {
    }

    /** Candidate files, and what to replay: the stored decisions of [from, to) (of the key's center; with the bootstrap key, of
     * {@code centerId} or of every center), or the given requests. */
    public record PreviewRequest(Map<String, String> files, ObjectNode settings, Instant from, Instant to, String centerId,
                                 List<JsonNode> requests, Integer limit) {
    }

    @GET
    @Operation(summary = "The active ruleset: version, files with their hashes, when it was loaded, and the last refused attempt")
    public Status status(@HeaderParam("Authorization") String authorization) {
        access.caller(authorization);
        CompiledRuleset active = rulesets.current().orElse(null);
        List<FileInfo> files = new ArrayList<>();
        if (active != null) {
            active.files().fileHashes().forEach((name, hash) -> files.add(new FileInfo(name, hash)));
        }
        return new Status(active == null ? null : active.version(), active == null ? null : active.loadedAt(), files,
                active == null ? List.of() : active.warnings(), rulesets.lastRejection().orElse(null));
    }

    @GET
    @Path("/shadow")
    @Operation(summary = "The shadow ruleset, if one is loaded: how its decisions of live traffic differ from the live ones, "
            + "by action type and reason, with examples (nothing of it is acted on)")
    public ShadowRuleset.Status shadow(@HeaderParam("Authorization") String authorization) {
        access.caller(authorization);
        return shadow.status().orElseThrow(() -> new jakarta.ws.rs.NotFoundException(
                "no shadow ruleset is loaded (dunwell.policy.shadow-rules-dir)"));
    }

    @GET
    @Path("/history")
    @Operation(summary = "Every ruleset version that served: when from, when until, and its files' hashes, newest first")
    public List<RulesetHistory.Entry> history(@HeaderParam("Authorization") String authorization) {
        access.caller(authorization);
        return history.list();
    }

    @GET
    @Path("/history/{version}")
    @Operation(summary = "One ruleset version that served, with its files")
    public RulesetHistory.Files historyOf(@HeaderParam("Authorization") String authorization, @PathParam("version") String version) {
        access.caller(authorization);
        if (!version.matches("sha256:[0-9a-f]{64}")) {
            throw new InvalidRequestException("version", "is not a ruleset version (sha256: and 64 hex digits)");
        }
        return history.find(version).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no ruleset " + version + " has served"));
    }

    @POST
    @Path("/validate")
    @Operation(summary = "Compile and validate candidate files over the active ones and run the scenarios against them, in the sandbox",
            description = "Needs a policy-author key (or the bootstrap key): rules are code. One at a time per key; 429 otherwise.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ValidateRequest.class)))
    @Blocking
    public CompletionStage<RulesetValidation.Report> validate(@HeaderParam("Authorization") String authorization, byte[] body) {
        Caller caller = requirePolicyAuthor(access.caller(authorization));
        ValidateRequest request = JsonBodies.read(mapper, body, ValidateRequest.class);
        Map<String, String> changes = checkedFiles(request.files(), true);
        RuleFiles candidate = baseFiles().with(ruleFilesOf(changes));
        Map<String, Scenarios.Scenario> scenarios = new LinkedHashMap<>();
        rulesets.configuredScenarios().forEach(s -> scenarios.put(s.name(), s));
        List<FieldError> errors = new ArrayList<>();
        changes.forEach((name, text) -> {
            if (name.startsWith("rules/tests/")) {
                String file = name.substring("rules/tests/".length());
                try {
                    scenarios.put(file, Scenarios.parse(file, text));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("files." + name, e.getMessage()));
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<SandboxJob.Scenario> toRun = scenarios.values().stream()
                .map(s -> new SandboxJob.Scenario(s.name(), s.request(), s.expect())).toList();
        // What the rule files say is read here (no code of theirs runs); only files that pass go to the sandbox.
        List<RuleFileError> unsafe = RuleSourceCheck.check(candidate.ofKind(".drl"), candidate.ofKind(".dmn"));
        if (!unsafe.isEmpty()) {
            return CompletableFuture.completedFuture(RulesetValidation.rejected(candidate, new RulesetRejectedException(unsafe)));
        }
        return jobs.submit(jobOwner(caller), () -> {
            SandboxVerdict verdict = sandbox.run(new SandboxJob(candidate.contents(), toRun, List.of()));
            return verdict.wasStopped() ? stoppedReport(candidate, verdict) : verdict.report();
        });
    }

    @POST
    @Path("/preview")
    @Operation(summary = "Replay stored decisions of a period (or given requests) under the active ruleset and a candidate",
            description = "The candidate is either other files (a policy-author key; compiled and run in the sandbox) or other "
                    + "settings for the key's center (an analyst key; the serving rules with those settings). Reports how many "
                    + "outcomes change, by action type and by reason, with examples. One at a time per key; 429 otherwise.")
    @RequestBody(content = @Content(schema = @Schema(implementation = PreviewRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ImpactPreview.Report.class)))
    @APIResponse(responseCode = "422", description = "The candidate ruleset does not compile or validate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Blocking
    public CompletionStage<Response> preview(@HeaderParam("Authorization") String authorization, byte[] body) {
        Caller caller = access.caller(authorization);
        PreviewRequest request = JsonBodies.read(mapper, body, PreviewRequest.class);
        boolean files = request.files() != null;
        if (files == (request.settings() != null)) {
            throw new InvalidRequestException(files ? "settings" : "files",
                    "give either files (candidate rule files) or settings (other settings for your center), not both or neither");
        }
        String centerId;
        if (files) {
            requirePolicyAuthor(caller);
            centerId = caller.isBootstrap() || caller.isInstallation() ? blankToNull(request.centerId()) : null;
        } else {
            // A center's analyst replays its own center's decisions; the bootstrap key names the center.
            centerId = caller.require(Role.ANALYST).centerOf(request.centerId(), "centerId");
        }
        int limit = request.limit() == null ? MAX_REPLAYS : request.limit();
        if (limit < 1 || limit > MAX_REPLAYS) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_REPLAYS);
        }
        List<ImpactPreview.Replay> replays = replays(request, centerId, limit);
        CompiledRuleset active = rulesets.current().orElseThrow(() -> new NoActiveRulesetException("nothing to compare with"));
        if (!files) {
            active.settings(request.settings().deepCopy());
            List<ImpactPreview.Replay> withSettings = replays.stream().map(r -> new ImpactPreview.Replay(r.decisionId(),
                    withSettings(r.request(), request.settings()))).toList();
            return jobs.submit(jobOwner(caller), () -> {
                ImpactPreview preview = new ImpactPreview();
                List<JsonNode> requests = replays.stream().map(ImpactPreview.Replay::request).toList();
                List<JsonNode> changed = withSettings.stream().map(ImpactPreview.Replay::request).toList();
                return Response.ok(preview.compare(active.version(), active.version() + " with other settings", replays,
                        preview.decide(active, requests), preview.decide(active, changed))).build();
            });
        }
        Map<String, String> changes = checkedFiles(request.files(), false);
        RuleFiles candidate = active.files().with(changes);
        List<RuleFileError> unsafe = RuleSourceCheck.check(candidate.ofKind(".drl"), candidate.ofKind(".dmn"));
        if (!unsafe.isEmpty()) {
            return CompletableFuture.completedFuture(Problem.response(422, "invalid-ruleset", "The candidate ruleset is not valid",
                    unsafe.size() + " errors", unsafe.stream().map(RulesetResource::asFieldError).toList()));
        }
        return jobs.submit(jobOwner(caller), () -> {
            ImpactPreview preview = new ImpactPreview();
            List<JsonNode> requests = replays.stream().map(ImpactPreview.Replay::request).toList();
            SandboxVerdict verdict = sandbox.run(new SandboxJob(candidate.contents(), List.of(), requests));
            if (verdict.wasStopped()) {
                return Problem.response(422, "invalid-ruleset", "The candidate ruleset is not valid", verdict.stopped(), null);
            }
            if (!verdict.report().errors().isEmpty()) {
                return Problem.response(422, "invalid-ruleset", "The candidate ruleset is not valid",
                        verdict.report().errors().size() + " errors", verdict.report().errors().stream().map(RulesetResource::asFieldError).toList());
            }
            return Response.ok(preview.compare(active.version(), verdict.report().version(), replays,
                    preview.decide(active, requests), preview.outcomesOf(verdict.decisions() == null ? List.of() : verdict.decisions()))).build();
        });
    }

    private static Caller requirePolicyAuthor(Caller caller) {
        if (!caller.has(Role.POLICY_AUTHOR)) {
            throw new Caller.Forbidden("rule and DMN files are code and the whole installation's policy: they need a policy-author key "
                    + "(issued by the bootstrap key); a center's analyst may preview other settings for its center");
        }
        return caller;
    }

    private static String jobOwner(Caller caller) {
        return caller.keyId() == null ? "bootstrap" : caller.keyId().toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private JsonNode withSettings(JsonNode request, ObjectNode settings) {
        ObjectNode copy = request.deepCopy();
        JsonNode center = copy.get("center");
        ObjectNode centerNode = center instanceof ObjectNode o ? o : copy.putObject("center");
        centerNode.set("settings", settings.deepCopy());
        return copy;
    }

    private static RulesetValidation.Report stoppedReport(RuleFiles candidate, SandboxVerdict verdict) {
        return new RulesetValidation.Report(false, candidate.version(), List.of(new RuleFileError("rules/", 0, verdict.stopped())),
                List.of(), 0, 0, List.of());
    }

    private List<ImpactPreview.Replay> replays(PreviewRequest request, String centerId, int limit) {
        if (request.requests() != null) {
            if (request.requests().size() > limit) {
                throw new InvalidRequestException("requests", "at most " + limit + " requests");
            }
            for (int i = 0; i < request.requests().size(); i++) {
                if (request.requests().get(i) == null || !request.requests().get(i).isObject()) {
                    throw new InvalidRequestException("requests[" + i + "]", "must be a decision request (a JSON object)");
                }
            }
            return request.requests().stream().map(r -> new ImpactPreview.Replay(null, r)).toList();
        }
        if (request.from() == null) {
            throw new InvalidRequestException("from", "is required unless requests are given (the start of the period of stored decisions)");
        }
        Instant to = request.to() == null ? Instant.now().plus(1, ChronoUnit.SECONDS) : request.to();
        if (!to.isAfter(request.from())) {
            throw new InvalidRequestException("to", "must be after from");
        }
        return log.madeBetween(request.from(), to, centerId, limit).stream()
                .map(e -> new ImpactPreview.Replay(e.id().toString(), e.request()))
                .toList();
    }

    private RuleFiles baseFiles() {
        return rulesets.current().map(CompiledRuleset::files).orElseGet(rulesets::readConfiguredFiles);
    }

    private static Map<String, String> checkedFiles(Map<String, String> files, boolean scenariosAllowed) {
        if (files == null || files.isEmpty()) {
            throw new InvalidRequestException("files", "is required: the candidate files by path");
        }
        List<FieldError> errors = new ArrayList<>();
        files.keySet().forEach(name -> {
            boolean scenario = scenariosAllowed && name.matches("rules/tests/[A-Za-z0-9._-]+\\.json");
            if (!RuleFiles.isRuleFile(name) && !scenario) {
                errors.add(new FieldError("files." + name, "is not a rule file path (rules/*.drl, rules/settings.json, dmn/*.dmn"
                        + (scenariosAllowed ? ", rules/tests/*.json)" : ")")));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return files;
    }

    private static Map<String, String> ruleFilesOf(Map<String, String> changes) {
        Map<String, String> rules = new LinkedHashMap<>();
        changes.forEach((name, text) -> {
            if (RuleFiles.isRuleFile(name)) {
                rules.put(name, text);
            }
        });
        return rules;
    }

    private static FieldError asFieldError(RuleFileError e) {
        return new FieldError(e.file() + (e.line() > 0 ? ":" + e.line() : ""), e.message());
    }
}
