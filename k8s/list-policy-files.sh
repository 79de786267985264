#!/usr/bin/env bash
# Rewrites the file lists of rules/kustomization.yaml and dmn/kustomization.yaml from what is in rules/,
# rules/tests/ and dmn/ (kustomize takes no wildcards). Run it after adding or removing a policy file:
#   bash k8s/list-policy-files.sh
set -euo pipefail
cd "$(dirname "$0")/.."

list() { # list <dir> <prefix> <pattern...>: "      - <prefix><file>" for each matching file, sorted
  local dir=$1 prefix=$2; shift 2
  (cd "$dir" && for pattern in "$@"; do ls -1 $pattern 2>/dev/null || true; done) | LC_ALL=C sort -u | sed "s|^|      - $prefix|"
}

rewrite() { # rewrite <kustomization> <generator name> <lines>: replaces that generator's files: list
  local file=$1 name=$2 lines=$3
  awk -v name="$name" -v lines="$lines" '
    $0 ~ "- name: " name "$" { print; inside = 1; next }
    inside && /^    files:/ { print; print lines; skipping = 1; next }
    skipping && /^      - / { next }
    { skipping = 0; if ($0 ~ /^  - name: /) inside = 0; print }
  ' "$file" > "$file.tmp" && mv "$file.tmp" "$file"
}

rewrite rules/kustomization.yaml dunwell-rules "$( (list rules '' '*.drl'; list rules '' settings.json phases.txt) )"
rewrite rules/kustomization.yaml dunwell-rule-tests "$(list rules/tests tests/ '*.json')"
rewrite dmn/kustomization.yaml dunwell-dmn "$(list dmn '' '*.dmn')"
echo "policy file lists written: rules/kustomization.yaml, dmn/kustomization.yaml"
