#!/usr/bin/env bash
# Proves the architecture's dependency rules with `bazel query`:
#   - the planning library (//lib/planner/...) depends on no transport, no
#     manifest format and nothing above it: not cpprestsdk, not yaml-cpp,
#     nlohmann-json or fmt, not //lib/api, //lib/k8s, //lib/sidecar,
#     //lib/tasks, //lib/controller, //lib/runtime or //cmd;
#   - the adapter layer (//lib/k8s, //lib/sidecar, //lib/tasks) does not
#     depend on the reconcilers or the binaries;
#   - the runtime (//lib/runtime) knows nothing of the planner, tasks or
#     reconcilers;
#   - the API codec (//lib/api/...) does not depend on the planner or above.
# Prints each rule with PASS/FAIL and the offending path; exits 1 on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

failures=0
check() {  # check NAME FROM FORBIDDEN
  local name=$1 from=$2 forbidden=$3
  local path
  path=$(bazel query --noshow_progress "somepath($from, $forbidden)" 2>/dev/null)
  if [ -z "$path" ]; then
    echo "layering PASS: $name"
  else
    echo "layering FAIL: $name; dependency path:"
    echo "$path" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
}

# The labels below each pattern; a package that does not exist yet adds none.
existing() {
  local p
  for p in "$@"; do bazel query --noshow_progress "$p" 2>/dev/null; done | tr '\n' ' '
}

above_planner=$(existing //lib/api/... //lib/k8s/... //lib/sidecar/... //lib/tasks/... \
  //lib/controller/... //lib/runtime/... //cmd/...)

check "planner does not depend on cpprestsdk" '//lib/planner/...' '//bazel/system:cpprest'
check "planner does not depend on yaml-cpp, nlohmann-json or fmt" '//lib/planner/...' \
  '//bazel/system:yaml_cpp + //bazel/system:nlohmann_json + //bazel/system:fmt'
check "planner does not depend on the codec, adapters or binaries" '//lib/planner/...' \
  "set($above_planner)"
check "codec does not depend on the planner or above" '//lib/api/...' \
  "//lib/planner/... + set($(existing //lib/k8s/... //lib/tasks/... //cmd/...))"

check "adapter layer does not depend on the reconcilers or binaries" \
  '//lib/k8s/... + //lib/sidecar/... + //lib/tasks/...' \
  "set($(existing //lib/controller/... //cmd/...))"
check "runtime does not depend on the planner, tasks or reconcilers" '//lib/runtime/...' \
  "set($(existing //lib/planner/... //lib/tasks/... //lib/controller/...))"

exit $((failures > 0))
