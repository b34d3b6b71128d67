# Shared by the shell tests that drive real kubectl against the controlplane
# binary (source it; it defines functions and variables, runs nothing):
#   harness_init NAME          sandboxed HOME and KUBECONFIG under $WORK,
#                              counters, and a trap that kills the server
#   start_controlplane BIN TOKEN [FLAGS...]
#                              starts the server, waits for its startup
#                              lines, sets SERVER_PID; exits the test with
#                              "0 passed, 1 failed" if it does not start
#   ok NAME / bad NAME         count a check
#   expect_output NAME EXPECTED-SUBSTRING COMMAND...
#   K ARGS...                  kubectl with bounded time
#   harness_summary            prints "N passed, N failed"; its status is the
#                              test's verdict

harness_init() {
  WORK="$(mktemp -d "${TEST_TMPDIR:-/tmp}/$1.XXXXXX")"
  export HOME="$WORK/home"  # kubectl's discovery cache stays in the sandbox
  mkdir -p "$HOME"
  export KUBECONFIG="$WORK/kubeconfig"
  passed=0
  failed=0
  SERVER_PID=""
  trap harness_cleanup EXIT
}

harness_cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  jobs -p | xargs -r kill 2>/dev/null
}

start_controlplane() {
  local bin="$1" token="$2"
  shift 2
  "$bin" --kubeconfig "$KUBECONFIG" --token "$token" "$@" \
    >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    grep -q '^token ' "$WORK/server.out" 2>/dev/null && break
    sleep 0.1
  done
  if ! grep -q '^token ' "$WORK/server.out"; then
    echo "the local control plane did not start:"; cat "$WORK/server.out" "$WORK/server.err"
    echo "0 passed, 1 failed"
    exit 1
  fi
}

ok() { passed=$((passed + 1)); echo "PASS: $1"; }
bad() { failed=$((failed + 1)); echo "FAIL: $1"; }

expect_output() {
  local name="$1" expected="$2"
  shift 2
  local out
  out="$("$@" 2>&1)"
  if [[ "$out" == *"$expected"* ]]; then
    ok "$name"
  else
    bad "$name: expected '$expected' in: $out"
  fi
}

K() { timeout 30 kubectl --request-timeout=20s "$@"; }

harness_summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
