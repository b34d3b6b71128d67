#!/usr/bin/env bash
# Real kubectl (1.32) against the real controlplane binary through the
# kubeconfig it writes. Every step is bounded in time; the server is killed
# on exit whatever happens.
set -uo pipefail

BIN="${TEST_SRCDIR:-.}/${TEST_WORKSPACE:-sei_operator}/cmd/controlplane/controlplane"
[ -x "$BIN" ] || BIN="$(dirname "$0")/controlplane"
HARNESS="${TEST_SRCDIR:-.}/${TEST_WORKSPACE:-sei_operator}/cmd/controlplane/kubectl_harness.sh"
[ -f "$HARNESS" ] || HARNESS="$(dirname "$0")/kubectl_harness.sh"
# shellcheck source=kubectl_harness.sh
source "$HARNESS"
harness_init kubectl_test
start_controlplane "$BIN" kubectl-test-token --pod-grace-seconds 0
cat "$WORK/server.out"
grep -q '^api https://127.0.0.1:[0-9]*$' "$WORK/server.out" && ok "prints the api line" \
  || bad "api line"
grep -q '^sidecars http://127.0.0.1:[0-9]*/{namespace}/{name}$' "$WORK/server.out" \
  && ok "prints the sidecars line" || bad "sidecars line"
[ "$(stat -c %a "$KUBECONFIG")" = "600" ] && ok "kubeconfig mode 0600" || bad "kubeconfig mode"

expect_output "kubectl version" "Server Version: v1.32.0-sei-local" K version
expect_output "kubectl api-resources (core)" "configmaps" K api-resources
expect_output "kubectl api-resources (apps)" "statefulsets" K api-resources
expect_output "kubectl create namespace" "namespace/x created" K create namespace x
expect_output "kubectl get namespaces (table)" "Active" K get namespaces

cat >"$WORK/cm.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: c1
  namespace: x
  labels:
    app: demo
data:
  k: v
YAML
expect_output "kubectl apply (create)" "configmap/c1 created" \
  K apply --validate=false -f "$WORK/cm.yaml"
expect_output "kubectl get -o json" '"k": "v"' K get cm c1 -n x -o json
expect_output "kubectl get (table)" "DATA" K get cm -n x
expect_output "kubectl get -l" "c1" K get cm -n x -l app=demo
expect_output "kubectl patch --type=merge" "configmap/c1 patched" \
  K patch cm c1 -n x --type=merge -p '{"data":{"k":"v2"}}'
expect_output "patched value" "v2" K get cm c1 -n x -o 'jsonpath={.data.k}'
sed -i 's/k: v$/k: v3/' "$WORK/cm.yaml"
expect_output "kubectl apply (configure)" "configmap/c1 configured" \
  K apply --validate=false -f "$WORK/cm.yaml"
expect_output "applied value" "v3" K get cm c1 -n x -o 'jsonpath={.data.k}'
expect_output "kubectl apply --server-side" "serverside-applied" \
  K apply --server-side --validate=false -f "$WORK/cm.yaml"
# Default validation: kubectl finds fieldValidation in /openapi/v3 and lets
# the server validate.
sed -i 's/name: c1/name: c0/' "$WORK/cm.yaml"
expect_output "kubectl apply (default validation)" "configmap/c0 created" \
  K apply -f "$WORK/cm.yaml"
# kubectl's typed generators send protobuf.
expect_output "kubectl create configmap" "configmap/g1 created" \
  K create configmap g1 -n x --from-literal=a=b
expect_output "kubectl create secret" "secret/g2 created" \
  K create secret generic g2 -n x --from-literal=a=b
expect_output "kubectl create serviceaccount" "serviceaccount/g3 created" \
  K create serviceaccount g3 -n x
expect_output "kubectl create service" "service/g4 created" \
  K create service clusterip g4 -n x --tcp=80:8080
expect_output "kubectl create job" "job.batch/g5 created" \
  K create job g5 -n x --image=busybox -- echo hi
expect_output "secret data round trip" "Yg==" K get secret g2 -n x -o 'jsonpath={.data.a}'
expect_output "kubectl label" "configmap/g1 labeled" K label cm g1 -n x tier=web
expect_output "kubectl get --show-labels" "tier=web" K get cm g1 -n x --show-labels

expect_output "service gets a cluster IP" "10.96.0." K get svc g4 -n x -o 'jsonpath={.spec.clusterIP}'

# Client-side apply of a built-in kind sends a strategic merge patch
# ($setElementOrder/containers plus the changed container): a second apply
# that changes one image must keep the other container.
cat >"$WORK/sts.yaml" <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: two, namespace: x}
spec:
  replicas: 1
  serviceName: two
  selector: {matchLabels: {app: two}}
  template:
    metadata: {labels: {app: two}}
    spec:
      containers:
      - {name: a, image: "busybox:1"}
      - {name: b, image: "busybox:1"}
YAML
CONTAINERS='jsonpath={range .spec.template.spec.containers[*]}{.name}={.image} {end}'
expect_output "kubectl apply statefulset (create)" "statefulset.apps/two created" \
  K apply --validate=false -f "$WORK/sts.yaml"
sed -i 's/name: a, image: "busybox:1"/name: a, image: "busybox:2"/' "$WORK/sts.yaml"
expect_output "kubectl apply statefulset (configure)" "statefulset.apps/two configured" \
  K apply --validate=false -f "$WORK/sts.yaml"
expect_output "re-apply keeps both containers" "a=busybox:2 b=busybox:1 " \
  K get sts two -n x -o "$CONTAINERS"
sts_json="$(K get sts two -n x -o json 2>&1)"
[[ "$sts_json" != *'$setElementOrder'* ]] && ok "no patch directive stored" \
  || bad "patch directive stored: $sts_json"
# kubectl patch defaults to a strategic merge patch: a new container is
# added (first, as kube-apiserver orders it), the others stay.
expect_output "kubectl patch (strategic)" "statefulset.apps/two patched" \
  K patch sts two -n x -p '{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox:3"}]}}}}'
expect_output "strategic patch adds a container" "c=busybox:3 a=busybox:2 b=busybox:1 " \
  K get sts two -n x -o "$CONTAINERS"

# A watch in the background, bounded twice (kubectl and timeout).
timeout 20 kubectl --request-timeout=12s get cm -n x -w >"$WORK/watch.out" 2>&1 &
WATCH_PID=$!
sleep 2
K create configmap c2 -n x --from-literal=a=b >/dev/null 2>&1
K delete configmap c2 -n x >/dev/null 2>&1
wait "$WATCH_PID"
if grep -q '^c1 ' "$WORK/watch.out" && grep -q '^c2 ' "$WORK/watch.out"; then
  ok "kubectl get -w"
else
  bad "kubectl get -w: $(cat "$WORK/watch.out")"
fi

cat >"$WORK/crd.yaml" <<'YAML'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
          status: {type: object, x-kubernetes-preserve-unknown-fields: true}
YAML
expect_output "kubectl apply CRD" "created" K apply --validate=false -f "$WORK/crd.yaml"
expect_output "kubectl wait --for=condition=Established" "condition met" \
  K wait --for=condition=Established crd/widgets.example.com --timeout=15s
cat >"$WORK/widget.yaml" <<'YAML'
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1, namespace: x}
spec: {size: 7}
YAML
expect_output "kubectl apply custom resource" "widget.example.com/w1 created" \
  K apply --validate=false -f "$WORK/widget.yaml"
expect_output "kubectl get custom resource (printer columns)" "SIZE" K get widgets -n x
expect_output "printer column value" "7" K get widgets -n x
expect_output "kubectl delete custom resource" "deleted" K delete widget w1 -n x

# The simulated cluster: a StatefulSet gets its pod, the kubelet makes it
# Ready, kubectl wait sees the condition, and an OnDelete template change
# leaves the pod alone (only updateRevision moves).
cat > "$WORK/sts.yaml" <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: x}
spec:
  replicas: 1
  serviceName: web
  selector: {matchLabels: {app: web}}
  updateStrategy: {type: OnDelete}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: "busybox:1"}]
YAML
expect_output "kubectl apply statefulset" "statefulset.apps/web created" K apply -f "$WORK/sts.yaml"
expect_output "kubectl wait --for=condition=Ready pod" "condition met" \
  K wait --for=condition=Ready pod/web-0 -n x --timeout=20s
expect_output "statefulset readyReplicas" "1" K get sts web -n x -o 'jsonpath={.status.readyReplicas}'
old_uid=$(K get pod web-0 -n x -o 'jsonpath={.metadata.uid}')
expect_output "OnDelete template change" "statefulset.apps/web patched" \
  K patch sts web -n x --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"busybox:2"}]'
sleep 1
expect_output "OnDelete keeps the old pod" "$old_uid" K get pod web-0 -n x -o 'jsonpath={.metadata.uid}'
cur=$(K get sts web -n x -o 'jsonpath={.status.currentRevision}')
upd=$(K get sts web -n x -o 'jsonpath={.status.updateRevision}')
[ -n "$upd" ] && [ "$cur" != "$upd" ] && ok "OnDelete: updateRevision moved ($cur -> $upd)" \
  || bad "OnDelete: currentRevision=$cur updateRevision=$upd"

expect_output "kubectl delete" 'configmap "c1" deleted' K delete cm c1 -n x
expect_output "kubectl get after delete" 'not found' K get cm c1 -n x
expect_output "kubectl delete namespace" 'namespace "x" deleted' K delete namespace x --wait=false

# Clean shutdown on SIGTERM, within a bound.
kill -TERM "$SERVER_PID"
for _ in $(seq 1 50); do
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$SERVER_PID" 2>/dev/null; then
  bad "SIGTERM shutdown within 5s"
else
  wait "$SERVER_PID"
  status=$?
  [ "$status" -eq 0 ] && ok "SIGTERM exits 0" || bad "SIGTERM exit status $status"
fi

harness_summary
