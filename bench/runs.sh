#!/usr/bin/env bash
# Benchmark of an evaluation run: the packaged service (embedded PostgreSQL, -Xmx1g), a center with N families and
# invoices loaded straight into PostgreSQL with COPY, then one run over every open invoice (AUTO mode: decisions,
# effects, outbox rows and events written), timed. The last line reads
#   N invoices in S s: R invoices/s, peak heap H MiB
#   bash bench/runs.sh [invoices]          (default 20000; BENCH_REBUILD=1 packages the service again first)
# Before it, BENCH_WARMUP runs (default 2) of 20,000 invoices each in centers of their own, printed as warm-up: the service
# a platform runs daily has compiled its hot code long before (the JIT compiles for the whole first run and much of the
# second). BENCH_WARMUP=0 times the first run after a start.
# BENCH_JAVA_OPTS adds JVM options to the service (e.g. a JFR recording); BENCH_APP runs another build's quarkus-app
# directory (to compare two builds on the same machine in the same hour).
set -euo pipefail
cd "$(dirname "$0")/.."
invoices=${1:-20000}
command -v psql >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; }
app=${BENCH_APP:-target/quarkus-app}
if [ -z "${BENCH_APP:-}" ] && { [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; }; then
  ./mvnw -B -q package -DskipTests
fi
port=18182
pg_port=54349
key=bench-key
. bench/service.sh
start_service $port $pg_port target/bench-runs-data target/bench-runs.log -Ddunwell.auth.bootstrap-key=$key \
  -Ddunwell.dispatch.scheduled=false -Ddunwell.events.scheduled=false
for _ in $(seq 1 "${BENCH_WARMUP:-2}"); do
  python3 bench/run_data.py "http://127.0.0.1:$port" "$key" 20000 "$service" "$pg_port" | sed 's/^/warm-up: /'
done
python3 bench/run_data.py "http://127.0.0.1:$port" "$key" "$invoices" "$service" "$pg_port"
