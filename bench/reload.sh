#!/usr/bin/env bash
# Benchmark of a policy edit on a warm service: the packaged service reads a copy of rules/ and dmn/, an analyst's edit
# is appended to a DRL file three times, and each time the seconds from the edit to "Serving ruleset" (the file watcher's
# poll, every 2 s, included: compile, policy checks, the scenarios of rules/tests) are printed. The last line reads
#   reload served in S s (median of 3; compile and scenarios: C s)
#   bash bench/reload.sh                   (BENCH_REBUILD=1 packages the service again first)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -DskipTests
fi
port=18190
work=target/bench-reload
rm -rf "$work" && mkdir -p "$work" && cp -r rules dmn "$work/"
. bench/service.sh
start_service $port 54351 $work/data $work/service.log -Ddunwell.policy.rules-dir=$work/rules -Ddunwell.policy.dmn-dir=$work/dmn \
  -Dquarkus.log.console.json.enabled=false
sleep 3
file=$(ls $work/rules/*.drl | head -n 1)
times=()
for i in 1 2 3; do
  echo "// an analyst's edit $i" >> "$file"
  start=$(date +%s.%N)
  for _ in $(seq 1 600); do [ "$(grep -c 'Serving ruleset' $work/service.log)" -gt "$i" ] && break; sleep 0.05; done
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  times+=("$t")
  echo "edit $i served in $t s"
done
# The compile-to-serve part, from the service's own log: "Rule files changed" to "Serving ruleset".
inner=$(python3 - "$work/service.log" <<'PY'
import re, sys, datetime
lines = open(sys.argv[1]).read().splitlines()
def at(l):
    m = re.match(r'(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+)', l)
    return datetime.datetime.strptime(m.group(1), '%Y-%m-%d %H:%M:%S,%f') if m else None
spans, start = [], None
for l in lines:
    if 'Rule files changed' in l: start = at(l)
    elif 'Serving ruleset' in l and start: spans.append((at(l) - start).total_seconds()); start = None
spans.sort()
print(f"{spans[len(spans)//2]:.1f}" if spans else "?")
PY
)
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
printf 'reload served in %.1f s (median of 3; compile and scenarios: %s s)\n' "$median" "$inner"
