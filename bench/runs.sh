#!/usr/bin/env bash
# Batch benchmark of an evaluation run: the packaged service (embedded PostgreSQL), a generated center with
# [invoices] families and invoices fed through signed webhooks, then one run over every open invoice, timed.
#   bash bench/runs.sh [invoices]
set -euo pipefail
cd "$(dirname "$0")/.."
invoices=${1:-5000}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
port=18182
key=bench-key
java -Dquarkus.http.port=$port -Ddunwell.database.embedded-port=54349 -Ddunwell.auth.bootstrap-key=$key -Ddunwell.rate-limit.enabled=false -Ddunwell.database.data-dir=target/bench-runs-data \
  -Ddunwell.runs.scheduled=false -Ddunwell.dispatch.scheduled=false -jar target/quarkus-app/quarkus-run.jar > target/bench-runs.log 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 1; done
python3 bench/run_data.py "http://127.0.0.1:$port" "$key" "$invoices" "$service"
