#!/usr/bin/env bash
# Renders config/default with kubectl's built-in kustomize exactly as a user
# would (`kubectl kustomize config/default`) and checks what comes out: every
# object once, namespaced objects in the operator namespace, cluster-scoped
# ones without a namespace, and the image placeholder in place.
set -uo pipefail

ROOT="${TEST_SRCDIR:-.}/${TEST_WORKSPACE:-sei_operator}"
[ -d "$ROOT/config" ] || ROOT="."
WORK="$(mktemp -d "${TEST_TMPDIR:-/tmp}/kustomize_test.XXXXXX")"
export HOME="$WORK/home"
mkdir -p "$HOME"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS: $1"; }
bad() { failed=$((failed + 1)); echo "FAIL: $1"; }

if ! command -v kubectl >/dev/null; then
  echo "kubectl is not installed"
  echo "0 passed, 1 failed"
  exit 1
fi

# Runfiles are symlinks; kustomize resolves them and then refuses files
# outside the kustomization root, so render a real copy.
cp -rL "$ROOT/config" "$WORK/config"
cd "$WORK"
if ! timeout 60 kubectl kustomize config/default >"$WORK/out.yaml" 2>"$WORK/err.txt"; then
  echo "kubectl kustomize config/default failed:"
  cat "$WORK/err.txt"
  echo "0 passed, 1 failed"
  exit 1
fi
ok "kubectl kustomize config/default renders"

# One line per object: kind/name/namespace (namespace "-" when absent), from
# the top-level kind and metadata of each document.
awk '
  function flush() { if (kind != "") print kind "/" name "/" (ns == "" ? "-" : ns) }
  /^---$/ { flush(); kind = ""; name = ""; ns = ""; inmeta = 0; next }
  /^kind: / { kind = $2 }
  /^metadata:/ { inmeta = 1; next }
  /^[a-zA-Z]/ { inmeta = 0 }
  inmeta && /^  name: / { name = $2 }
  inmeta && /^  namespace: / { ns = $2 }
  END { flush() }
' "$WORK/out.yaml" | sort >"$WORK/objects.txt"

cat >"$WORK/expected.txt" <<'LIST'
ClusterRole/sei-node-auth-proxy/-
ClusterRole/sei-operator-manager/-
ClusterRoleBinding/sei-operator-manager/-
CustomResourceDefinition/seinodes.sei.io/-
CustomResourceDefinition/seinodetasks.sei.io/-
Deployment/sei-operator-controller-manager/sei-operator-system
Namespace/sei-operator-system/-
Role/sei-operator-leader-election/sei-operator-system
RoleBinding/sei-operator-leader-election/sei-operator-system
Service/sei-operator-metrics/sei-operator-system
ServiceAccount/sei-operator/sei-operator-system
LIST
if diff -u "$WORK/expected.txt" "$WORK/objects.txt"; then
  ok "exactly the expected objects, each in its namespace"
else
  bad "rendered objects differ from the expected list (diff above)"
fi

grep -q '^        image: sei-operator:latest$' "$WORK/out.yaml" && ok "image placeholder" \
  || bad "image placeholder sei-operator:latest not found"
[ "$(grep -c '^    app.kubernetes.io/part-of: sei-operator$' "$WORK/out.yaml")" = "11" ] \
  && ok "every object carries app.kubernetes.io/part-of" || bad "part-of label missing somewhere"
grep -q -- '- --leader-elect$' "$WORK/out.yaml" && ok "leader election enabled" \
  || bad "--leader-elect missing"
# Both bindings name the operator's account in the operator namespace.
[ "$(grep -A2 -- '- kind: ServiceAccount' "$WORK/out.yaml" | grep -c 'namespace: sei-operator-system')" = "2" ] \
  && ok "binding subjects in sei-operator-system" || bad "binding subjects' namespace"

# A broken kustomization must fail: the test can tell.
sed -i 's|^  - \.\./manager$|  - ../manager\n  - ../missing|' "$WORK/config/default/kustomization.yaml"
grep -q '^  - \.\./missing$' "$WORK/config/default/kustomization.yaml" || bad "could not break the copy"
if timeout 60 kubectl kustomize config/default >/dev/null 2>&1; then
  bad "a kustomization naming a missing directory rendered"
else
  ok "a broken kustomization is an error"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
