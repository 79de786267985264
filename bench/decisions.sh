#!/usr/bin/env bash
# Load benchmark of the decision endpoints: the packaged service (embedded PostgreSQL, every decision stored) under wrk,
# beside a no-op endpoint of the same server in the same run. Traffic stays on 127.0.0.1.
#   bash bench/decisions.sh [seconds] [connections]
# Prints requests/s of GET /q/health/live (the no-op), POST /api/v1/decisions without a key (decisions open, as the
# ratio takes it), the same with a center's integration key (what a platform sends: the key is looked up on every
# request), POST /api/v1/decisions/batch (100 requests per call, as decisions/s), the ratio of the decision endpoint to
# the no-op, and how many decisions the log holds at the end (every answered one). BENCH_REBUILD=1 packages the service again first. Every endpoint is warmed up
# before it is timed, the no-op too: the decision path for BENCH_WARMUP_SECONDS (default 120; on two cores the JIT
# compiles it for minutes, and the rate a long-running service sees is the one that counts), the others for [seconds].
# BENCH_APP runs another build's quarkus-app directory (to compare two builds on the same machine in the same hour).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
connections=${2:-32}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
app=${BENCH_APP:-target/quarkus-app}
if [ -z "${BENCH_APP:-}" ] && { [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; }; then
  ./mvnw -B -q package -DskipTests
fi
port=18181
pg_port=54339
. bench/service.sh
DUNWELL_AUTH_OPEN_DECISIONS=true start_service $port $pg_port target/bench-data target/bench-service.log -Ddunwell.auth.bootstrap-key=bench-key

center=$(python3 -c "import json; print(json.load(open('bench/decision-request.json'))['center']['id'])")
admin=$(curl -sf -X POST -H 'Authorization: Bearer bench-key' -H 'Content-Type: application/json' -d "{\"id\":\"$center\"}" \
  "http://127.0.0.1:$port/api/v1/centers" | python3 -c "import json, sys; print(json.load(sys.stdin)['adminKey']['key'])")
integration=$(curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"bench","roles":["integration"]}' "http://127.0.0.1:$port/api/v1/keys" \
  | python3 -c "import json, sys; print(json.load(sys.stdin)['key'])")

scripts=target/bench-wrk
mkdir -p "$scripts"
python3 - "$scripts" "$integration" <<'PY'
import json, sys
out, key = sys.argv[1], sys.argv[2]
one = json.load(open("bench/decision-request.json"))
def lua(path, body, headers=""):
    with open(path, "w") as f:
        f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n' + headers + 'wrk.body = ' + json.dumps(json.dumps(body)) + "\n")
        f.write('done = function(summary, latency, requests)\n  io.write(string.format("non2xx=%d\\n", summary.errors.status))\nend\n')
lua(out + "/decision.lua", one)
lua(out + "/keyed.lua", one, 'wrk.headers["Authorization"] = "Bearer ' + key + '"\n')
batch = []
for i in range(100):
    r = json.loads(json.dumps(one)); r["invoice"]["id"] = "INV-B%03d" % i; batch.append(r)
lua(out + "/batch.lua", {"requests": batch})
PY

rate() { sed -n 's/^Requests\/sec: *//p'; }
run() { # name, wrk arguments…
  local name=$1; shift
  local out; out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
  local errors; errors=$(echo "$out" | sed -n 's/^non2xx=//p')
  [ "${errors:-0}" = 0 ] || { echo "$name: $errors answers were not 2xx" >&2; echo "$out" >&2; exit 1; }
  echo "$out" | sed -n 's/^ *99% *//p' > "$scripts/$name.p99"
  echo "$out" | rate
}
warmup=${BENCH_WARMUP_SECONDS:-120}
echo "warming up (${warmup} s of decisions, then ${seconds} s each of keyed decisions, batches and the no-op)"
seconds=$warmup run warmup -s "$scripts/decision.lua" "http://127.0.0.1:$port/api/v1/decisions" > /dev/null
run warmup -s "$scripts/keyed.lua" "http://127.0.0.1:$port/api/v1/decisions" > /dev/null
run warmup -s "$scripts/batch.lua" -c4 "http://127.0.0.1:$port/api/v1/decisions/batch" > /dev/null
run warmup "http://127.0.0.1:$port/q/health/live" > /dev/null

noop=$(run noop "http://127.0.0.1:$port/q/health/live")
single=$(run single -s "$scripts/decision.lua" "http://127.0.0.1:$port/api/v1/decisions")
keyed=$(run keyed -s "$scripts/keyed.lua" "http://127.0.0.1:$port/api/v1/decisions")
batches=$(wrk -t2 -c4 -d"${seconds}s" -s "$scripts/batch.lua" "http://127.0.0.1:$port/api/v1/decisions/batch" | rate)
stored=$(PGPASSWORD=postgres psql -h 127.0.0.1 -p $pg_port -U postgres -tAc "select count(*) from decision_record" postgres 2>/dev/null || echo "?")
echo "GET /q/health/live (no-op): $noop requests/s (p99 $(cat "$scripts/noop.p99"))"
echo "POST /api/v1/decisions: $single decisions/s (p99 $(cat "$scripts/single.p99")), every decision stored"
echo "POST /api/v1/decisions with a center's key: $keyed decisions/s (p99 $(cat "$scripts/keyed.p99"))"
echo "POST /api/v1/decisions/batch (100 per call, 4 connections): $(python3 -c "print(round($batches * 100))") decisions/s"
echo "decisions in the log at the end: $stored"
python3 -c "print('ratio: decisions / no-op = %.1f%% (target >= 25%%)' % (100 * $single / $noop))"
