#!/usr/bin/env bash
# Checks the operator artefacts without a Prometheus or Grafana server:
#   - alerts/: `promtool check rules` and `promtool test rules` (the promtool unit tests);
#   - alerts/: every runbook_url points at a heading of docs/alerts.md;
#   - dashboards/*.json: valid JSON (jq), unique panel ids, every datasource is the
#     `${datasource}` variable (no hard-coded UID), the datasource/channel/kind variables exist;
#   - every PromQL expression of the dashboards (panel targets, annotations, variable queries),
#     with Grafana's macros replaced ($__rate_interval -> 1m, $__range -> 1h, $var -> .*), wrapped
#     as recording rules and parsed by `promtool check rules`.
# Needs promtool (Debian package prometheus) and jq. Exit 0 when everything holds, 1 when a check
# fails, 2 when a tool is missing. ArtefactsTest runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for tool in promtool jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    pkg=$tool; [ "$tool" = promtool ] && pkg=prometheus
    echo "check-artefacts: $tool not found; install it with: apt-get install -y --no-install-recommends $pkg" >&2
    exit 2
  fi
done

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok:   $*"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- alerts -------------------------------------------------------------------------------------
rules=alerts/drwatch.rules.yml
tests=alerts/drwatch.rules.test.yml
if promtool check rules "$rules" >"$tmp/check.out" 2>&1; then
  ok "promtool check rules $rules: $(grep -o 'SUCCESS.*' "$tmp/check.out" | head -1)"
else
  cat "$tmp/check.out" >&2
  fail "promtool check rules $rules"
fi
if promtool test rules "$tests" >"$tmp/test.out" 2>&1; then
  ok "promtool test rules $tests: $(grep -c '^  - eval_time\|^      - eval_time' "$tests") alert cases, SUCCESS"
else
  cat "$tmp/test.out" >&2
  fail "promtool test rules $tests"
fi

# Every runbook_url ends in .../alerts.md#<anchor> (an absolute URL built from the external label
# drwatch_runbook_base) and the anchor is a "## " heading of docs/alerts.md (GitHub's anchor: lower
# case, spaces to dashes, other punctuation dropped).
if [ -f docs/alerts.md ]; then
  { grep '^## ' docs/alerts.md || true; } | sed 's/^## //' | tr 'A-Z' 'a-z' \
    | sed 's/ /-/g; s/[^a-z0-9_-]//g' | sort -u >"$tmp/anchors"
else
  fail "docs/alerts.md is missing"
  : >"$tmp/anchors"
fi
n_urls=0
failures_before=$failures
while read -r url; do
  n_urls=$((n_urls + 1))
  case "$url" in
    *'/alerts.md#'*) anchor=${url##*/alerts.md#} ;;
    *) fail "runbook_url $url does not point at .../alerts.md#<anchor>"; continue ;;
  esac
  grep -qx -- "$anchor" "$tmp/anchors" || fail "runbook_url $url: no heading '## ...' with anchor '$anchor' in docs/alerts.md"
done < <(sed -n 's/^ *runbook_url: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$rules")
n_alerts=$(grep -c '^ *- alert: ' "$rules")
[ "$n_urls" -eq "$n_alerts" ] || fail "$rules: $n_alerts alerts but $n_urls runbook_url annotations"
[ "$failures" -gt "$failures_before" ] || ok "$n_urls runbook_urls resolve to headings of docs/alerts.md"

# --- dashboards ---------------------------------------------------------------------------------
# Grafana macros and variables, replaced by values PromQL can parse.
jq_subst='def subst:
  gsub("\\$__rate_interval"; "1m") | gsub("\\$__interval"; "1m") | gsub("\\$__range"; "1h")
  | gsub("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:[A-Za-z]+)?\\}"; ".*")
  | gsub("\\[\\[[A-Za-z_][A-Za-z0-9_]*\\]\\]"; ".*")
  | gsub("\\$[A-Za-z_][A-Za-z0-9_]*"; ".*");'

echo '{"groups": []}' >"$tmp/exprs.json"
shopt -s nullglob
dashboards=(dashboards/*.json)
[ "${#dashboards[@]}" -gt 0 ] || fail "no dashboards/*.json"
for d in "${dashboards[@]}"; do
  name=$(basename "$d" .json)
  failures_before=$failures
  if ! jq empty "$d" 2>"$tmp/jq.err"; then
    fail "$d is not valid JSON: $(cat "$tmp/jq.err")"
    continue
  fi

  dups=$(jq -r '[.. | objects | select(has("gridPos")) | .id] | group_by(.) | map(select(length > 1) | .[0]) | map(tostring) | join(", ")' "$d")
  missing_ids=$(jq '[.. | objects | select(has("gridPos")) | select(.id == null)] | length' "$d")
  [ -z "$dups" ] || fail "$d: duplicate panel ids: $dups"
  [ "$missing_ids" -eq 0 ] || fail "$d: $missing_ids panels without an id"

  # Every datasource reference is the variable; Grafana's own built-in annotation source aside.
  bad_ds=$(jq -c '[.. | objects | select(has("datasource")) | .datasource
      | select(. != {"type": "prometheus", "uid": "${datasource}"}
               and . != {"type": "grafana", "uid": "-- Grafana --"})] | unique' "$d")
  [ "$bad_ds" = "[]" ] || fail "$d: datasource must be {\"type\":\"prometheus\",\"uid\":\"\${datasource}\"}, found $bad_ds"
  no_ds=$(jq -r '[.. | objects | select(has("targets")) | select(.type != "row") | select(.datasource == null) | .title] | join(", ")' "$d")
  [ -z "$no_ds" ] || fail "$d: panels without a datasource: $no_ds"
  if jq -e '.__inputs // empty | length > 0' "$d" >/dev/null; then
    fail "$d: has __inputs (an 'export for sharing externally' file); use the datasource variable instead"
  fi

  jq -e '.templating.list | any(.name == "datasource" and .type == "datasource" and .query == "prometheus")' "$d" >/dev/null \
    || fail "$d: no template variable 'datasource' of type datasource with query prometheus"
  for var in channel kind; do
    jq -e --arg v "$var" '.templating.list | any(.name == $v and .type == "query"
        and (((.query | if type == "object" then .query else . end) // "") | test("^label_values\\(.*, *" + $v + "\\)$")))' "$d" >/dev/null \
      || fail "$d: no template variable '$var' of type query with label_values(..., $var)"
  done

  # Panels that query must have an expression.
  empty=$(jq -r '[.. | objects | select(has("targets")) | select(.type != "row") | .title as $t | .targets[] | select((.expr // "") | test("^\\s*$")) | $t] | join(", ")' "$d")
  [ -z "$empty" ] || fail "$d: targets without expr in: $empty"

  # Every expression becomes a recording rule named after where it lives.
  jq --arg name "${name//-/_}" "$jq_subst"'
    [ (.. | objects | select(has("targets")) | select(.type != "row") | .id as $id
        | .targets[] | select(.expr != null) | {where: "panel_\($id)_\(.refId)", expr: .expr}),
      (.annotations.list[]? | select(.expr != null) | {where: "annotation_\(.name | gsub("[^A-Za-z0-9]"; "_"))", expr: .expr}),
      (.templating.list[] | select(.type == "query") | (.query | if type == "object" then .query else . end) as $q
        | if ($q | test("^label_values\\(.*,"))
          then {where: "variable_\(.name)", expr: ($q | sub("^label_values\\((?<s>.*), *[A-Za-z_][A-Za-z0-9_]*\\)$"; "\(.s)"))}
          elif ($q | test("^query_result\\("))
          then {where: "variable_\(.name)", expr: ($q | sub("^query_result\\((?<s>.*)\\)$"; "\(.s)"))}
          else empty end)
    ] | {name: "dashboard_\($name)", rules: map({record: "dashboard:\($name):\(.where)", expr: (.expr | subst)})}
  ' "$d" >"$tmp/$name.group.json"
  jq --slurpfile g "$tmp/$name.group.json" '.groups += $g' "$tmp/exprs.json" >"$tmp/exprs.next" && mv "$tmp/exprs.next" "$tmp/exprs.json"
  [ "$failures" -gt "$failures_before" ] || ok "$d: JSON, $(jq '[.. | objects | select(has("gridPos"))] | length' "$d") panels with unique ids, datasource variable, channel/kind variables"
done

# JSON is YAML, so promtool reads the generated rule file as it is.
n_exprs=$(jq '[.groups[].rules[]] | length' "$tmp/exprs.json")
if promtool check rules "$tmp/exprs.json" >"$tmp/exprs.out" 2>&1; then
  ok "$n_exprs dashboard PromQL expressions parse (promtool check rules)"
else
  sed "s#$tmp/exprs.json#dashboard expressions#" "$tmp/exprs.out" >&2
  echo "(record names are dashboard:<file>:panel_<id>_<refId>; macros replaced: \$__rate_interval=1m, \$__range=1h, \$var=.*)" >&2
  fail "dashboard PromQL expressions"
fi

if [ "$failures" -gt 0 ]; then
  echo "check-artefacts: $failures check(s) failed" >&2
  exit 1
fi
echo "check-artefacts: all checks passed"
