#!/usr/bin/env bash
# "Core" benchmark: decisions per second of the shipped ruleset (CompiledRuleset.decide, no Quarkus, no HTTP,
# no database) on one thread, deciding the scenario corpus (rules/tests and the contract's scenarios)
# round-robin, beside a hand-written plain-Java implementation of the same policy (bench/core, ReferencePolicy).
# First checks that the two agree on the corpus and on 10,000 generated requests; stops if they do not.
#   bash bench/core.sh
# Environment: CORE_BENCH_SKIP_BUILD=1 reuses the jars already built; CORE_BENCH_JMH_ARGS adds JMH options
# (e.g. "-wi 1 -i 2" for a quick look); AGREEMENT_GENERATED sets the number of generated requests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jar=bench/core/target/dunwell-bench-core.jar
started=$(date +%s)

if [ "${CORE_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the service (./mvnw install -DskipTests) and the benchmark module"
  ./mvnw -B -q install -DskipTests
  ./mvnw -f bench/core/pom.xml -B -q package
fi
# The module takes the service's jar from the local Maven repository, which other checkouts may install into
# too: make sure the benchmark runs this checkout's build.
if ! cmp -s target/dunwell-0.1.0-SNAPSHOT.jar bench/core/target/lib/dunwell-0.1.0-SNAPSHOT.jar; then
  echo "using this checkout's target/dunwell-0.1.0-SNAPSHOT.jar (the local Maven repository held another build)"
  cp target/dunwell-0.1.0-SNAPSHOT.jar bench/core/target/lib/dunwell-0.1.0-SNAPSHOT.jar
fi

echo "== agreement: ruleset vs plain Java"
if ! java -Dagreement.generated="${AGREEMENT_GENERATED:-10000}" -cp "$jar" app.dunwell.bench.Agreement "$root" \
    2> bench/core/target/agreement.log; then
  echo "the ruleset and the plain-Java policy disagree (above; engine logs in bench/core/target/agreement.log): no benchmark" >&2
  exit 1
fi

echo "== JMH: DecideBenchmark, one thread"
result=bench/core/target/jmh-result.json
# shellcheck disable=SC2086
java -jar "$jar" 'app.dunwell.bench.DecideBenchmark' -t 1 -jvmArgsAppend "-Ddunwell.repo=$root" \
  -rf json -rff "$result" ${CORE_BENCH_JMH_ARGS:-} 2> bench/core/target/jmh.log \
  | { grep -E '^(# Benchmark:|# Warmup Iteration|Iteration|Benchmark |DecideBenchmark)' || true; }

echo "== $(( $(date +%s) - started )) s in all; JMH's own output: $result, bench/core/target/jmh.log"
python3 - "$result" <<'EOF'
import json, sys
runs = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
rules, plain = runs["ruleset"], runs["plainJava"]
for name, m in (("ruleset", rules), ("plain Java", plain)):
    print(f"{name}: ±{m['scoreError']:.0f} (99.9% confidence, {len(m['rawData'][0])} iterations)")
met = "met" if rules["score"] >= 20000 else "NOT met"
print(f"target: ruleset >= 20,000 decisions/s: {met}")
print(f"ruleset: {rules['score']:.0f} decisions/s")
print(f"plain Java: {plain['score']:.0f} decisions/s")
print(f"ratio: {plain['score']:.0f}/{rules['score']:.0f} = {plain['score'] / rules['score']:.1f}")
EOF
