#!/usr/bin/env bash
# Smoke test of the container image, run the way Kubernetes runs it (k8s/base): a read-only root file
# system with an emptyDir-like /tmp, a non-root user, no capabilities, the policy mounted from
# directories, the settings from the environment, a real PostgreSQL. Checked from inside the container.
#
#   ./mvnw package -DskipTests && sudo k8s/smoke-test.sh
#
# Needs podman (with runc where crun cannot set rlimits), psql and a PostgreSQL it may create a database
# on (PGHOST 127.0.0.1, PGPORT 5432, PGUSER postgres, PGPASSWORD postgres unless set). Without BASE_IMAGE
# it builds localhost/dunwell-base:17 once with src/main/docker/build-base-image.sh (needs root); with
# BASE_IMAGE=<an image of yours with Java 17 and curl> it uses that. It listens on the host's port
# SMOKE_PORT (18080, so a service on 8080 is left alone). Prints PASS/FAIL lines; exits 1 on a failure.
set -uo pipefail

started=$SECONDS
cd "$(dirname "$0")/.."
repo="$PWD"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
DB=dunwell_smoke
NAME=dunwell-smoke
IMAGE=localhost/dunwell:smoke
PORT="${SMOKE_PORT:-18080}"
BASE="${BASE_IMAGE:-localhost/dunwell-base:17}"

failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
stop() { echo "FAIL  $*"; exit 1; }

# crun fails on setrlimit on some hosts (these machines among them): use runc when it is there, and a
# containers.conf without default ulimits unless one is given.
mkdir -p target/smoke
if [[ -z "${CONTAINERS_CONF:-}" ]]; then
    printf '[containers]\ndefault_ulimits = []\n' > target/smoke/containers.conf
    export CONTAINERS_CONF="$repo/target/smoke/containers.conf"
fi
runtime=()
if [[ -n "${PODMAN_RUNTIME:-}" ]]; then runtime=(--runtime "$PODMAN_RUNTIME")
elif command -v runc >/dev/null 2>&1; then runtime=(--runtime runc); fi
pod() { podman "${runtime[@]}" "$@"; }
in_container() { pod exec "$NAME" "$@"; }

cleanup() {
    pod rm -f -t 5 "$NAME" >/dev/null 2>&1
    pod rm -f -t 5 "$NAME-run-once" >/dev/null 2>&1
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
}
trap cleanup EXIT

for tool in podman psql; do
    command -v "$tool" >/dev/null || stop "$tool is missing (Debian: apt-get install podman runc postgresql-client)"
done
[[ -f target/quarkus-app/quarkus-run.jar ]] || stop "no target/quarkus-app/quarkus-run.jar: run ./mvnw package -DskipTests first"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    stop "port $PORT is taken on this host (the container uses the host network): set SMOKE_PORT"
fi

# ---- images ---------------------------------------------------------------------------------------
if [[ -z "${BASE_IMAGE:-}" ]] && ! pod image exists "$BASE"; then
    echo "....  building the base image $BASE (once; a few minutes)"
    src/main/docker/build-base-image.sh || stop "base image $BASE could not be built"
fi
t=$SECONDS
if pod build -q -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE="$BASE" -t "$IMAGE" . >target/smoke/build.log 2>&1; then
    pass "image $IMAGE built on $BASE ($((SECONDS - t)) s)"
else
    cat target/smoke/build.log; stop "image build"
fi

# ---- a fresh database -------------------------------------------------------------------------------
cleanup
psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" >/dev/null || stop "cannot create database $DB on $PGHOST:$PGPORT as $PGUSER"

# ---- run it as Kubernetes would -------------------------------------------------------------------
key="smoke-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
env_args=(
    -e DUNWELL_EMBEDDED_DB=false
    -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
    -e QUARKUS_DATASOURCE_USERNAME="$PGUSER"
    -e QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD"
    -e DUNWELL_AUTH_BOOTSTRAP_KEY="$key"
    -e DUNWELL_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
    -e DUNWELL_AUTH_OPEN_DECISIONS=false
    -e DUNWELL_RUNS_SCHEDULED=false
    -e DUNWELL_POLICY_RULES_DIR=/policy/rules
    -e DUNWELL_POLICY_DMN_DIR=/policy/dmn
    -e DUNWELL_POLICY_TESTS_DIR=/policy/tests
    -e DUNWELL_DISPATCH_SMTP_HOST=127.0.0.1
    -e DUNWELL_DISPATCH_SMTP_PORT=2525
    -e QUARKUS_HTTP_PORT="$PORT"
)
run_args=(
    --read-only --tmpfs /tmp:rw,size=256m,mode=1777
    --user 185 --cap-drop ALL --security-opt no-new-privileges
    --memory 1536m
    --network host
    -v "$repo/target/smoke/policy/rules:/policy/rules:ro"
    -v "$repo/target/smoke/policy/tests:/policy/tests:ro"
    -v "$repo/target/smoke/policy/dmn:/policy/dmn:ro"
)
# The policy as the ConfigMaps of k8s/ hold it: three flat directories (a ConfigMap key has no '/').
rm -rf target/smoke/policy && mkdir -p target/smoke/policy/{rules,tests,dmn}
cp rules/*.drl rules/settings.json target/smoke/policy/rules/
cp rules/tests/*.json target/smoke/policy/tests/
cp dmn/*.dmn target/smoke/policy/dmn/
t=$SECONDS
pod run -d --name "$NAME" "${run_args[@]}" "${env_args[@]}" "$IMAGE" >/dev/null || stop "container did not start"

ready=""
for _ in $(seq 1 90); do
    if [[ "$(pod inspect -f '{{.State.Running}}' "$NAME" 2>/dev/null)" != true ]]; then break; fi
    ready="$(in_container curl -s "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null)"
    if grep -q '"status": *"UP"' <<<"$ready"; then break; fi
    sleep 2
done
if grep -q '"status": *"UP"' <<<"$ready"; then
    pass "/q/health/ready is UP after $((SECONDS - t)) s (read-only root, /tmp only)"
else
    pod logs --tail 40 "$NAME" 2>&1
    stop "/q/health/ready never answered UP within 180 s: ${ready:-no answer}"
fi

# ---- checks from inside the container -------------------------------------------------------------
http() { # method path [curl args...] -> prints "<status> <body>"
    local method=$1 path=$2; shift 2
    in_container curl -s -o /tmp/smoke-body -w '%{http_code}' -X "$method" "$@" "http://127.0.0.1:$PORT$path"
    echo -n " "; in_container cat /tmp/smoke-body
}
check() { # name expected-status answer regex... (every regex must match the body)
    local name=$1 status=$2 answer=$3 regex; shift 3
    if [[ "${answer%% *}" != "$status" ]]; then fail "$name: got ${answer:0:300}"; return; fi
    for regex in "$@"; do
        grep -Eq -- "$regex" <<<"${answer#* }" || { fail "$name: no /$regex/ in ${answer:0:300}"; return; }
    done
    pass "$name"
}
post_json() { # path file [curl args...] -> "<status> <body>", the body sent from a file on this host
    local path=$1 file=$2; shift 2
    pod exec -i "$NAME" curl -s -o /tmp/smoke-body -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        "$@" --data-binary @- "http://127.0.0.1:$PORT$path" <"$file"
    echo -n " "; in_container cat /tmp/smoke-body
}

check "/q/health/live is UP" 200 "$(http GET /q/health/live)" '"status": *"UP"'
check "/q/health/started is UP" 200 "$(http GET /q/health/started)" '"status": *"UP"'

if pod logs "$NAME" 2>&1 | grep -q 'Reading the policy from /policy/rules'; then
    pass "the policy is read from the mounted directories (DUNWELL_POLICY_RULES_DIR, _DMN_DIR)"
else
    fail "the log does not say the policy is read from /policy/rules"
fi
scenarios="$(ls target/smoke/policy/tests | wc -l)"
warmed="$(pod logs "$NAME" 2>&1 | grep -oE 'decided [0-9]+ warm-up requests' | head -1 | grep -oE '[0-9]+')"
if [[ "$warmed" == "$scenarios" ]]; then
    pass "warmed up with the $scenarios scenarios of DUNWELL_POLICY_TESTS_DIR"
else  # the service reads <rules-dir>/tests until it knows DUNWELL_POLICY_TESTS_DIR
    echo "NOTE  warmed up with ${warmed:-?} requests, not the $scenarios scenarios in /policy/tests: DUNWELL_POLICY_TESTS_DIR is not read (yet)"
fi

answer="$(post_json /api/v1/decisions bench/decision-request.json -H "Authorization: Bearer $key")"
check "POST /api/v1/decisions answers a decision (bench/decision-request.json)" 200 "$answer" \
    '"rulesetVersion":"sha256:[0-9a-f]{64}"' '"decisionId":'
check "the decision is the README's (OVERDUE_FIRST in-app, a 25.00 late fee)" 200 "$answer" \
    '"channel":"IN_APP","kind":"OVERDUE_FIRST"' '"amount":"25.00","type":"ASSESS_LATE_FEE"'
check "POST /api/v1/decisions without a key is refused (DUNWELL_AUTH_OPEN_DECISIONS=false)" 401 \
    "$(post_json /api/v1/decisions bench/decision-request.json)"

check "/q/metrics serves Prometheus text, the decision endpoint counted" 200 "$(http GET /q/metrics)" \
    '^# (HELP|TYPE) ' '^http_server_requests_seconds_count\{.*uri="/api/v1/decisions"'

printf '%s' '{"text":"I will pay the balance on Friday, sorry for the delay","receivedAt":"2026-03-09T15:00:00Z","timezone":"America/New_York"}' \
    >target/smoke/reply.json
check "POST /api/v1/replies/classify runs the in-process model under a read-only root" 200 \
    "$(post_json /api/v1/replies/classify target/smoke/reply.json -H "Authorization: Bearer $key")" \
    '"sentiment":"PROMISE_TO_PAY"' '"promisedOn":"2026-03-13"' '"classifier":"offline-'

if in_container sh -c 'touch /deployments/x' 2>/dev/null; then fail "the root file system is writable"
else pass "the root file system is read-only"; fi
uid="$(in_container id -u)"
[[ "$uid" == 185 ]] && pass "runs as uid 185, not root" || fail "runs as uid $uid"
if pod logs "$NAME" 2>&1 | grep -q '"level":"ERROR"'; then
    fail "the log has errors: $(pod logs "$NAME" 2>&1 | grep '"level":"ERROR"' | head -3)"
else pass "no ERROR in the log"; fi
echo "....  memory in use: $(pod stats --no-stream --format '{{.MemUsage}}' "$NAME" 2>/dev/null)"

# ---- the CronJob's command --------------------------------------------------------------------------
t=$SECONDS
if pod run --name "$NAME-run-once" "${run_args[@]}" "${env_args[@]}" -e QUARKUS_HTTP_PORT=0 "$IMAGE" run-once \
        >target/smoke/run-once.log 2>&1 && grep -q 'run-once: ' target/smoke/run-once.log; then
    pass "run-once (the CronJob's command) worked the day's runs and exited 0 ($((SECONDS - t)) s)"
else
    tail -20 target/smoke/run-once.log; fail "run-once"
fi

pod stop -t 30 "$NAME" >/dev/null 2>&1
code="$(pod inspect -f '{{.State.ExitCode}}' "$NAME" 2>/dev/null)"
[[ "$code" == 0 || "$code" == 143 ]] && pass "stops on SIGTERM (exit $code)" || fail "exit code $code after SIGTERM"

echo "....  $((SECONDS - started)) s in all"
if ((failures)); then echo "FAIL  $failures check(s) failed"; exit 1; fi
echo "PASS  smoke test"
