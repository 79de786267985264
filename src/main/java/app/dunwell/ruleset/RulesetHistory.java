package app.dunwell.ruleset;

import app.dunwell.state.JsonColumns;
import app.dunwell.state.Timestamps;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every ruleset that served, kept with its files in PostgreSQL (by any instance), so that a decision's
 * {@code rulesetVersion} always resolves to the files that made it: listed, read, and compiled again to replay a
 * decision or to let a run finish with the version it started with.
 */
@Startup
@ApplicationScoped
public class RulesetHistory {
    private static final Logger LOG = Logger.getLogger(RulesetHistory.class);
    private static final int COMPILED_KEPT = 4;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final ActiveRuleset rulesets;
    private final Map<String, CompiledRuleset> compiled = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRuleset> eldest) {
            return size() > COMPILED_KEPT;
        }
    };

    public RulesetHistory(EntityManager em, ObjectMapper mapper, ActiveRuleset rulesets) {
        this.em = em;
        this.mapper = mapper;
        this.rulesets = rulesets;
    }

    /** A version as listed: when it served, and its files' hashes. */
    public record Entry(String version, Instant servedFrom, Instant servedUntil, Map<String, String> fileHashes) {
    }

    /** A version with its files. */
    public record Files(String version, Instant servedFrom, Instant servedUntil, Map<String, String> files) {
    }

    @PostConstruct
    void keepEveryServingRuleset() {
        rulesets.onServe(this::served);
    }

    /** Records that {@code ruleset} serves from now on, and that the version it replaced here served until now. */
    void served(CompiledRuleset ruleset) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("update ruleset_version set served_until = now() where served_until is null and version <> ?1")
                        .setParameter(1, ruleset.version()).executeUpdate();
                em.createNativeQuery("insert into ruleset_version (version, files, file_hashes) values (?1, cast(?2 as jsonb), cast(?3 as jsonb)) "
                                + "on conflict (version) do update set served_until = null")
                        .setParameter(1, ruleset.version()).setParameter(2, JsonColumns.write(mapper, ruleset.files().contents()))
                        .setParameter(3, JsonColumns.write(mapper, ruleset.files().fileHashes())).executeUpdate();
            });
            synchronized (compiled) {
                compiled.put(ruleset.version(), ruleset);
            }
        } catch (RuntimeException e) {
            LOG.errorf("Ruleset %s serves but could not be recorded in its history: %s", ruleset.version(), e.getClass().getSimpleName());
        }
    }

    /** Every version that served, newest first. */
    @SuppressWarnings("unchecked")
    public List<Entry> list() {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) em.createNativeQuery(
                "select version, served_from, served_until, cast(file_hashes as text) from ruleset_version order by served_from desc")
                .getResultList()).stream().map(r -> new Entry((String) r[0], Timestamps.instant(r[1]), Timestamps.instant(r[2]),
                JsonColumns.read(mapper, (String) r[3], new TypeReference<Map<String, String>>() { }))).toList());
    }

    /** One version with its files, if it ever served. */
    @SuppressWarnings("unchecked")
    public Optional<Files> find(String version) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select version, served_from, served_until, cast(files as text) from ruleset_version where version = ?1")
                .setParameter(1, version).getResultList());
        return rows.stream().findFirst().map(r -> new Files((String) r[0], Timestamps.instant(r[1]), Timestamps.instant(r[2]),
                JsonColumns.read(mapper, (String) r[3], new TypeReference<Map<String, String>>() { })));
    }

    /**
     * The compiled ruleset of a version that served: the serving one, one kept from before, or its files compiled again
     * (they served, so they passed every check then).
     */
    public Optional<CompiledRuleset> compiled(String version) {
        Optional<CompiledRuleset> serving = rulesets.current().filter(r -> r.version().equals(version));
        if (serving.isPresent()) {
            return serving;
        }
        synchronized (compiled) {
            CompiledRuleset kept = compiled.get(version);
            if (kept != null) {
                return Optional.of(kept);
            }
        }
        return find(version).map(f -> {
            CompiledRuleset again = RulesetCompiler.compile(new RuleFiles(f.files()), Instant.now());
            synchronized (compiled) {
                compiled.put(version, again);
            }
            return again;
        });
    }
}
