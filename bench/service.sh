# Sourced by the benchmarks: starts the packaged service and waits until it is ready.
#   start_service PORT PG_PORT DATA_DIR LOG [java options…]
# Runs $app/quarkus-run.jar (app defaults to target/quarkus-app; BENCH_APP names another build's) with -Xmx1g, the
# embedded PostgreSQL on PG_PORT with its data in DATA_DIR (emptied first), no rate limit and no scheduled runs; the
# options given come after those. Sets $service to its pid and stops it when the script exits.
start_service() {
  local port=$1 pg_port=$2 data=$3 log=$4
  shift 4
  rm -rf "$data"
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$port" -Ddunwell.database.embedded-port="$pg_port" \
    -Ddunwell.database.data-dir="$data" -Ddunwell.rate-limit.enabled=false -Ddunwell.runs.scheduled=false "$@" \
    -jar "${app:-target/quarkus-app}/quarkus-run.jar" > "$log" 2>&1 &
  service=$!
  trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return 0; sleep 1; done
  echo "the service did not start: $log" >&2
  exit 1
}
