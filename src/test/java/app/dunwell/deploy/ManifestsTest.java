package app.dunwell.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Kubernetes manifests as {@code kubectl kustomize} renders each overlay of {@code k8s/overlays}: every
 * document parsed with the fabric8 model (an unknown field fails), then what production needs checked
 * (probes, resources, a read-only non-root container, the policy mounted alike by the Deployment and the
 * CronJob, the CronJob's safety settings, PDB, NetworkPolicy, secrets only from Secrets, the CloudNativePG
 * database). Plain JUnit: no Quarkus is started. Needs kubectl on the PATH.
 *
 * <p>Each check is also run on a copy of the production render broken on purpose ({@link #everyCheckCatchesWhatItGuards}),
 * so a check that could never fail does not pass unnoticed.
 */
class ManifestsTest {
    static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    static final List<String> OVERLAYS = List.of("production", "dev");
    static final String KUBECTL = System.getProperty("kubectl", "kubectl");
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Kinds that are custom resources: parsed generically (no model of theirs on the class path). */
    static final Set<String> CUSTOM_GROUPS = Set.of("postgresql.cnpg.io");
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|_KEY|TOKEN|USERNAME|CREDENTIAL).*");
    static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    // ---- the checks, by name -------------------------------------------------------------------------

    static final Map<String, Function<Rendered, List<String>>> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("replicas", ManifestsTest::replicas);
        CHECKS.put("probes", ManifestsTest::probes);
        CHECKS.put("resources", ManifestsTest::resources);
        CHECKS.put("security context", ManifestsTest::securityContexts);
        CHECKS.put("writable paths are emptyDirs", ManifestsTest::writablePaths);
        CHECKS.put("policy mounted by Deployment and CronJob", ManifestsTest::policyMounts);
        CHECKS.put("policy ConfigMaps hold every policy file", ManifestsTest::policyFiles);
        CHECKS.put("CronJob", ManifestsTest::cronJob);
        CHECKS.put("CronJob runs like the Deployment", ManifestsTest::cronJobLikeDeployment);
        CHECKS.put("service settings", ManifestsTest::serviceSettings);
        CHECKS.put("Service", ManifestsTest::service);
        CHECKS.put("metrics scraped", ManifestsTest::metricsScraped);
        CHECKS.put("PodDisruptionBudget", ManifestsTest::disruptionBudget);
        CHECKS.put("NetworkPolicy", ManifestsTest::networkPolicy);
        CHECKS.put("secrets only from Secrets", ManifestsTest::secretsFromSecrets);
        CHECKS.put("image", ManifestsTest::image);
        CHECKS.put("CloudNativePG database", ManifestsTest::cloudNativePg);
    }

    @TestFactory
    Stream<DynamicTest> everyOverlayRendersAndPasses() {
        return OVERLAYS.stream().flatMap(overlay -> Stream.concat(
                Stream.of(DynamicTest.dynamicTest(overlay + ": renders, every document parses strictly", () -> render(overlay))),
                CHECKS.entrySet().stream().map(check -> DynamicTest.dynamicTest(overlay + ": " + check.getKey(), () -> {
                    List<String> problems = check.getValue().apply(render(overlay));
                    assertTrue(problems.isEmpty(), "k8s/overlays/" + overlay + ", " + check.getKey() + ":\n  "
                            + String.join("\n  ", problems));
                }))));
    }

    /** Each check fails on a production render broken the way it guards against. */
    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> everyCheckCatchesWhatItGuards() {
        Map<String, List<Breakage>> breakages = new LinkedHashMap<>();
        Consumer<Breakage> add = b -> breakages.computeIfAbsent(b.check(), k -> new ArrayList<>()).add(b);
        add.accept(new Breakage("replicas", "one replica", r -> r.deployment().getSpec().setReplicas(1)));
        add.accept(new Breakage("probes", "readiness on the liveness path",
                r -> api(r).getReadinessProbe().getHttpGet().setPath("/q/health/live")));
        add.accept(new Breakage("probes", "no liveness probe", r -> api(r).setLivenessProbe(null)));
        add.accept(new Breakage("probes", "no startup probe", r -> api(r).setStartupProbe(null)));
        add.accept(new Breakage("probes", "a startup probe too short for a 30 s start",
                r -> api(r).getStartupProbe().setFailureThreshold(3)));
        add.accept(new Breakage("resources", "no memory limit", r -> api(r).getResources().getLimits().remove("memory")));
        add.accept(new Breakage("resources", "CronJob without requests", r -> job(r).getResources().setRequests(null)));
        add.accept(new Breakage("security context", "may run as root", r -> {
            r.deployment().getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(null);
            api(r).getSecurityContext().setRunAsNonRoot(false);
        }));
        add.accept(new Breakage("security context", "writable root", r -> job(r).getSecurityContext().setReadOnlyRootFilesystem(false)));
        add.accept(new Breakage("security context", "privilege escalation", r -> api(r).getSecurityContext().setAllowPrivilegeEscalation(true)));
        add.accept(new Breakage("security context", "a capability kept", r -> api(r).getSecurityContext().getCapabilities().setDrop(List.of("NET_RAW"))));
        add.accept(new Breakage("security context", "no seccomp profile",
                r -> r.cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getSecurityContext().setSeccompProfile(null)));
        add.accept(new Breakage("writable paths are emptyDirs", "/tmp on the host", r -> volume(podSpec(r.deployment()), "tmp")
                .setEmptyDir(null)));
        add.accept(new Breakage("writable paths are emptyDirs", "a ConfigMap mount left writable", r -> api(r).getVolumeMounts().get(0).setReadOnly(false)));
        add.accept(new Breakage("policy mounted by Deployment and CronJob", "the CronJob without the rules",
                r -> job(r).getVolumeMounts().removeIf(m -> m.getMountPath().equals("/policy/rules"))));
        add.accept(new Breakage("policy mounted by Deployment and CronJob", "DMN directory elsewhere than its mount",
                r -> env(api(r), "DUNWELL_POLICY_DMN_DIR").setValue("/policy/tables")));
        add.accept(new Breakage("policy mounted by Deployment and CronJob", "the CronJob on an older rules ConfigMap",
                r -> volume(podSpec(r.cronJob()), "rules").getConfigMap().setName("dunwell-rules-old")));
        add.accept(new Breakage("policy ConfigMaps hold every policy file", "a scenario missing",
                r -> r.configMapNamed("dunwell-rule-tests").getData().remove(firstFile("rules/tests", ".json"))));
        add.accept(new Breakage("policy ConfigMaps hold every policy file", "a DRL file changed",
                r -> r.configMapNamed("dunwell-rules").getData().compute(firstFile("rules", ".drl"), (k, v) -> v + "\n// edited\n")));
        add.accept(new Breakage("CronJob", "concurrent runs allowed", r -> r.cronJob().getSpec().setConcurrencyPolicy("Allow")));
        add.accept(new Breakage("CronJob", "no starting deadline", r -> r.cronJob().getSpec().setStartingDeadlineSeconds(null)));
        add.accept(new Breakage("CronJob", "no active deadline", r -> r.cronJob().getSpec().getJobTemplate().getSpec().setActiveDeadlineSeconds(null)));
        add.accept(new Breakage("CronJob", "no history limit", r -> r.cronJob().getSpec().setFailedJobsHistoryLimit(null)));
        add.accept(new Breakage("CronJob", "not run-once", r -> job(r).setArgs(List.of())));
        add.accept(new Breakage("CronJob runs like the Deployment", "the CronJob without the secrets key",
                r -> job(r).getEnv().removeIf(e -> e.getName().equals("DUNWELL_SECRETS_KEY"))));
        add.accept(new Breakage("service settings", "the Deployment schedules runs",
                r -> env(api(r), "DUNWELL_RUNS_SCHEDULED").setValue("true")));
        add.accept(new Breakage("service settings", "open decisions", r -> api(r).getEnv().removeIf(e -> e.getName().equals("DUNWELL_AUTH_OPEN_DECISIONS"))));
        add.accept(new Breakage("Service", "port to nothing", r -> r.one(Service.class).getSpec().getPorts().get(0).setTargetPort(new IntOrString("web"))));
        add.accept(new Breakage("metrics scraped", "no scrape annotation",
                r -> r.deployment().getSpec().getTemplate().getMetadata().getAnnotations().remove("prometheus.io/scrape")));
        add.accept(new Breakage("metrics scraped", "the metrics path of another framework",
                r -> r.deployment().getSpec().getTemplate().getMetadata().getAnnotations().put("prometheus.io/path", "/metrics")));
        add.accept(new Breakage("metrics scraped", "a port the container does not serve",
                r -> r.deployment().getSpec().getTemplate().getMetadata().getAnnotations().put("prometheus.io/port", "9090")));
        add.accept(new Breakage("PodDisruptionBudget", "none", r -> r.docs().removeIf(PodDisruptionBudget.class::isInstance)));
        add.accept(new Breakage("PodDisruptionBudget", "selects nothing",
                r -> r.one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels().put("app.kubernetes.io/component", "web")));
        add.accept(new Breakage("NetworkPolicy", "none", r -> r.docs().removeIf(NetworkPolicy.class::isInstance)));
        add.accept(new Breakage("NetworkPolicy", "ingress on every port", r -> r.one(NetworkPolicy.class).getSpec().getIngress().get(0).setPorts(List.of())));
        add.accept(new Breakage("NetworkPolicy", "no way to PostgreSQL", r -> r.one(NetworkPolicy.class).getSpec().getEgress().remove(1)));
        add.accept(new Breakage("secrets only from Secrets", "a password written in the manifest", r -> {
            EnvVar password = env(api(r), "QUARKUS_DATASOURCE_PASSWORD");
            password.setValueFrom(null);
            password.setValue("hunter2");
        }));
        add.accept(new Breakage("secrets only from Secrets", "a Secret with its values in the manifest", r -> r.docs().add(
                SERIALIZATION.unmarshal("""
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: x}
                        stringData: {password: hunter2}
                        """, KubernetesResource.class))));
        add.accept(new Breakage("image", "latest", r -> api(r).setImage("registry.example.com/dunwell/dunwell:latest")));
        add.accept(new Breakage("CloudNativePG database", "no Cluster", r -> r.docs().removeIf(GenericKubernetesResource.class::isInstance)));
        add.accept(new Breakage("CloudNativePG database", "the password from another Secret",
                r -> env(api(r), "QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().setName("dunwell-db")));
        add.accept(new Breakage("CloudNativePG database", "one instance",
                r -> ((Map<String, Object>) r.one(GenericKubernetesResource.class).getAdditionalProperties().get("spec")).put("instances", 1)));

        assertEquals(CHECKS.keySet(), breakages.keySet(), "every check has at least one breakage that it must catch");
        return breakages.values().stream().flatMap(List::stream).map(b -> DynamicTest.dynamicTest(b.check() + " catches: " + b.what(), () -> {
            Rendered broken = render("production").copy();
            b.apply().accept(broken);
            assertFalse(CHECKS.get(b.check()).apply(broken).isEmpty(), "the check '" + b.check() + "' passed a render with " + b.what());
        }));
    }

    @Test
    void anUnknownFieldOrKindFailsParsing() {
        assertEquals(List.of("Deployment x: unknown field spec.template.spec.containers[0].readinesProbe"), parseProblems("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          image: i
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """));
        assertFalse(parseProblems("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: x}
                spec: {startingDeadlineSeconds: soon}
                """).isEmpty(), "a value of the wrong type");
        assertFalse(parseProblems("""
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: x}
                """).isEmpty(), "a misspelt kind");
    }

    static List<String> parseProblems(String doc) {
        List<String> problems = new ArrayList<>();
        parse(doc, new ArrayList<>(), problems);
        return problems;
    }

    // ---- rendering -----------------------------------------------------------------------------------

    record Breakage(String check, String what, Consumer<Rendered> apply) {
    }

    /** Every document of one rendered overlay, typed where the kind is Kubernetes' own. */
    record Rendered(String overlay, List<KubernetesResource> docs) {
        <T> List<T> all(Class<T> type) {
            return docs.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T> T one(Class<T> type) {
            List<T> found = all(type);
            assertEquals(1, found.size(), "k8s/overlays/" + overlay + " renders one " + type.getSimpleName());
            return found.get(0);
        }

        Deployment deployment() {
            return one(Deployment.class);
        }

        CronJob cronJob() {
            return one(CronJob.class);
        }

        Map<String, ConfigMap> configMaps() {
            Map<String, ConfigMap> byName = new TreeMap<>();
            all(ConfigMap.class).forEach(c -> byName.put(c.getMetadata().getName(), c));
            return byName;
        }

        /** A generated ConfigMap by the name it has before kustomize appends its hash. */
        ConfigMap configMapNamed(String generatorName) {
            return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().matches(Pattern.quote(generatorName) + "-[a-z0-9]{10}"))
                    .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + generatorName + "-<hash>"));
        }

        Rendered copy() {
            return new Rendered(overlay, new ArrayList<>(docs.stream().map(SERIALIZATION::clone).toList()));
        }
    }

    static Rendered render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, ManifestsTest::kustomize);
    }

    static Rendered kustomize(String overlay) {
        Path dir = REPO.resolve("k8s/overlays").resolve(overlay);
        assertTrue(Files.isDirectory(dir), "no overlay " + dir);
        Process process;
        Path errorsFile;
        try {
            errorsFile = Files.createTempFile("kustomize-" + overlay, ".err");
            process = new ProcessBuilder(KUBECTL, "kustomize", dir.toString()).redirectError(errorsFile.toFile()).start();
        } catch (IOException e) {
            return fail("ManifestsTest renders k8s/overlays with `kubectl kustomize` (kustomize v5 inside kubectl), but " + KUBECTL
                    + " could not be started (" + e.getMessage() + "): install kubectl and put it on the PATH, or name it with -Dkubectl=/path/to/kubectl");
        }
        try {
            process.getOutputStream().close();
            String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl kustomize " + dir + " did not finish within 60 s");
            }
            String errors = Files.readString(errorsFile);
            Files.deleteIfExists(errorsFile);
            assertEquals(0, process.exitValue(), "kubectl kustomize " + REPO.relativize(dir) + " failed:\n" + errors);
            List<KubernetesResource> docs = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String doc : yaml.split("(?m)^---$")) {
                if (!doc.isBlank()) {
                    parse(doc, docs, problems);
                }
            }
            assertTrue(problems.isEmpty(), "k8s/overlays/" + overlay + " does not parse strictly:\n  " + String.join("\n  ", problems));
            return new Rendered(overlay, docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A known kind into its model class, with nothing left over; a custom resource generically. */
    static void parse(String doc, List<KubernetesResource> docs, List<String> problems) {
        GenericKubernetesResource generic = SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class);
        String apiVersion = generic.getApiVersion();
        String kind = generic.getKind();
        String group = apiVersion != null && apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        if (CUSTOM_GROUPS.contains(group)) {
            docs.add(generic);
            return;
        }
        Class<? extends KubernetesResource> type = SERIALIZATION.getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || type == GenericKubernetesResource.class) {
            problems.add(kind + " " + name(generic) + ": " + apiVersion + " " + kind + " is no Kubernetes kind this test knows");
            return;
        }
        KubernetesResource typed;
        try {
            typed = SERIALIZATION.unmarshal(doc, type);
        } catch (RuntimeException e) {
            problems.add(kind + " " + name(generic) + ": " + e.getMessage());
            return;
        }
        problems.addAll(unknownFields(typed));
        docs.add(typed);
    }

    /**
     * The fabric8 model keeps a field it does not know, or a value of the wrong type, in additionalProperties
     * instead of refusing it: any such leftover anywhere in the tree is an unknown field.
     */
    static List<String> unknownFields(KubernetesResource resource) {
        List<String> found = new ArrayList<>();
        String prefix = resource.getClass().getSimpleName() + " " + (resource instanceof HasMetadata h ? name(h) : "?") + ": unknown field ";
        walk(resource, "", found, prefix, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, List<String> found, String prefix, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", found, prefix, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, found, prefix, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class || getter.getName().equals("getAdditionalPropertiesNode")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> found.add(prefix + (path.isEmpty() ? "" : path.substring(1) + ".") + key));
                }
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(value, path + "." + property, found, prefix, seen);
        }
    }

    // ---- the checks ------------------------------------------------------------------------------------

    static List<String> replicas(Rendered r) {
        Integer replicas = r.deployment().getSpec().getReplicas();
        int least = r.overlay().equals("production") ? 2 : 1;
        return replicas != null && replicas >= least ? List.of()
                : List.of("the Deployment has " + replicas + " replicas, " + r.overlay() + " needs at least " + least);
    }

    static List<String> probes(Rendered r) {
        List<String> problems = new ArrayList<>();
        Container api = api(r);
        checkProbe(api, "readiness", api.getReadinessProbe(), "/q/health/ready", problems);
        checkProbe(api, "liveness", api.getLivenessProbe(), "/q/health/live", problems);
        Probe startup = api.getStartupProbe();
        checkProbe(api, "startup", startup, null, problems);
        if (startup != null) {
            int period = Objects.requireNonNullElse(startup.getPeriodSeconds(), 10);
            int threshold = Objects.requireNonNullElse(startup.getFailureThreshold(), 3);
            int initial = Objects.requireNonNullElse(startup.getInitialDelaySeconds(), 0);
            if (initial + period * threshold < 90) {
                problems.add("the startup probe gives up after " + (initial + period * threshold)
                        + " s; the service takes 15-30 s to start (more on a busy node): allow at least 90 s");
            }
        }
        return problems;
    }

    private static void checkProbe(Container c, String kind, Probe probe, String path, List<String> problems) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(c.getName() + " has no HTTP " + kind + " probe");
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (path != null && !path.equals(get.getPath())) {
            problems.add(c.getName() + "'s " + kind + " probe asks " + get.getPath() + ", not " + path);
        }
        if (path == null && (get.getPath() == null || !get.getPath().startsWith("/q/health"))) {
            problems.add(c.getName() + "'s " + kind + " probe asks " + get.getPath() + ", not a /q/health endpoint");
        }
        if (port(c, get.getPort()) != 8080) {
            problems.add(c.getName() + "'s " + kind + " probe asks port " + get.getPort() + ", not 8080");
        }
    }

    static List<String> resources(Rendered r) {
        List<String> problems = new ArrayList<>();
        for (Container c : containers(r)) {
            var res = c.getResources();
            for (String what : List.of("cpu", "memory")) {
                if (res == null || res.getRequests() == null || !res.getRequests().containsKey(what)) {
                    problems.add(c.getName() + " requests no " + what);
                }
                if (res == null || res.getLimits() == null || !res.getLimits().containsKey(what)) {
                    problems.add(c.getName() + " has no " + what + " limit");
                }
            }
        }
        return problems;
    }

    static List<String> securityContexts(Rendered r) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata workload : List.of(r.deployment(), r.cronJob())) {
            PodSpec pod = podSpec(workload);
            PodSecurityContext podContext = pod.getSecurityContext();
            for (Container c : pod.getContainers()) {
                SecurityContext sc = c.getSecurityContext();
                String who = workload.getKind() + " " + name(workload) + ", container " + c.getName();
                if (sc == null) {
                    problems.add(who + ": no securityContext");
                    continue;
                }
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podContext == null ? null : podContext.getRunAsNonRoot();
                if (!Boolean.TRUE.equals(nonRoot)) {
                    problems.add(who + ": runAsNonRoot is not true");
                }
                if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    problems.add(who + ": readOnlyRootFilesystem is not true");
                }
                if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    problems.add(who + ": allowPrivilegeEscalation is not false");
                }
                if (Boolean.TRUE.equals(sc.getPrivileged())) {
                    problems.add(who + ": privileged");
                }
                if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null || !sc.getCapabilities().getDrop().contains("ALL")
                        || (sc.getCapabilities().getAdd() != null && !sc.getCapabilities().getAdd().isEmpty())) {
                    problems.add(who + ": capabilities are not drop [ALL] with nothing added");
                }
                var seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : podContext == null ? null : podContext.getSeccompProfile();
                if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
                    problems.add(who + ": seccompProfile is not RuntimeDefault");
                }
            }
        }
        return problems;
    }

    static List<String> writablePaths(Rendered r) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata workload : List.of(r.deployment(), r.cronJob())) {
            PodSpec pod = podSpec(workload);
            for (Container c : pod.getContainers()) {
                boolean tmp = false;
                for (VolumeMount mount : c.getVolumeMounts()) {
                    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
                    String where = workload.getKind() + " " + name(workload) + ": " + mount.getMountPath();
                    if (volume == null) {
                        problems.add(where + " mounts a volume " + mount.getName() + " that the pod does not have");
                    } else if (!Boolean.TRUE.equals(mount.getReadOnly()) && volume.getEmptyDir() == null) {
                        problems.add(where + " is writable but not an emptyDir");
                    } else if (mount.getMountPath().equals("/tmp") && volume.getEmptyDir() != null && !Boolean.TRUE.equals(mount.getReadOnly())) {
                        tmp = true;
                    }
                }
                if (!tmp) {
                    problems.add(workload.getKind() + " " + name(workload) + ": no writable emptyDir at /tmp (the JVM, ONNX runtime and tokenizer write there)");
                }
            }
        }
        return problems;
    }

    /** The policy directories each workload's DUNWELL_POLICY_*_DIR names are ConfigMap mounts, the same in both. */
    static List<String> policyMounts(Rendered r) {
        List<String> problems = new ArrayList<>();
        Map<String, String> deploymentSources = policySources(r.deployment(), problems);
        Map<String, String> cronJobSources = policySources(r.cronJob(), problems);
        if (!deploymentSources.equals(cronJobSources)) {
            problems.add("the Deployment mounts the policy from " + deploymentSources + " but the CronJob from " + cronJobSources
                    + ": both must read the same ConfigMaps, so an edit reaches both");
        }
        return problems;
    }

    /** DUNWELL_POLICY_*_DIR -> the ConfigMap mounted there. */
    static Map<String, String> policySources(HasMetadata workload, List<String> problems) {
        PodSpec pod = podSpec(workload);
        Container c = pod.getContainers().get(0);
        Map<String, String> sources = new TreeMap<>();
        for (String variable : List.of("DUNWELL_POLICY_RULES_DIR", "DUNWELL_POLICY_TESTS_DIR", "DUNWELL_POLICY_DMN_DIR")) {
            String who = workload.getKind() + " " + name(workload) + ": " + variable;
            EnvVar env = c.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst().orElse(null);
            if (env == null || env.getValue() == null) {
                problems.add(who + " is not set");
                continue;
            }
            VolumeMount mount = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(env.getValue())).findFirst().orElse(null);
            if (mount == null) {
                problems.add(who + "=" + env.getValue() + " but nothing is mounted there");
                continue;
            }
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
            if (volume == null || volume.getConfigMap() == null) {
                problems.add(who + "=" + env.getValue() + " is not a ConfigMap mount");
                continue;
            }
            if (!Boolean.TRUE.equals(mount.getReadOnly())) {
                problems.add(who + "=" + env.getValue() + " is mounted writable");
            }
            sources.put(variable, volume.getConfigMap().getName());
        }
        return sources;
    }

    /** The ConfigMaps mounted at the policy directories hold exactly the repository's policy files, byte for byte. */
    static List<String> policyFiles(Rendered r) {
        List<String> problems = new ArrayList<>();
        Map<String, String> sources = policySources(r.deployment(), new ArrayList<>());
        Map<String, ConfigMap> configMaps = r.configMaps();
        compare(r, "DUNWELL_POLICY_RULES_DIR", sources, configMaps, files("rules", n -> n.endsWith(".drl") || n.equals("settings.json") || n.equals("phases.txt")),
                "rules/kustomization.yaml (dunwell-rules)", problems);
        compare(r, "DUNWELL_POLICY_TESTS_DIR", sources, configMaps, files("rules/tests", n -> n.endsWith(".json")),
                "rules/kustomization.yaml (dunwell-rule-tests)", problems);
        compare(r, "DUNWELL_POLICY_DMN_DIR", sources, configMaps, files("dmn", n -> n.endsWith(".dmn")),
                "dmn/kustomization.yaml (dunwell-dmn)", problems);
        return problems;
    }

    private static void compare(Rendered r, String variable, Map<String, String> sources, Map<String, ConfigMap> configMaps,
                                Map<String, String> expected, String listedIn, List<String> problems) {
        String name = sources.get(variable);
        ConfigMap configMap = name == null ? null : configMaps.get(name);
        if (configMap == null) {
            problems.add(variable + ": no rendered ConfigMap " + name);
            return;
        }
        Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(data.keySet());
        Set<String> extra = new TreeSet<>(data.keySet());
        extra.removeAll(expected.keySet());
        if (!missing.isEmpty()) {
            problems.add("ConfigMap " + name + " lacks " + missing + ": list them in " + listedIn + " (bash k8s/list-policy-files.sh does)");
        }
        if (!extra.isEmpty()) {
            problems.add("ConfigMap " + name + " holds " + extra + ", which are no policy files of the repository");
        }
        if (configMap.getBinaryData() != null && !configMap.getBinaryData().isEmpty()) {
            problems.add("ConfigMap " + name + " holds binary data " + configMap.getBinaryData().keySet());
        }
        expected.forEach((file, text) -> {
            if (data.containsKey(file) && !text.equals(data.get(file))) {
                problems.add("ConfigMap " + name + ": " + file + " differs from the repository's file");
            }
        });
    }

    static List<String> cronJob(Rendered r) {
        List<String> problems = new ArrayList<>();
        var spec = r.cronJob().getSpec();
        if (!"Forbid".equals(spec.getConcurrencyPolicy())) {
            problems.add("concurrencyPolicy is " + spec.getConcurrencyPolicy() + ", not Forbid");
        }
        if (spec.getStartingDeadlineSeconds() == null || spec.getStartingDeadlineSeconds() < 10) {
            problems.add("startingDeadlineSeconds is " + spec.getStartingDeadlineSeconds() + ", needs at least 10");
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null || spec.getFailedJobsHistoryLimit() == null) {
            problems.add("successfulJobsHistoryLimit and failedJobsHistoryLimit are not both set");
        }
        var job = spec.getJobTemplate().getSpec();
        if (job.getActiveDeadlineSeconds() == null || job.getActiveDeadlineSeconds() <= 0) {
            problems.add("the Job has no activeDeadlineSeconds");
        }
        if (job.getBackoffLimit() == null) {
            problems.add("the Job has no backoffLimit");
        }
        if (!List.of("run-once").equals(job(r).getArgs())) {
            problems.add("the CronJob's container runs " + job(r).getArgs() + ", not [run-once]");
        }
        return problems;
    }

    /** Same image, environment, mounts, volumes and container securityContext as the Deployment. */
    static List<String> cronJobLikeDeployment(Rendered r) {
        List<String> problems = new ArrayList<>();
        Container api = api(r);
        Container job = job(r);
        if (!Objects.equals(api.getImage(), job.getImage())) {
            problems.add("image " + job.getImage() + ", the Deployment's is " + api.getImage());
        }
        Map<String, EnvVar> apiEnv = byName(api.getEnv());
        Map<String, EnvVar> jobEnv = byName(job.getEnv());
        for (String name : new TreeSet<>(union(apiEnv.keySet(), jobEnv.keySet()))) {
            if (!Objects.equals(apiEnv.get(name), jobEnv.get(name))) {
                problems.add("env " + name + ": Deployment " + describe(apiEnv.get(name)) + ", CronJob " + describe(jobEnv.get(name)));
            }
        }
        if (!Objects.equals(api.getEnvFrom(), job.getEnvFrom())) {
            problems.add("envFrom differs: " + api.getEnvFrom() + " / " + job.getEnvFrom());
        }
        if (!Objects.equals(api.getVolumeMounts(), job.getVolumeMounts())) {
            problems.add("volume mounts differ: " + api.getVolumeMounts() + " / " + job.getVolumeMounts());
        }
        if (!Objects.equals(podSpec(r.deployment()).getVolumes(), podSpec(r.cronJob()).getVolumes())) {
            problems.add("volumes differ");
        }
        if (!Objects.equals(api.getSecurityContext(), job.getSecurityContext())
                || !Objects.equals(podSpec(r.deployment()).getSecurityContext(), podSpec(r.cronJob()).getSecurityContext())) {
            problems.add("securityContexts differ");
        }
        return problems;
    }

    /** What the service must be told in Kubernetes: an external database, keys required, runs left to the CronJob. */
    static List<String> serviceSettings(Rendered r) {
        List<String> problems = new ArrayList<>();
        Map<String, EnvVar> env = byName(api(r).getEnv());
        Map<String, String> required = Map.of("DUNWELL_RUNS_SCHEDULED", "false", "DUNWELL_AUTH_OPEN_DECISIONS", "false",
                "DUNWELL_EMBEDDED_DB", "false");
        required.forEach((name, value) -> {
            if (!env.containsKey(name) || !value.equals(env.get(name).getValue())) {
                problems.add("the Deployment needs " + name + "=" + value + " (has " + (env.containsKey(name) ? env.get(name).getValue() : "none") + ")");
            }
        });
        for (String name : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                "DUNWELL_AUTH_BOOTSTRAP_KEY", "DUNWELL_SECRETS_KEY")) {
            if (!env.containsKey(name)) {
                problems.add("the Deployment does not set " + name);
            }
        }
        Set<String> fromConfigMaps = new TreeSet<>();
        for (var source : api(r).getEnvFrom()) {
            if (source.getConfigMapRef() != null && r.configMaps().containsKey(source.getConfigMapRef().getName())) {
                fromConfigMaps.addAll(r.configMaps().get(source.getConfigMapRef().getName()).getData().keySet());
            }
        }
        for (String name : List.of("DUNWELL_DISPATCH_SMTP_HOST", "DUNWELL_DISPATCH_SMTP_PORT")) {
            if (!env.containsKey(name) && !fromConfigMaps.contains(name)) {
                problems.add("the Deployment does not set " + name);
            }
        }
        return problems;
    }

    static List<String> service(Rendered r) {
        List<String> problems = new ArrayList<>();
        Service service = r.one(Service.class);
        Map<String, String> podLabels = r.deployment().getSpec().getTemplate().getMetadata().getLabels();
        if (!selects(service.getSpec().getSelector(), podLabels)) {
            problems.add("the Service's selector " + service.getSpec().getSelector() + " misses the Deployment's pods " + podLabels);
        }
        if (selects(service.getSpec().getSelector(), r.cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels())) {
            problems.add("the Service's selector also picks the CronJob's pods");
        }
        if (service.getSpec().getPorts().stream().noneMatch(p -> port(api(r), p.getTargetPort()) == 8080)) {
            problems.add("no Service port reaches the container's 8080");
        }
        return problems;
    }

    /** Prometheus finds the API's pods by their annotations and scrapes /q/metrics on the container's HTTP port. */
    static List<String> metricsScraped(Rendered r) {
        List<String> problems = new ArrayList<>();
        Map<String, String> annotations = r.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        Map<String, String> found = annotations == null ? Map.of() : annotations;
        if (!"true".equals(found.get("prometheus.io/scrape"))) {
            problems.add("the Deployment's pods need the annotation prometheus.io/scrape: \"true\" (has " + found.get("prometheus.io/scrape") + ")");
        }
        if (!"/q/metrics".equals(found.get("prometheus.io/path"))) {
            problems.add("prometheus.io/path must be /q/metrics, where Quarkus serves the metrics (has " + found.get("prometheus.io/path") + ")");
        }
        String port = found.get("prometheus.io/port");
        boolean served = port != null && port.matches("\\d+") && Integer.parseInt(port) == 8080
                && api(r).getPorts().stream().anyMatch(p -> p.getContainerPort() == 8080);
        if (!served) {
            problems.add("prometheus.io/port must be the container's HTTP port 8080, which serves /q/metrics (has " + port + ")");
        }
        return problems;
    }

    static List<String> disruptionBudget(Rendered r) {
        List<PodDisruptionBudget> budgets = r.all(PodDisruptionBudget.class);
        if (budgets.isEmpty()) {
            return List.of("no PodDisruptionBudget");
        }
        Map<String, String> podLabels = r.deployment().getSpec().getTemplate().getMetadata().getLabels();
        List<String> problems = new ArrayList<>();
        for (PodDisruptionBudget budget : budgets) {
            if (!selects(budget.getSpec().getSelector().getMatchLabels(), podLabels)) {
                problems.add("PodDisruptionBudget " + name(budget) + " does not select the Deployment's pods " + podLabels);
            }
            if (budget.getSpec().getMinAvailable() == null && budget.getSpec().getMaxUnavailable() == null) {
                problems.add("PodDisruptionBudget " + name(budget) + " sets neither minAvailable nor maxUnavailable");
            }
        }
        return problems;
    }

    static List<String> networkPolicy(Rendered r) {
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        if (policies.isEmpty()) {
            return List.of("no NetworkPolicy");
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> apiPods = r.deployment().getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> jobPods = r.cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels();
        List<NetworkPolicy> forApi = policies.stream().filter(p -> selects(p.getSpec().getPodSelector().getMatchLabels(), apiPods)).toList();
        if (forApi.isEmpty() || policies.stream().noneMatch(p -> selects(p.getSpec().getPodSelector().getMatchLabels(), jobPods))) {
            problems.add("the NetworkPolicies do not select both the Deployment's and the CronJob's pods");
            return problems;
        }
        NetworkPolicy policy = forApi.get(0);
        if (!policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))) {
            problems.add("policyTypes " + policy.getSpec().getPolicyTypes() + " are not Ingress and Egress");
        }
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            if (rule.getPorts() == null || rule.getPorts().isEmpty()
                    || rule.getPorts().stream().anyMatch(p -> p.getPort() == null || port(api(r), p.getPort()) != 8080)) {
                problems.add("an ingress rule allows more than port 8080: " + rule.getPorts());
            }
        }
        Set<Integer> egress = new TreeSet<>();
        for (var rule : policy.getSpec().getEgress()) {
            if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
                problems.add("an egress rule allows every port");
                continue;
            }
            rule.getPorts().stream().map(NetworkPolicyPort::getPort).filter(Objects::nonNull).map(IntOrString::getIntVal)
                    .filter(Objects::nonNull).forEach(egress::add);
        }
        for (int needed : List.of(53, 5432, 443)) {
            if (!egress.contains(needed)) {
                problems.add("egress to port " + needed + " is not allowed (" + Map.of(53, "DNS", 5432, "PostgreSQL", 443, "HTTPS providers").get(needed) + ")");
            }
        }
        if (!egress.contains(25) && !egress.contains(587) && !egress.contains(465)) {
            problems.add("egress to SMTP (25, 587 or 465) is not allowed");
        }
        return problems;
    }

    static List<String> secretsFromSecrets(Rendered r) {
        List<String> problems = new ArrayList<>();
        for (var doc : r.docs()) {
            if (doc instanceof io.fabric8.kubernetes.api.model.Secret secret) {
                problems.add("Secret " + name(secret) + " is rendered with its values: create Secrets outside the manifests (docs/deploy.md)");
            }
        }
        Set<String> secretKeysOfConfigMaps = new TreeSet<>();
        r.all(ConfigMap.class).forEach(c -> {
            if (c.getData() != null) {
                c.getData().keySet().stream().filter(k -> SECRET_NAME.matcher(k).matches()).forEach(k -> secretKeysOfConfigMaps.add(name(c) + "/" + k));
            }
        });
        if (!secretKeysOfConfigMaps.isEmpty()) {
            problems.add("ConfigMaps hold what looks like secrets: " + secretKeysOfConfigMaps);
        }
        for (Container c : containers(r)) {
            Map<String, EnvVar> env = byName(c.getEnv());
            for (EnvVar e : c.getEnv()) {
                boolean fromSecret = e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null;
                if (SECRET_NAME.matcher(e.getName()).matches() && !fromSecret) {
                    problems.add(c.getName() + ": " + e.getName() + " does not come from a secretKeyRef");
                }
                if (e.getValue() != null && e.getValue().toLowerCase().contains("password=")) {
                    problems.add(c.getName() + ": " + e.getName() + " has a password in its value");
                }
                if (e.getName().endsWith("JDBC_URL") && !fromSecret) {
                    Matcher m = ENV_REFERENCE.matcher(Objects.requireNonNullElse(e.getValue(), ""));
                    while (m.find()) {
                        EnvVar ref = env.get(m.group(1));
                        if (ref == null || ref.getValueFrom() == null || ref.getValueFrom().getSecretKeyRef() == null) {
                            problems.add(c.getName() + ": " + e.getName() + " uses $(" + m.group(1) + "), which does not come from a Secret");
                        }
                    }
                }
            }
            for (var source : c.getEnvFrom()) {
                if (source.getConfigMapRef() == null && source.getSecretRef() == null) {
                    problems.add(c.getName() + ": an envFrom that is neither a ConfigMap nor a Secret");
                }
            }
        }
        return problems;
    }

    static List<String> image(Rendered r) {
        List<String> problems = new ArrayList<>();
        for (Container c : containers(r)) {
            String image = c.getImage();
            String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
            if (image.equals("dunwell") || tag.isEmpty() || tag.contains("/") || tag.equals("latest")) {
                problems.add(c.getName() + " runs image " + image + ": set a name and a tag other than latest in the overlay's images:");
            }
        }
        return problems;
    }

    /** Production keeps its data in a CloudNativePG Cluster and logs in with the Secret the operator makes for it. */
    @SuppressWarnings("unchecked")
    static List<String> cloudNativePg(Rendered r) {
        if (!r.overlay().equals("production")) {
            return List.of();
        }
        List<GenericKubernetesResource> clusters = r.all(GenericKubernetesResource.class).stream()
                .filter(g -> "postgresql.cnpg.io/v1".equals(g.getApiVersion()) && "Cluster".equals(g.getKind())).toList();
        if (clusters.size() != 1) {
            return List.of("production renders " + clusters.size() + " CloudNativePG Clusters (postgresql.cnpg.io/v1), not one");
        }
        List<String> problems = new ArrayList<>();
        GenericKubernetesResource cluster = clusters.get(0);
        Object instances = cluster.get("spec", "instances");
        if (!(instances instanceof Number n) || n.intValue() < 3) {
            problems.add("the Cluster has " + instances + " instances, production needs 3");
        }
        if (cluster.get("spec", "storage", "size") == null) {
            problems.add("the Cluster sets no storage size");
        }
        String database = cluster.get("spec", "bootstrap", "initdb", "database");
        String owner = cluster.get("spec", "bootstrap", "initdb", "owner");
        if (database == null || owner == null) {
            problems.add("the Cluster's bootstrap.initdb names no database and owner");
        }
        String appSecret = name(cluster) + "-app";   // CloudNativePG's Secret for the owner of the initdb database
        for (Container c : containers(r)) {
            Map<String, EnvVar> env = byName(c.getEnv());
            fromSecret(c, env, "QUARKUS_DATASOURCE_USERNAME", appSecret, Set.of("username", "user"), problems);
            fromSecret(c, env, "QUARKUS_DATASOURCE_PASSWORD", appSecret, Set.of("password"), problems);
            EnvVar url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            if (url == null) {
                problems.add(c.getName() + ": no QUARKUS_DATASOURCE_JDBC_URL");
            } else if (url.getValueFrom() != null) {
                fromSecret(c, env, url.getName(), appSecret, Set.of("jdbc-uri", "fqdn-jdbc-uri"), problems);
            } else {
                Matcher m = ENV_REFERENCE.matcher(Objects.requireNonNullElse(url.getValue(), ""));
                Set<String> keys = new TreeSet<>();
                while (m.find()) {
                    EnvVar ref = env.get(m.group(1));
                    if (fromSecret(c, env, m.group(1), appSecret, Set.of("host", "port", "dbname"), problems)) {
                        keys.add(ref.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
                if (!url.getValue().startsWith("jdbc:postgresql://") || !keys.equals(Set.of("host", "port", "dbname"))) {
                    problems.add(c.getName() + ": QUARKUS_DATASOURCE_JDBC_URL=" + url.getValue() + " is not built from host, port and dbname of " + appSecret);
                }
            }
        }
        return problems;
    }

    private static boolean fromSecret(Container c, Map<String, EnvVar> env, String name, String secret, Set<String> keys, List<String> problems) {
        EnvVar e = env.get(name);
        var ref = e == null || e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef();
        if (ref == null || !secret.equals(ref.getName()) || !keys.contains(ref.getKey())) {
            problems.add(c.getName() + ": " + name + " does not come from the CloudNativePG Secret " + secret + " (key " + keys + "), but from "
                    + (ref == null ? "no Secret" : ref.getName() + "/" + ref.getKey()));
            return false;
        }
        return true;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    static Container api(Rendered r) {
        return podSpec(r.deployment()).getContainers().get(0);
    }

    static Container job(Rendered r) {
        return podSpec(r.cronJob()).getContainers().get(0);
    }

    static List<Container> containers(Rendered r) {
        return Stream.concat(podSpec(r.deployment()).getContainers().stream(), podSpec(r.cronJob()).getContainers().stream()).toList();
    }

    static PodSpec podSpec(HasMetadata workload) {
        if (workload instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec();
        }
        if (workload instanceof CronJob c) {
            return c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        }
        throw new IllegalArgumentException(workload.getKind());
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no env " + name));
    }

    static String describe(EnvVar e) {
        if (e == null) {
            return "unset";
        }
        if (e.getValueFrom() == null) {
            return "\"" + e.getValue() + "\"";
        }
        var secret = e.getValueFrom().getSecretKeyRef();
        var configMap = e.getValueFrom().getConfigMapKeyRef();
        return secret != null ? "Secret " + secret.getName() + "/" + secret.getKey()
                : configMap != null ? "ConfigMap " + configMap.getName() + "/" + configMap.getKey() : e.getValueFrom().toString();
    }

    static Map<String, EnvVar> byName(List<EnvVar> env) {
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        env.forEach(e -> byName.put(e.getName(), e));
        return byName;
    }

    static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** A port number, resolving a named port against the container's ports; -1 when it names none. */
    static int port(Container c, IntOrString port) {
        if (port == null) {
            return -1;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(p -> p.getContainerPort()).findFirst().orElse(-1);
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    static String name(HasMetadata resource) {
        return resource.getMetadata() == null ? "?" : resource.getMetadata().getName();
    }

    /** The files of a repository directory whose names pass the filter, by name, with their text. */
    static Map<String, String> files(String dir, java.util.function.Predicate<String> wanted) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(REPO.resolve(dir))) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                if (wanted.test(file.getFileName().toString())) {
                    files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(files.isEmpty(), "no policy files in " + dir);
        return files;
    }

    static String firstFile(String dir, String suffix) {
        return files(dir, n -> n.endsWith(suffix)).keySet().iterator().next();
    }
}
