#!/usr/bin/env bash
# Real kubectl (1.32) against the local control plane: `kubectl apply -k
# config/crd` installs both CRDs as a user would, then the reference's sample
# manifests and the spec's examples apply unchanged, short names and printer
# columns work, and schema violations come back as 422 naming the field.
# (The rest of config/default needs RBAC and Deployments, which the local
# control plane does not serve; kustomize_test covers its rendering.)
set -uo pipefail

ROOT="${TEST_SRCDIR:-.}/${TEST_WORKSPACE:-sei_operator}"
[ -d "$ROOT/config" ] || ROOT="."
BIN="$ROOT/cmd/controlplane/controlplane"
# shellcheck source=../../cmd/controlplane/kubectl_harness.sh
source "$ROOT/cmd/controlplane/kubectl_harness.sh"
harness_init kubectl_crd_test

# kustomize refuses files that are symlinks out of its root; runfiles are.
cp -rL "$ROOT/config" "$WORK/config"
cp -rL "$ROOT/testdata" "$WORK/testdata"
cd "$WORK"

start_controlplane "$BIN" kubectl-crd-test-token --pod-grace-seconds 0

expect_output "kubectl apply -k config/crd" \
  "customresourcedefinition.apiextensions.k8s.io/seinodes.sei.io created" K apply -k config/crd
expect_output "both CRDs Established" "condition met" \
  K wait --for=condition=Established crd/seinodes.sei.io crd/seinodetasks.sei.io --timeout=15s
expect_output "short name snode" "snode" K api-resources --api-group=sei.io
expect_output "short name snt" "snt" K api-resources --api-group=sei.io

for ns in sei-mainnet validators devnet; do K create namespace "$ns" >/dev/null 2>&1; done

# The reference's samples, exactly as published. kubectl's default (strict)
# field validation refuses the two fields of pacific-1-state-syncer.yaml that
# the schema does not define, exactly as a real API server does; with
# --validate=warn the server warns and prunes them.
expect_output "strict validation refuses undefined fields" 'unknown field "spec.genesis"' \
  K apply -f testdata/manifests/examples/pacific-1-state-syncer.yaml
expect_output "apply the reference's samples" "seinode.sei.io/pacific-1-full-node created" \
  K apply -f testdata/manifests/examples/
out="$(K apply --validate=warn -f testdata/manifests/examples/pacific-1-state-syncer.yaml 2>&1)"
[[ "$out" == *'unknown field "spec.storage"'* && "$out" == *"pacific-1-state-syncer created"* ]] \
  && ok "--validate=warn warns and creates" || bad "--validate=warn: $out"
expect_output "pruned undefined fields" "<none>" \
  K get snode pacific-1-state-syncer -o 'custom-columns=G:.spec.genesis'
for file in seinode-rpc seinode-validator seinode-archive-label-peers \
            seinodetask-gov-upgrade seinodetask-image-bump seinodetask-refresh-peers; do
  expect_output "apply spec example $file" "created" K apply -f "testdata/manifests/spec/$file.yaml"
done
expect_output "sidecar.port defaulted to 7777" "7777" \
  K get snode pacific-1-rpc-a -n sei-mainnet -o 'jsonpath={.spec.sidecar.port}'
expect_output "requirePhaseTimeout defaulted" "5m" \
  K get snt val-0-refresh-peers -n validators -o 'jsonpath={.spec.target.requirePhaseTimeout}'

expect_output "kubectl get snode columns" "PHASE" K get snode -A
expect_output "kubectl get snode -o wide adds StatefulSet" "STATEFULSET" K get snode -A -o wide
expect_output "kubectl get snt columns" "TARGET" K get snt -A
expect_output "kubectl get snt shows the kind" "DiscoverPeers" K get snt -n validators

cat >"$WORK/bad.yaml" <<'YAML'
apiVersion: sei.io/v1alpha1
kind: SeiNode
metadata:
  name: bad
spec:
  chainId: Pacific_1
  archive: {}
YAML
out="$(K apply -f "$WORK/bad.yaml" 2>&1)"
[[ "$out" == *"spec.chainId: Invalid value: \"Pacific_1\""* ]] && ok "pattern violation rejected" \
  || bad "pattern violation: $out"
[[ "$out" == *"spec.image: Required value"* ]] && ok "missing required rejected" \
  || bad "missing required: $out"
cat >"$WORK/bad-task.yaml" <<'YAML'
apiVersion: sei.io/v1alpha1
kind: SeiNodeTask
metadata:
  name: bad
spec:
  kind: Reboot
  target:
    nodeRef:
      name: n
  discoverPeers: {}
YAML
expect_output "enum violation rejected" 'spec.kind: Unsupported value: "Reboot"' \
  K apply -f "$WORK/bad-task.yaml"

harness_summary
