#!/usr/bin/env bash
# Load benchmark of POST /api/v1/decisions: the packaged service (embedded PostgreSQL, every decision
# stored) under ApacheBench on this machine, after a warm-up. Traffic stays on 127.0.0.1.
#   bash bench/decisions.sh [requests] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-5000}
concurrency=${2:-8}
command -v ab >/dev/null || { apt-get update -qq && apt-get install -y -qq apache2-utils; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
port=18181
DUNWELL_AUTH_OPEN_DECISIONS=true java -Dquarkus.http.port=$port -Ddunwell.database.embedded-port=54339 -Ddunwell.rate-limit.enabled=false -Ddunwell.database.data-dir=target/bench-data -jar target/quarkus-app/quarkus-run.jar > target/bench-service.log 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 1; done
ab -q -n 1000 -c "$concurrency" -p bench/decision-request.json -T application/json "http://127.0.0.1:$port/api/v1/decisions" >/dev/null
echo "POST /api/v1/decisions, $requests requests, $concurrency concurrent (after 1000 warm-up requests):"
ab -n "$requests" -c "$concurrency" -p bench/decision-request.json -T application/json "http://127.0.0.1:$port/api/v1/decisions" \
  | grep -E "Complete requests|Failed requests|Non-2xx|Requests per second|Time per request.*\(mean\)$|  50%|  95%|  99%"
