#!/usr/bin/env bash
# The main job until the operator exists: set up, build the plan simulator,
# and step every sample manifest's plan to the end, printing each transition.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bazel build -c opt //cmd/seiplan >/dev/null 2>&1 || bazel build -c opt //cmd/seiplan
seiplan=bazel-bin/cmd/seiplan/seiplan

for manifest in testdata/manifests/examples/*.yaml testdata/manifests/samples/*.yaml; do
  echo
  echo "=== ${manifest}"
  "$seiplan" simulate --sidecar-image ghcr.io/sei-protocol/seictl:v0.0.55 "$manifest"
done
