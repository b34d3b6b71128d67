#!/usr/bin/env bash
# Scale benchmark of the operator against the local control plane.
#
# Builds the control plane and the operator (-c opt), starts both (leader
# election off, metrics on an ephemeral loopback port), creates N SeiNodes
# (default 1000, 10 per namespace) with one `kubectl create -f` of a
# multi-document file, and measures:
#   - wall time from the create until all N are phase Running;
#   - Kubernetes API requests per node by verb, from the operator's
#     sei_controller_kube_api_requests_total (start-up LIST/WATCH excluded);
#   - the operator's peak RSS (VmHWM of /proc/PID/status);
#   - an idle phase (default 300 s) right after: API writes
#     (create/update/patch/delete) and reads (get/list/watch) by the operator.
# The simulated sidecars complete every task in the request that starts it
# (their default, lib/controlplane/sidecar/outcome_rules.h), so the figures
# are the operator's and the simulated cluster's, not the sidecars'.
# Prints a table and one line per goal (goal met / goal NOT met). Exit 0 when
# it ran to the end whatever the verdicts; 1 when something broke (a process
# died, a step timed out); 2 on a usage error. See docs/scale-benchmark.md.
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=1000
per_namespace=10
idle_seconds=300
running_timeout=1800
operator_args=()
usage() {
  cat <<'EOF'
usage: bash scripts/scale-benchmark.sh [flags]
  --nodes N             SeiNodes to create (default 1000)
  --nodes-per-namespace K
                        SeiNodes per namespace bench-NNNN (default 10; see
                        docs/scale-benchmark.md for why not all in one)
  --idle-seconds S      length of the idle phase (default 300)
  --quick               50 nodes, 20 s idle (for CI)
  --timeout S           longest wait for all nodes Running (default 1800)
  --kube-api-qps Q      passed to the operator (default: the operator's, 50)
  --kube-api-burst B    passed to the operator (default: the operator's, 100)
  --workers W           passed to the operator (default: the operator's, 4)
EOF
}
need_number() {  # need_number FLAG VALUE
  case "$2" in
    ''|*[!0-9.]*) echo "scale-benchmark: $1 needs a number, got \"$2\"" >&2; exit 2 ;;
  esac
}
while [ $# -gt 0 ]; do
  flag=$1
  value=""
  case "$flag" in
    --*=*) value=${flag#*=}; flag=${flag%%=*} ;;
  esac
  case "$flag" in
    --quick) nodes=50; idle_seconds=20; shift; continue ;;
    -h|--help) usage; exit 0 ;;
    --nodes|--nodes-per-namespace|--idle-seconds|--timeout|--kube-api-qps|--kube-api-burst|--workers)
      if [ -z "$value" ]; then
        [ $# -ge 2 ] || { echo "scale-benchmark: $flag needs a value" >&2; exit 2; }
        value=$2
        shift
      fi
      shift
      need_number "$flag" "$value"
      ;;
    *) echo "scale-benchmark: unknown argument \"$1\"" >&2; usage >&2; exit 2 ;;
  esac
  case "$flag" in
    --nodes) nodes=$value ;;
    --nodes-per-namespace) per_namespace=$value ;;
    --idle-seconds) idle_seconds=$value ;;
    --timeout) running_timeout=$value ;;
    *) operator_args+=("$flag=$value") ;;
  esac
done
[ "$nodes" -ge 1 ] || { echo "scale-benchmark: --nodes must be at least 1" >&2; exit 2; }
[ "$per_namespace" -ge 1 ] ||
  { echo "scale-benchmark: --nodes-per-namespace must be at least 1" >&2; exit 2; }
namespaces=$(((nodes + per_namespace - 1) / per_namespace))

# ---------------------------------------------------------------- processes
work=""
cp_pid=""
op_pid=""

stop_process() {  # stop_process PID: TERM, up to 5 s, then KILL; reaps it
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_process "$op_pid"
  stop_process "$cp_pid"
  [ -n "$work" ] && echo "logs kept in $work (remove with: rm -rf $work)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

broke() {
  echo "scale-benchmark: $*" >&2
  if [ -n "$work" ] && [ -f "$work/operator.log" ]; then
    echo "--- last 30 lines of $work/operator.log" >&2
    tail -n 30 "$work/operator.log" >&2
  fi
  exit 1
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ------------------------------------------------------------ set up, build
bash scripts/setup.sh
echo "building the control plane and the operator (bazel build -c opt)..."
bazel build -c opt //cmd/controlplane:controlplane //cmd/operator:operator
# The -c opt outputs, read through bazel-out (bazel-bin follows whichever
# configuration was built last, possibly by someone else in this tree).
bin_dir=""
for d in bazel-out/*-opt/bin; do
  [ -x "$d/cmd/operator/operator" ] && [ -x "$d/cmd/controlplane/controlplane" ] && bin_dir=$d
done
[ -n "$bin_dir" ] || broke "no -c opt binaries under bazel-out/*-opt/bin after the build"
work=$(mktemp -d "${TMPDIR:-/tmp}/sei-scale.XXXXXX")
cp "$bin_dir/cmd/controlplane/controlplane" "$bin_dir/cmd/operator/operator" "$work/"

# ------------------------------------------------------------ control plane
"$work/controlplane" --kubeconfig "$work/kubeconfig" \
  >"$work/controlplane.out" 2>"$work/controlplane.log" &
cp_pid=$!
for _ in $(seq 100); do
  grep -q '^token ' "$work/controlplane.out" 2>/dev/null && break
  kill -0 "$cp_pid" 2>/dev/null || broke "the control plane exited: $(cat "$work/controlplane.log")"
  sleep 0.1
done
grep -q '^token ' "$work/controlplane.out" || broke "the control plane printed no endpoints"
sidecar_template=$(awk '$1 == "sidecars" {print $2}' "$work/controlplane.out")
(umask 077; awk '$1 == "token" {print $2}' "$work/controlplane.out" >"$work/sidecar-token")
export KUBECONFIG="$work/kubeconfig"
kubectl apply -f config/crd/sei.io_seinodes.yaml -f config/crd/sei.io_seinodetasks.yaml >/dev/null
kubectl wait --for=condition=Established --timeout=30s \
  crd/seinodes.sei.io crd/seinodetasks.sei.io >/dev/null

# ----------------------------------------------------------------- operator
(
  set -a
  # shellcheck disable=SC1091
  . config/local-platform.env
  set +a
  exec "$work/operator" \
    --kubeconfig "$work/kubeconfig" \
    --sidecar-url-template "$sidecar_template" \
    --sidecar-token-file "$work/sidecar-token" \
    --metrics-bind-address 127.0.0.1:0 \
    --health-probe-bind-address 127.0.0.1:0 \
    --leader-elect=false \
    ${operator_args[@]+"${operator_args[@]}"}
) 2>"$work/operator.log" &
op_pid=$!
for _ in $(seq 600); do
  grep -q '"caches synced' "$work/operator.log" 2>/dev/null && break
  kill -0 "$op_pid" 2>/dev/null || broke "the operator exited during start-up"
  sleep 0.1
done
grep -q '"caches synced' "$work/operator.log" || broke "the operator did not sync its caches in 60 s"
metrics_port=$(grep '"serving endpoints"' "$work/operator.log" | grep '"endpoints":"metrics"' |
  sed -n 's/.*"port":\([0-9]*\).*/\1/p' | head -n 1)
[ -n "$metrics_port" ] || broke "no metrics port in the operator's log"

# ------------------------------------------------------------------ metrics
scrape() {  # scrape FILE: the operator's /metrics into FILE
  local out=$1
  if ! (
    exec 3<>"/dev/tcp/127.0.0.1/$metrics_port" &&
      printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
      cat <&3
  ) >"$out" 2>/dev/null || ! grep -q '^sei_controller_kube_api_requests_total' "$out"; then
    broke "cannot read the API request counter from http://127.0.0.1:$metrics_port/metrics"
  fi
}

# requests FILE: "verb resource count" for every series of the API counter.
requests() {
  awk 'index($0, "sei_controller_kube_api_requests_total{") == 1 {
         verb = $0; sub(/.*verb="/, "", verb); sub(/".*/, "", verb)
         res = $0; sub(/.*resource="/, "", res); sub(/".*/, "", res)
         n[verb " " res] += $NF
       }
       END { for (k in n) print k, n[k] }' "$1"
}

# delta BEFORE AFTER: "verb resource count" of AFTER minus BEFORE (non-zero).
delta() {
  awk 'FILENAME == ARGV[1] { before[$1 " " $2] = $3; next }
       { d = $3 - before[$1 " " $2]; if (d != 0) print $1, $2, d }' \
    <(requests "$1") <(requests "$2")
}

# by_verb: sums "verb resource count" lines into "verb count".
by_verb() { awk '{ n[$1] += $3 } END { for (v in n) print v, n[v] }'; }

verb_count() {  # verb_count VERB < "verb count" lines
  awk -v v="$1" '$1 == v { s += $2 } END { printf "%d", s }'
}

status_kb() {  # status_kb FIELD: VmHWM / VmRSS of the operator in kB
  awk -v f="$1:" '$1 == f { print $2 }' "/proc/$op_pid/status" 2>/dev/null || echo 0
}

cpu_seconds() {  # cpu_seconds PID: user+system CPU time of a process
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null ||
    echo "?"
}

# --------------------------------------------------------------- the nodes
# A typical RPC full node: static peers, state sync, no snapshot generation.
# Its init plan has 10 tasks (ensure-data-pvc, apply-rbac-proxy-config,
# apply-statefulset, apply-service, configure-genesis, config-apply,
# discover-peers, configure-state-sync, config-validate, mark-ready).
# Nodes are spread over namespaces bench-0001... (--nodes-per-namespace): the
# simulated StatefulSet controller lists every pod of a set's namespace for
# each set on each pass, which is quadratic in the nodes of one namespace and
# would make the simulator, not the operator, the figure being measured.
manifest="$work/seinodes.yaml"
{
  for ns in $(seq 1 "$namespaces"); do
    printf -- '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-%04d\n' "$ns"
  done
  for i in $(seq 1 "$nodes"); do
    printf -- '---
apiVersion: sei.io/v1alpha1
kind: SeiNode
metadata:
  name: node-%05d
  namespace: bench-%04d
spec:
  chainId: pacific-1
  image: ghcr.io/sei-protocol/sei:v6.3.0
  peers:
    - static:
        addresses: ["5c2e8f0a91d34b7e6a1f0c9d8b7a6e5f4d3c2b1a@seed-0.pacific-1.example.net:26656"]
  fullNode:
    snapshot:
      stateSync: {}
      trustPeriod: 168h0m0s
' "$i" $(((i - 1) / per_namespace + 1))
  done
} >"$manifest"

# The server-side table (printer columns NAMESPACE NAME PHASE AGE) is far
# cheaper for kubectl than decoding 1,000 full objects every second.
running_count() {
  kubectl get seinodes -A --no-headers 2>/dev/null | awk '$3 == "Running" { n++ } END { printf "%d", n }'
}

echo
echo "=== $nodes SeiNodes in $namespaces namespaces, idle phase ${idle_seconds} s," \
  "operator flags: ${operator_args[*]:-(defaults)}"
scrape "$work/metrics-0-start.txt"
cp_cpu_start=$(cpu_seconds "$cp_pid")
start_ms=$(now_ms)
kubectl create -f "$manifest" >/dev/null || broke "kubectl create of the SeiNodes failed"
created_ms=$(now_ms)
echo "created $namespaces namespaces and $nodes SeiNodes in $((created_ms - start_ms)) ms"

running=0
last_report=0
while :; do
  kill -0 "$op_pid" 2>/dev/null || broke "the operator exited"
  kill -0 "$cp_pid" 2>/dev/null || broke "the control plane exited"
  running=$(running_count)
  elapsed_ms=$(($(now_ms) - start_ms))
  [ "$running" -ge "$nodes" ] && break
  if [ $((elapsed_ms / 1000)) -ge $((last_report + 10)) ]; then
    last_report=$((elapsed_ms / 1000))
    echo "  [$((elapsed_ms / 1000)) s] $running/$nodes Running"
  fi
  if [ $((elapsed_ms / 1000)) -ge "$running_timeout" ]; then
    broke "only $running/$nodes SeiNodes Running after ${running_timeout} s"
  fi
  sleep 1
done
wall_ms=$elapsed_ms
scrape "$work/metrics-1-running.txt"
hwm_running_kb=$(status_kb VmHWM)
echo "all $nodes Running after $((wall_ms / 1000)).$(((wall_ms % 1000) / 100)) s"

# What the simulated cluster had done by then (informative).
pods_ready_at_running=$(kubectl get statefulsets -A \
  -o jsonpath='{range .items[*]}{.status.readyReplicas}{"\n"}{end}' 2>/dev/null |
  awk '$1 > 0 { n++ } END { printf "%d", n }')

# ---------------------------------------------------------------- idle phase
echo
echo "=== idle phase: ${idle_seconds} s with nothing to do"
idle_start_ms=$(now_ms)
last_writes=0
last_write_at=-1
half_writes=""
half_reads=""
sample_writes=0
sample_reads=0
while :; do
  kill -0 "$op_pid" 2>/dev/null || broke "the operator exited during the idle phase"
  kill -0 "$cp_pid" 2>/dev/null || broke "the control plane exited during the idle phase"
  idle_elapsed=$((($(now_ms) - idle_start_ms) / 1000))
  # Counts at the first sample of the second half: what the operator does
  # once the work left over from the creation has drained.
  if [ -z "$half_writes" ] && [ $((idle_elapsed * 2)) -ge "$idle_seconds" ]; then
    half_writes=$sample_writes
    half_reads=$sample_reads
    half_at=$idle_elapsed
  fi
  [ "$idle_elapsed" -ge "$idle_seconds" ] && break
  sleep_for=$((idle_seconds - idle_elapsed))
  [ "$sleep_for" -gt 5 ] && sleep_for=5
  sleep "$sleep_for"
  scrape "$work/metrics-idle-now.txt"
  sample=$(delta "$work/metrics-1-running.txt" "$work/metrics-idle-now.txt" | by_verb)
  sample_writes=$(printf '%s\n' "$sample" |
    awk '$1 ~ /^(create|update|patch|delete)$/ { s += $2 } END { printf "%d", s }')
  sample_reads=$(printf '%s\n' "$sample" |
    awk '$1 ~ /^(get|list|watch)$/ { s += $2 } END { printf "%d", s }')
  if [ "$sample_writes" -gt "$last_writes" ]; then
    last_writes=$sample_writes
    last_write_at=$((($(now_ms) - idle_start_ms) / 1000))
  fi
  if [ $((idle_elapsed / 30)) -ne $(((idle_elapsed + sleep_for) / 30)) ]; then
    echo "  [$((idle_elapsed + sleep_for)) s] so far: $sample_writes writes, $sample_reads reads"
  fi
done
scrape "$work/metrics-2-idle.txt"
hwm_end_kb=$(status_kb VmHWM)
rss_end_kb=$(status_kb VmRSS)
op_cpu=$(cpu_seconds "$op_pid")
cp_cpu_end=$(cpu_seconds "$cp_pid")

# ------------------------------------------------------------------ figures
run_by_verb=$(delta "$work/metrics-0-start.txt" "$work/metrics-1-running.txt" | by_verb)
idle_delta=$(delta "$work/metrics-1-running.txt" "$work/metrics-2-idle.txt")
idle_by_verb=$(printf '%s\n' "$idle_delta" | by_verb)
total_requests=$(printf '%s\n' "$run_by_verb" | awk '{ s += $2 } END { printf "%d", s }')
per_node() { awk -v n="$1" -v d="$nodes" 'BEGIN { printf "%.2f", n / d }'; }

idle_writes=0
idle_reads=0
for v in create update patch delete; do
  idle_writes=$((idle_writes + $(printf '%s\n' "$idle_by_verb" | verb_count "$v")))
done
for v in get list watch; do
  idle_reads=$((idle_reads + $(printf '%s\n' "$idle_by_verb" | verb_count "$v")))
done
active_plans=$(kubectl get seinodes -A \
  -o jsonpath='{range .items[*]}{.status.plan.phase}{"\n"}{end}' 2>/dev/null | grep -c '^Active$' || true)
pods_ready_end=$(kubectl get statefulsets -A \
  -o jsonpath='{range .items[*]}{.status.readyReplicas}{"\n"}{end}' 2>/dev/null |
  awk '$1 > 0 { n++ } END { printf "%d", n }')

wall_s=$(awk -v ms="$wall_ms" 'BEGIN { printf "%.1f", ms / 1000 }')
requests_per_node=$(per_node "$total_requests")
peak_mb=$(awk -v kb="$hwm_end_kb" 'BEGIN { printf "%.1f", kb / 1024 }')

echo
echo "=== figures ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, commit" \
  "$(git rev-parse --short HEAD 2>/dev/null || echo unknown), $nodes SeiNodes in" \
  "$namespaces namespaces, operator flags: ${operator_args[*]:-(defaults)})"
row() { printf '  %-52s %s\n' "$1" "$2"; }
row "wall time, create -> all Running" "$wall_s s"
row "  of which kubectl create -f (namespaces, SeiNodes)" "$((created_ms - start_ms)) ms"
row "API requests until all Running, total" "$total_requests"
row "API requests per node" "$requests_per_node"
for v in get list watch create update patch delete; do
  c=$(printf '%s\n' "$run_by_verb" | verb_count "$v")
  row "  $v per node" "$(per_node "$c")  ($c)"
done
all_requests=$(($(printf '%s\n' "$run_by_verb" | awk '{ s += $2 } END { printf "%d", s }') +
  $(printf '%s\n' "$idle_by_verb" | awk '{ s += $2 } END { printf "%d", s }')))
row "API requests per node, create -> end of idle" "$(per_node "$all_requests")"
row "operator peak RSS (VmHWM), at all Running" \
  "$(awk -v kb="$hwm_running_kb" 'BEGIN { printf "%.1f MB", kb / 1024 }')"
row "operator peak RSS (VmHWM), end of run" "$peak_mb MB"
row "operator RSS (VmRSS), end of run" "$(awk -v kb="$rss_end_kb" 'BEGIN { printf "%.1f MB", kb / 1024 }')"
row "operator CPU time, whole run" "$op_cpu s"
row "control plane CPU time, create -> end" \
  "$(awk -v a="$cp_cpu_start" -v b="$cp_cpu_end" 'BEGIN { printf "%.1f s", b - a }')"
row "idle phase length" "$idle_seconds s"
row "idle API writes (create/update/patch/delete)" "$idle_writes"
for v in create update patch delete; do
  c=$(printf '%s\n' "$idle_by_verb" | verb_count "$v")
  [ "$c" -gt 0 ] && row "  $v" "$c"
done
row "idle API reads (get/list/watch)" "$idle_reads"
for v in get list watch; do
  c=$(printf '%s\n' "$idle_by_verb" | verb_count "$v")
  [ "$c" -gt 0 ] && row "  $v" "$c"
done
if [ -n "$half_writes" ]; then
  row "idle writes / reads after ${half_at} s (second half)" \
    "$((idle_writes - half_writes)) / $((idle_reads - half_reads))"
fi
if [ "$idle_writes" -gt 0 ]; then
  row "last idle write seen (5 s sampling)" "$last_write_at s into the idle phase"
  echo "  idle writes by resource:"
  printf '%s\n' "$idle_delta" | awk '$1 ~ /^(create|update|patch|delete)$/ { printf "    %-8s %-24s %d\n", $1, $2, $3 }' |
    sort -k3,3nr
fi
row "pods Ready when all were Running" "$pods_ready_at_running/$nodes"
row "pods Ready at the end" "$pods_ready_end/$nodes"
row "SeiNodes with an Active plan at the end" "$active_plans/$nodes"

verdict() {  # verdict TEXT OK(true|false)
  if "$2"; then
    printf '  goal met      %s\n' "$1"
  else
    printf '  goal NOT met  %s\n' "$1"
  fi
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }' && echo true || echo false; }
echo
echo "=== goals"
verdict "wall time <= 60 s: $wall_s s" "$(le "$wall_s" 60)"
verdict "<= 15 API requests per node: $requests_per_node" "$(le "$requests_per_node" 15)"
verdict "0 API writes while idle: $idle_writes in $idle_seconds s" "$(le "$idle_writes" 0)"
verdict "peak RSS <= 100 MB: $peak_mb MB" "$(le "$peak_mb" 100)"
