#!/usr/bin/env bash
# The main job: the real operator against the local control plane.
#
# Sets up the machine, builds the control plane and the operator (-c opt),
# starts the control plane (simulated cluster and sidecars on 127.0.0.1),
# applies the CRDs, starts the operator, applies one sample SeiNode per mode
# (config/samples/demo-*.yaml), and once demo-validator is Running runs a
# DiscoverPeers and then a RestartPod SeiNodeTask on it. Prints one line per
# node and per task every 2 s, then a summary. Exit 0 when every node is
# Running and both tasks are Complete; 1 on a failure or after --timeout
# seconds (default 600), with the failing items and the operator's last log
# lines. Every process it starts is stopped on exit; logs stay in the work
# directory it prints. See docs/demo.md.
set -euo pipefail
cd "$(dirname "$0")/.."

timeout_seconds=600
usage() {
  echo "usage: bash scripts/demo.sh [--timeout SECONDS]"
}
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) timeout_seconds=${2:?--timeout needs a value}; shift 2 ;;
    --timeout=*) timeout_seconds=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "demo: unknown argument \"$1\"" >&2; usage >&2; exit 2 ;;
  esac
done
case "$timeout_seconds" in
  ''|*[!0-9]*) echo "demo: --timeout must be a whole number of seconds" >&2; exit 2 ;;
esac

nodes=(demo-full-node demo-archive demo-replayer demo-validator)
tasks=(demo-discover-peers demo-restart-pod)
target=demo-validator

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
  if [ -n "$work" ]; then
    echo
    echo "stopped the operator and the control plane; logs kept in $work"
    echo "(remove with: rm -rf $work)"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() {
  echo "demo: $*" >&2
  exit 1
}

# ------------------------------------------------------------ set up, build
bash scripts/setup.sh
command -v kubectl >/dev/null || die "kubectl not found (expected at /usr/bin/kubectl)"

echo "building the control plane and the operator (bazel build -c opt)..."
bazel build -c opt //cmd/controlplane:controlplane //cmd/operator:operator
# The -c opt outputs, read through bazel-out (bazel-bin follows whichever
# configuration was built last, possibly by someone else in this tree).
bin_dir=""
for d in bazel-out/*-opt/bin; do
  [ -x "$d/cmd/operator/operator" ] && [ -x "$d/cmd/controlplane/controlplane" ] && bin_dir=$d
done
[ -n "$bin_dir" ] || die "no -c opt binaries under bazel-out/*-opt/bin after the build"

work=$(mktemp -d "${TMPDIR:-/tmp}/sei-demo.XXXXXX")
# Private copies: a rebuild in this tree while the demo runs cannot swap
# the binaries under it.
cp "$bin_dir/cmd/controlplane/controlplane" "$bin_dir/cmd/operator/operator" "$work/"
operator_log="$work/operator.log"

# ------------------------------------------------------------ control plane
echo
echo "=== starting the local control plane"
"$work/controlplane" --kubeconfig "$work/kubeconfig" \
  >"$work/controlplane.out" 2>"$work/controlplane.log" &
cp_pid=$!
for _ in $(seq 100); do
  grep -q '^token ' "$work/controlplane.out" 2>/dev/null && break
  kill -0 "$cp_pid" 2>/dev/null || { cat "$work/controlplane.log" >&2; die "the control plane exited"; }
  sleep 0.1
done
grep -q '^token ' "$work/controlplane.out" || die "the control plane printed no endpoints in 10 s"
api_url=$(awk '$1 == "api" {print $2}' "$work/controlplane.out")
sidecar_template=$(awk '$1 == "sidecars" {print $2}' "$work/controlplane.out")
(umask 077; awk '$1 == "token" {print $2}' "$work/controlplane.out" >"$work/sidecar-token")
echo "  API server       $api_url"
echo "  sidecars         $sidecar_template"
echo "  kubeconfig       $work/kubeconfig"

export KUBECONFIG="$work/kubeconfig"
kubectl apply -f config/crd/sei.io_seinodes.yaml -f config/crd/sei.io_seinodetasks.yaml |
  sed 's/^/  /'
kubectl wait --for=condition=Established --timeout=30s \
  crd/seinodes.sei.io crd/seinodetasks.sei.io >/dev/null

# ----------------------------------------------------------------- operator
echo
echo "=== starting the operator"
# As deployed: leader election on, its Lease in namespace default.
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
    --leader-elect=true \
    --leader-election-namespace default
) 2>"$operator_log" &
op_pid=$!
echo "  operator log     $operator_log   (JSON lines; follow with: tail -f $operator_log)"

show_operator_log() {
  echo "--- last 30 lines of $operator_log"
  tail -n 30 "$operator_log" 2>/dev/null || true
}

for _ in $(seq 600); do
  grep -q '"caches synced' "$operator_log" 2>/dev/null && break
  if ! kill -0 "$op_pid" 2>/dev/null; then
    show_operator_log
    die "the operator exited during start-up"
  fi
  sleep 0.1
done
if ! grep -q '"caches synced' "$operator_log"; then
  show_operator_log
  die "the operator did not sync its caches within 60 s"
fi
metrics_port=$(grep '"serving endpoints"' "$operator_log" | grep '"endpoints":"metrics"' |
  sed -n 's/.*"port":\([0-9]*\).*/\1/p' | head -n 1)
echo "  metrics          http://127.0.0.1:${metrics_port:-?}/metrics"

# ------------------------------------------------------------------ samples
echo
echo "=== applying the sample SeiNodes (config/samples/, namespace default)"
sample_args=()
for n in "${nodes[@]}"; do sample_args+=(-f "config/samples/$n.yaml"); done
kubectl apply "${sample_args[@]}" | sed 's/^/  /'

# ----------------------------------------------------------------- progress
# One line per node: name, mode (the populated mode field of spec), phase,
# plan phase and each planned task as type=status. Absent values print "-".
node_template='{{range .items}}{{.metadata.name}}{{"\t"}}'\
'{{range $k, $v := .spec}}{{if eq $k "fullNode" "archive" "replayer" "validator"}}{{$k}}{{end}}{{end}}{{"\t"}}'\
'{{with .status}}{{or .phase "-"}}{{"\t"}}{{with .plan}}{{.phase}}{{"\t"}}'\
'{{range .tasks}}{{.type}}={{.status}} {{end}}{{else}}-{{"\t"}}-{{end}}'\
'{{else}}-{{"\t"}}-{{"\t"}}-{{end}}{{"\n"}}{{end}}'
task_template='{{range .items}}{{.metadata.name}}{{"\t"}}{{.spec.kind}}{{"\t"}}'\
'{{.spec.target.nodeRef.name}}{{"\t"}}{{with .status}}{{or .phase "-"}}{{else}}-{{end}}{{"\n"}}{{end}}'

declare -A node_phase node_mode node_progress task_phase
node_lines=""
task_lines=""

# Reads the current state into the arrays above and formats the lines.
poll_state() {
  local raw name mode phase plan_phase plan_tasks done_count total current entry
  raw=$(kubectl get seinodes -n default -o go-template="$node_template" "${nodes[@]}" 2>/dev/null) ||
    return 1
  node_lines=""
  while IFS=$'\t' read -r name mode phase plan_phase plan_tasks; do
    [ -n "$name" ] || continue
    node_phase[$name]=$phase
    node_mode[$name]=$mode
    done_count=0
    total=0
    current=""
    [ "$plan_phase" = "-" ] && plan_tasks=""
    for entry in $plan_tasks; do
      total=$((total + 1))
      if [ "${entry#*=}" = "Complete" ]; then
        done_count=$((done_count + 1))
      elif [ -z "$current" ]; then
        current=${entry%%=*}
        [ "${entry#*=}" = "Failed" ] && current="$current (FAILED)"
      fi
    done
    if [ "$total" -gt 0 ]; then
      [ -n "$current" ] || current="(plan $plan_phase)"
      node_progress[$name]="task $current, $done_count/$total tasks done"
      node_lines+=$(printf '  %-16s %-10s %-13s %-26s %s' "$name" "$mode" "$phase" \
        "$current" "$done_count/$total tasks")$'\n'
    else
      node_lines+=$(printf '  %-16s %-10s %-13s %-26s %s' "$name" "$mode" "$phase" \
        "-" "no plan")$'\n'
      node_progress[$name]="no plan"
    fi
  done <<<"$raw"

  raw=$(kubectl get seinodetasks -n default -o go-template="$task_template" 2>/dev/null) || return 1
  task_lines=""
  local kind target
  while IFS=$'\t' read -r name kind target phase; do
    [ -n "$name" ] || continue
    task_phase[$name]=$phase
    task_lines+=$(printf '  %-20s %-14s %-16s %s' "$name" "$kind" "on $target" "$phase")$'\n'
  done <<<"$raw"
  return 0
}

start=$(date +%s)
elapsed() { echo $(($(date +%s) - start)); }

# On a terminal the block is redrawn in place; in a log it is printed only
# when it changed, so the output stays readable.
interactive=false
[ -t 1 ] && interactive=true
printed_lines=0
last_block=""

print_block() {
  local running=0 complete=0 n t header block
  for n in "${nodes[@]}"; do [ "${node_phase[$n]:-}" = "Running" ] && running=$((running + 1)); done
  for t in "${tasks[@]}"; do [ "${task_phase[$t]:-}" = "Complete" ] && complete=$((complete + 1)); done
  block="${node_lines}${task_lines}"
  header=$(printf '[%4ss] nodes Running %d/%d, tasks Complete %d/%d' "$(elapsed)" \
    "$running" "${#nodes[@]}" "$complete" "${#tasks[@]}")
  if $interactive; then
    [ "$printed_lines" -gt 0 ] && printf '\033[%dA\033[J' "$printed_lines"
    printf '%s\n%s' "$header" "$block"
    printed_lines=$(($(printf '%s' "$block" | wc -l) + 1))
  elif [ "$block" != "$last_block" ]; then
    printf '%s\n%s' "$header" "$block"
  fi
  last_block=$block
}

note() {  # a line that stays above the redrawn block
  echo "$*"
  printed_lines=0
  last_block=""
}

fail_reason=""
stage=nodes            # nodes -> discover -> restart -> done
old_pod_uid=""

echo
echo "=== progress (node: mode, phase, current plan task, tasks done; task: kind, target, phase)"
while :; do
  if ! kill -0 "$op_pid" 2>/dev/null; then
    fail_reason="the operator exited"
    break
  fi
  if ! kill -0 "$cp_pid" 2>/dev/null; then
    fail_reason="the control plane exited"
    break
  fi
  if poll_state; then
    print_block
  fi

  for n in "${nodes[@]}"; do
    [ "${node_phase[$n]:-}" = "Failed" ] && fail_reason="SeiNode $n is Failed"
  done
  for t in "${tasks[@]}"; do
    [ "${task_phase[$t]:-}" = "Failed" ] && fail_reason="SeiNodeTask $t is Failed"
  done
  [ -n "$fail_reason" ] && break

  case "$stage" in
    nodes)
      if [ "${node_phase[$target]:-}" = "Running" ]; then
        note "--> $target is Running: creating SeiNodeTask demo-discover-peers (DiscoverPeers)"
        if ! kubectl apply -f config/samples/demo-discover-peers.yaml | sed 's/^/    /'; then
          fail_reason="could not create SeiNodeTask demo-discover-peers"
          break
        fi
        stage=discover
      fi
      ;;
    discover)
      if [ "${task_phase[demo-discover-peers]:-}" = "Complete" ]; then
        # The UID is read as late as possible, right before the task exists.
        old_pod_uid=$(kubectl get pod -n default "$target-0" -o jsonpath='{.metadata.uid}' || true)
        if [ -z "$old_pod_uid" ]; then
          fail_reason="pod $target-0 not found after DiscoverPeers completed"
          break
        fi
        note "--> peers refreshed; pod $target-0 has UID $old_pod_uid: creating SeiNodeTask demo-restart-pod (RestartPod)"
        if ! sed "s/POD_UID_PLACEHOLDER/$old_pod_uid/" config/samples/demo-restart-pod.yaml |
          kubectl apply -f - | sed 's/^/    /'; then
          fail_reason="could not create SeiNodeTask demo-restart-pod"
          break
        fi
        stage=restart
      fi
      ;;
    restart)
      if [ "${task_phase[demo-restart-pod]:-}" = "Complete" ]; then
        stage=done
      fi
      ;;
  esac

  if [ "$stage" = "done" ]; then
    all_running=true
    for n in "${nodes[@]}"; do
      [ "${node_phase[$n]:-}" = "Running" ] || all_running=false
    done
    $all_running && break
  fi
  if [ "$(elapsed)" -ge "$timeout_seconds" ]; then
    fail_reason="timed out after ${timeout_seconds} s"
    break
  fi
  sleep 2
done
total_seconds=$(elapsed)

# ------------------------------------------------------------------ summary
to_epoch() { date -d "$1" +%s 2>/dev/null || echo ""; }

# "N tasks, <outcome>" of a node's first plan, from the operator's log lines
# "built plan <id> with N tasks" and "plan finished" (plan_type init).
init_plan() {
  local node=$1 size outcome
  size=$(grep "\"node\":\"$node\"" "$operator_log" | grep -m 1 '"msg":"built plan' |
    sed -n 's/.*with \([0-9]*\) tasks.*/\1/p' || true)
  outcome=$(grep "\"node\":\"$node\"" "$operator_log" | grep '"msg":"plan finished"' |
    grep -m 1 '"plan_type":"init"' | sed -n 's/.*"outcome":"\([a-z]*\)".*/\1/p' || true)
  echo "${size:-?} tasks${outcome:+, $outcome}"
}

metric_sum() {  # metric_sum NAME: the sum of a counter's series from /metrics
  [ -n "$metrics_port" ] || return 0
  local body
  body=$({
    exec 3<>"/dev/tcp/127.0.0.1/$metrics_port" &&
      printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
      cat <&3
  } 2>/dev/null) || return 0
  printf '%s\n' "$body" | awk -v name="$1" 'index($0, name "{") == 1 {s += $NF} END {printf "%d", s}'
}

if [ -z "$fail_reason" ]; then
  echo
  echo "=== summary: every node Running, both tasks Complete (${total_seconds} s after applying the samples)"
  printf '  %-16s %-10s %-9s %-15s %s\n' NODE MODE PHASE "RUNNING AFTER" "INIT PLAN"
  for n in "${nodes[@]}"; do
    created=$(kubectl get seinode -n default "$n" -o jsonpath='{.metadata.creationTimestamp}')
    changed=$(kubectl get seinode -n default "$n" -o jsonpath='{.status.phaseTransitionTime}')
    took="-"
    c=$(to_epoch "$created")
    p=$(to_epoch "$changed")
    [ -n "$c" ] && [ -n "$p" ] && took="$((p - c)) s"
    printf '  %-16s %-10s %-9s %-15s %s\n' "$n" "${node_mode[$n]}" "${node_phase[$n]}" "$took" \
      "$(init_plan "$n")"
  done
  echo
  printf '  %-20s %-14s %-16s %-9s %s\n' TASK KIND TARGET PHASE TOOK
  for t in "${tasks[@]}"; do
    info=$(kubectl get seinodetask -n default "$t" \
      -o jsonpath='{.spec.kind}{"\t"}{.spec.target.nodeRef.name}{"\t"}{.status.phase}{"\t"}{.metadata.creationTimestamp}{"\t"}{.status.phaseTransitionTime}')
    IFS=$'\t' read -r kind tgt phase created changed <<<"$info"
    took="-"
    c=$(to_epoch "$created")
    p=$(to_epoch "$changed")
    [ -n "$c" ] && [ -n "$p" ] && took="$((p - c)) s"
    printf '  %-20s %-14s %-16s %-9s %s\n' "$t" "$kind" "$tgt" "$phase" "$took"
  done
  new_pod_uid=$(kubectl get pod -n default "$target-0" -o jsonpath='{.metadata.uid}' 2>/dev/null || true)
  echo
  echo "  pod $target-0 restarted: UID $old_pod_uid -> ${new_pod_uid:-?}"
  echo "  operator: $(metric_sum sei_controller_reconcile_total) reconciles," \
    "$(metric_sum sei_controller_kube_api_requests_total) Kubernetes API requests," \
    "$(metric_sum sei_controller_sidecar_calls_total) sidecar calls"
  echo "  operator log: $operator_log"
  exit 0
fi

echo
echo "=== FAILED: $fail_reason"
for n in "${nodes[@]}"; do
  [ "${node_phase[$n]:-}" = "Running" ] && continue
  detail=$(kubectl get seinode -n default "$n" \
    -o jsonpath='{.status.plan.failedTaskDetail.type}{": "}{.status.plan.failedTaskDetail.error}' \
    2>/dev/null || true)
  [ "$detail" = ": " ] && detail=""
  echo "  SeiNode $n: phase ${node_phase[$n]:-unknown}, ${node_progress[$n]:-no status yet}${detail:+; failed task $detail}"
done
for t in "${tasks[@]}"; do
  [ "${task_phase[$t]:-}" = "Complete" ] && continue
  if [ -z "${task_phase[$t]:-}" ]; then
    echo "  SeiNodeTask $t: not created (stage: $stage)"
    continue
  fi
  detail=$(kubectl get seinodetask -n default "$t" \
    -o jsonpath='{.status.conditions[?(@.type=="Failed")].reason}{": "}{.status.conditions[?(@.type=="Failed")].message}' \
    2>/dev/null || true)
  [ "$detail" = ": " ] && detail=""
  echo "  SeiNodeTask $t: phase ${task_phase[$t]}${detail:+; $detail}"
done
show_operator_log
exit 1
