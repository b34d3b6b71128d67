#!/usr/bin/env bash
# The main job, until the operator exists: set up, build the plan simulator,
# and step the plan of every sample SeiNode (the reference's published
# examples and the specification's samples: every mode, a validator with
# keys, a node mid-update) to the end, printing each transition. Ends with a
# one-line verdict per manifest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "building seiplan..."
bazel build -c opt //cmd/seiplan 2>&1 | tail -n 1
seiplan=bazel-bin/cmd/seiplan/seiplan
sidecar_image=ghcr.io/sei-protocol/seictl:v0.0.55

manifests=(
  testdata/manifests/examples/*.yaml
  testdata/manifests/spec/seinode-rpc.yaml
  testdata/manifests/spec/seinode-validator.yaml
  testdata/golden/cases/validator-genesis-ceremony.yaml
  testdata/golden/cases/archive-peers-publish.yaml
  testdata/golden/cases/simulate-validator-update.yaml
)
summary=()
for manifest in "${manifests[@]}"; do
  echo
  echo "=== seiplan simulate ${manifest}"
  if "$seiplan" simulate --sidecar-image "$sidecar_image" "$manifest"; then
    summary+=("  ok      ${manifest}")
  else
    summary+=("  FAILED  ${manifest}")
  fi
done

echo
echo "=== summary: every plan stepped to its end"
printf '%s\n' "${summary[@]}"
! printf '%s\n' "${summary[@]}" | grep -q FAILED
