#!/usr/bin/env bash
# The floor of a stored decision on this machine: what its parts cost when each runs alone, as machine CPU (every
# process: service, PostgreSQL, load generator), and the best ratio of decisions to the no-op that this allows.
#   bash bench/floor.sh
# 1. no-op: the packaged service's GET /q/health/live under wrk (as bench/decisions.sh, warmed up), CPU per request;
# 2. store: decision rows written into that service's embedded PostgreSQL with the decision writer's statement, in
#    batches of 32 (what 32 connections give it), CPU per row (StoreFloor);
# 3. decide: the shipped ruleset deciding the bench request on one thread per core, the service stopped (DecideFloor).
# A stored decision answered over HTTP costs at least the no-op's exchange, a row and a decision, so the decision
# endpoint can reach at most noop / (noop + store + decide) of the no-op's rate. CORE_BENCH_SKIP_BUILD=1 reuses the
# jars built already (by this script or bench/core.sh); BENCH_APP runs another build's quarkus-app directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=30
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
jar=bench/core/target/dunwell-bench-core.jar
if [ "${CORE_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q install -DskipTests
  ./mvnw -f bench/core/pom.xml -B -q package
fi
cmp -s target/dunwell-0.1.0-SNAPSHOT.jar bench/core/target/lib/dunwell-0.1.0-SNAPSHOT.jar \
  || cp target/dunwell-0.1.0-SNAPSHOT.jar bench/core/target/lib/dunwell-0.1.0-SNAPSHOT.jar
app=${BENCH_APP:-target/quarkus-app}
port=18183
pg_port=54341
. bench/service.sh
DUNWELL_AUTH_OPEN_DECISIONS=true start_service $port $pg_port target/bench-floor-data target/bench-floor-service.log

busy() { awk 'NR==1 {print $2+$3+$4+$7+$8+$9}' /proc/stat; } # ticks of user nice system irq softirq steal

wrk -t2 -c32 -d${seconds}s "http://127.0.0.1:$port/q/health/live" > /dev/null
before=$(busy)
requests=$(wrk -t2 -c32 -d${seconds}s "http://127.0.0.1:$port/q/health/live" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
after=$(busy)
noop=$(python3 -c "print(round(($after - $before) * 10000 / $requests, 1))")
echo "no-op: $((requests / seconds)) requests/s, $noop µs of machine CPU per request"

answer=target/bench-floor-answer.json
curl -sf -X POST -H 'Content-Type: application/json' --data-binary @bench/decision-request.json \
  "http://127.0.0.1:$port/api/v1/decisions" > "$answer"
store_line=$(java -cp "$jar" app.dunwell.bench.StoreFloor "jdbc:postgresql://127.0.0.1:$pg_port/postgres" postgres postgres \
  bench/decision-request.json "$answer" 200000 32)
echo "$store_line"
kill $service; wait $service 2>/dev/null || true

decide_line=$(java -cp "$jar" app.dunwell.bench.DecideFloor "$root" 90 $seconds 2> target/bench-floor-decide.log)
echo "$decide_line"
store=$(echo "$store_line" | sed -n 's/.*, \([0-9.]*\) µs of machine CPU per row/\1/p')
decide=$(echo "$decide_line" | sed -n 's/.*, \([0-9.]*\) µs of machine CPU per decision/\1/p')
python3 - "$noop" "$store" "$decide" <<'PY'
import sys
noop, store, decide = map(float, sys.argv[1:])
floor = noop + store + decide
print(f"a stored decision over HTTP costs at least {noop:.0f} + {store:.0f} + {decide:.0f} = {floor:.0f} µs of machine CPU")
print(f"the 25% target allows {4 * noop:.0f} µs; the best ratio this machine allows: {100 * noop / floor:.1f}%")
PY
